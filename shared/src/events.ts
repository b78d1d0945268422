import { z } from 'zod';
import { ackSchema, type Ack } from './ack.ts';
import {
  boothBoardSchema,
  consultationOutcomeSchema,
  handoverKindSchema,
  handoverTaskSchema,
  taskIdSchema,
} from './handover.ts';
import {
  captureKindSchema,
  captureLimits,
  captureRequestSchema,
  captureStoredSchema,
  strokeSchema,
} from './captures.ts';
import {
  awayReasonSchema,
  consultationViewSchema,
  languageSchema,
  participantRoleSchema,
  staffStatusSchema,
  type ParticipantRole,
} from './consultation.ts';
import {
  captureIdSchema,
  consultationIdSchema,
  consumerIdSchema,
  kioskIdSchema,
  participantIdSchema,
  procedureIdSchema,
  producerIdSchema,
  resumeTokenSchema,
  staffIdSchema,
  transportIdSchema,
} from './ids.ts';
import {
  controlChannelSchema,
  dtlsParametersSchema,
  iceCandidateSchema,
  iceServerSchema,
  iceParametersSchema,
  mediaKindSchema,
  mediaSourceSchema,
  rtpCapabilitiesSchema,
  rtpParametersSchema,
  sctpParametersSchema,
} from './media.ts';

const empty = z.object({}).strict();

const chatTextSchema = z.string().trim().min(1).max(500);

export const documentIdSchema = z.uuid().brand<'DocumentId'>();
export type DocumentId = z.infer<typeof documentIdSchema>;

const deviceStateSchema = z.enum(['ok', 'missing', 'failed']);
export const kioskDevicesSchema = z
  .object({
    camera: deviceStateSchema,
    documentCamera: deviceStateSchema,
    microphone: deviceStateSchema,
    speaker: deviceStateSchema,
  })
  .strict();
export type KioskDevices = z.infer<typeof kioskDevicesSchema>;

export const queueSnapshotSchema = z.object({
  at: z.iso.datetime(),
  callers: z.array(
    z.object({
      consultationId: consultationIdSchema,
      procedureId: procedureIdSchema,
      kioskId: kioskIdSchema,
      language: languageSchema,
      isReservation: z.boolean(),
      waitingSince: z.iso.datetime(),
      offeredTo: staffIdSchema.nullable(),
    }),
  ),
  /** Calls being answered now, and who is monitoring them. */
  consultations: z.array(
    z.object({
      consultationId: consultationIdSchema,
      procedureId: procedureIdSchema,
      kioskId: kioskIdSchema,
      language: languageSchema,
      staff: z.array(staffIdSchema),
      answeredAt: z.iso.datetime(),
      monitoredBy: z.array(staffIdSchema),
    }),
  ),
  /** Every kiosk of the catalogue's open booths: connected, in service, what its devices said. */
  kiosks: z.array(
    z.object({
      kioskId: kioskIdSchema,
      isConnected: z.boolean(),
      isInService: z.boolean(),
      devices: kioskDevicesSchema.nullable(),
    }),
  ),
  clerks: z.array(
    z.object({
      staffId: staffIdSchema,
      displayName: z.string(),
      status: staffStatusSchema,
      since: z.iso.datetime(),
      isConnected: z.boolean(),
      awayReason: z.string().nullable(),
      consultationId: consultationIdSchema.nullable(),
    }),
  ),
});
export type QueueSnapshotView = z.infer<typeof queueSnapshotSchema>;

interface CommandSpec<Req extends z.ZodType, Res extends z.ZodType> {
  request: Req;
  response: Res;
  /** Roles allowed to send the command; anyone else is refused with FORBIDDEN. */
  roles: readonly ParticipantRole[];
}

const command = <Req extends z.ZodType, Res extends z.ZodType>(
  spec: CommandSpec<Req, Res>,
): CommandSpec<Req, Res> => spec;

/** Those who carry media in a call. */
const inCall = ['kiosk', 'clerk'] as const satisfies readonly ParticipantRole[];
/** Those who receive media: the call's members, and supervisors monitoring it. */
const receivers = ['kiosk', 'clerk', 'supervisor'] as const satisfies readonly ParticipantRole[];

export const transportOptionsSchema = z.object({
  id: transportIdSchema,
  iceParameters: iceParametersSchema,
  iceCandidates: z.array(iceCandidateSchema).max(16),
  dtlsParameters: dtlsParametersSchema,
  sctpParameters: sctpParametersSchema.optional(),
  /**
   * Receive transports come with a server → client data channel. Opening it right away makes the
   * transport connect (ICE, DTLS) before any call, so answering does not wait for a handshake.
   */
  controlChannel: controlChannelSchema.optional(),
  /** TURN servers with short-lived credentials, when the deployment has them. */
  iceServers: z.array(iceServerSchema).max(4).optional(),
  /** `relay` sends all media through TURN (for networks that allow nothing else). */
  iceTransportPolicy: z.enum(['all', 'relay']).optional(),
  /** When the TURN credentials stop working: ask `media:refresh-ice-servers` well before. */
  iceServersValidUntil: z.iso.datetime().optional(),
});
export type TransportOptions = z.infer<typeof transportOptionsSchema>;

/** Client → server commands, named `entity:verb`, each answered through its acknowledgement. */
export const commands = {
  'media:get-capabilities': command({
    request: empty,
    response: z.object({ routerRtpCapabilities: rtpCapabilitiesSchema }),
    roles: receivers,
  }),
  'transport:create': command({
    request: z.discriminatedUnion('direction', [
      z.object({ direction: z.literal('send') }).strict(),
      // The receiving side's capabilities decide which codecs its consumers get.
      z.object({ direction: z.literal('recv'), rtpCapabilities: rtpCapabilitiesSchema }).strict(),
    ]),
    response: transportOptionsSchema,
    roles: receivers,
  }),
  'transport:connect': command({
    request: z.object({ transportId: transportIdSchema, dtlsParameters: dtlsParametersSchema }).strict(),
    response: empty,
    roles: receivers,
  }),
  'producer:create': command({
    request: z
      .object({
        transportId: transportIdSchema,
        kind: mediaKindSchema,
        rtpParameters: rtpParametersSchema,
        source: mediaSourceSchema,
      })
      .strict(),
    response: z.object({ producerId: producerIdSchema }),
    roles: ['kiosk', 'clerk', 'supervisor'],
  }),
  'consumer:resume': command({
    request: z.object({ consumerId: consumerIdSchema }).strict(),
    response: empty,
    roles: receivers,
  }),
  /**
   * The client's transport lost its connection (`disconnected`/`failed`): new ICE credentials on
   * the server's side, for the client's own `restartIce`. The DTLS session and every producer and
   * consumer on the transport stay.
   */
  /**
   * Fresh TURN credentials for transports that outlive the old ones (a clerk's desk is connected
   * for a whole working day); nothing when the deployment has no TURN.
   */
  'media:refresh-ice-servers': command({
    request: empty,
    response: z.object({
      iceServers: z.array(iceServerSchema).max(4).optional(),
      iceServersValidUntil: z.iso.datetime().optional(),
    }),
    roles: receivers,
  }),
  'transport:restart-ice': command({
    request: z.object({ transportId: transportIdSchema }).strict(),
    response: z.object({ iceParameters: iceParametersSchema }),
    roles: receivers,
  }),
  'consultation:request': command({
    request: z.object({ procedureId: procedureIdSchema, language: languageSchema }).strict(),
    // Outside opening hours the resident is told when the window opens, which is not an error.
    response: z.discriminatedUnion('outcome', [
      z.object({ outcome: z.literal('queued'), consultation: consultationViewSchema }),
      z.object({ outcome: z.literal('closed'), nextOpeningAt: z.iso.datetime().nullable() }),
    ]),
    roles: ['kiosk'],
  }),
  'consultation:cancel': command({
    request: z.object({ consultationId: consultationIdSchema }).strict(),
    response: empty,
    roles: ['kiosk'],
  }),
  'consultation:hang-up': command({
    request: z.object({ consultationId: consultationIdSchema }).strict(),
    response: empty,
    roles: inCall,
  }),
  'staff:set-status': command({
    request: z.discriminatedUnion('status', [
      z.object({ status: z.literal('available') }).strict(),
      z.object({ status: z.literal('away'), reason: awayReasonSchema }).strict(),
    ]),
    response: z.object({ status: staffStatusSchema }),
    roles: ['clerk'],
  }),
  'call:accept': command({
    request: z.object({ consultationId: consultationIdSchema }).strict(),
    response: z.object({ consultation: consultationViewSchema }),
    roles: ['clerk'],
  }),
  'call:decline': command({
    request: z.object({ consultationId: consultationIdSchema }).strict(),
    response: empty,
    roles: ['clerk'],
  }),
  /** The clerk asks the kiosk for a document still or a signature; the kiosk hears capture:requested. */
  'capture:request': command({
    request: captureRequestSchema,
    response: z.object({ captureId: captureIdSchema }),
    roles: ['clerk'],
  }),
  /** New strokes on the signature pad, relayed live to the clerk. */
  'signature:strokes': command({
    request: z
      .object({
        captureId: captureIdSchema,
        strokes: z.array(strokeSchema).min(1).max(captureLimits.maxStrokesPerMessage),
      })
      .strict(),
    response: empty,
    roles: ['kiosk'],
  }),
  'signature:clear': command({
    request: z.object({ captureId: captureIdSchema }).strict(),
    response: empty,
    roles: ['kiosk'],
  }),
  /** The resident pressed done; the rendered image must have been uploaded first. */
  'signature:submit': command({
    request: z.object({ captureId: captureIdSchema }).strict(),
    response: empty,
    roles: ['kiosk'],
  }),
  /** The clerk accepts the signature or asks the resident to sign again. */
  'signature:decide': command({
    request: z.object({ captureId: captureIdSchema, decision: z.enum(['accept', 'retry']) }).strict(),
    response: empty,
    roles: ['clerk'],
  }),
  /** In-call text chat, for residents who cannot hear well (and for spelling names and numbers). */
  'chat:send': command({
    request: z.object({ consultationId: consultationIdSchema, text: chatTextSchema }).strict(),
    response: z.object({ messageId: z.uuid(), sentAt: z.iso.datetime() }),
    roles: inCall,
  }),
  /** The clerk takes a pushed document off the kiosk's screen. */
  'document:close': command({
    request: z.object({ consultationId: consultationIdSchema, documentId: documentIdSchema }).strict(),
    response: empty,
    roles: ['clerk'],
  }),
  /** After the call: the resident's one-tap satisfaction answer (5 = very satisfied). */
  'survey:submit': command({
    request: z
      .object({
        consultationId: consultationIdSchema,
        rating: z.number().int().min(1).max(5),
        comment: z.string().trim().max(500).optional(),
      })
      .strict(),
    response: empty,
    roles: ['kiosk'],
  }),
  /** The kiosk's device check; a kiosk with a failed device is out of service. */
  'kiosk:report-devices': command({
    request: z.object({ devices: kioskDevicesSchema }).strict(),
    response: z.object({ isInService: z.boolean() }),
    roles: ['kiosk'],
  }),
  /** The resident pressed the call-staff button: the booth's on-site staff come to help. */
  'kiosk:request-help': command({
    request: z.object({ reason: z.enum(['resident', 'device']) }).strict(),
    response: empty,
    roles: ['kiosk'],
  }),
  /**
   * 回らない窓口: a clerk in the call invites a clerk of another department (or an interpreter),
   * who joins the same call; the resident never moves. The invitee must be available.
   */
  'consultation:invite': command({
    request: z
      .object({
        consultationId: consultationIdSchema,
        staffId: staffIdSchema,
        note: z.string().trim().max(300),
      })
      .strict(),
    response: empty,
    roles: ['clerk'],
  }),
  /** Clerks a clerk could invite: everyone signed in, with status and skills. */
  'staff:colleagues': command({
    request: empty,
    response: z.object({
      colleagues: z.array(
        z.object({
          staffId: staffIdSchema,
          displayName: z.string(),
          status: staffStatusSchema,
          skills: z.array(z.string()),
          languages: z.array(z.string()),
        }),
      ),
    }),
    roles: ['clerk'],
  }),
  /** The invited clerk joins the call. */
  'call:join': command({
    request: z.object({ consultationId: consultationIdSchema }).strict(),
    response: z.object({ consultation: consultationViewSchema }),
    roles: ['clerk'],
  }),
  'call:decline-invite': command({
    request: z.object({ consultationId: consultationIdSchema }).strict(),
    response: empty,
    roles: ['clerk'],
  }),
  /**
   * Hands the resident to another procedure's queue with a note for the next clerk. The resident
   * stays on the line with this clerk, and sees that a transfer is under way, until a clerk with
   * that skill answers; then the transferring clerk leaves the call.
   */
  'consultation:transfer': command({
    request: z
      .object({
        consultationId: consultationIdSchema,
        procedureId: procedureIdSchema,
        note: z.string().trim().max(300),
      })
      .strict(),
    response: z.object({ consultation: consultationViewSchema }),
    roles: ['clerk'],
  }),
  /** A clerk leaves a call that others go on with (e.g. after handing the resident over). */
  'consultation:leave': command({
    request: z.object({ consultationId: consultationIdSchema }).strict(),
    response: empty,
    roles: ['clerk', 'supervisor'],
  }),
  /**
   * After the call: the clerk records the outcome and notes, and hands tasks to the booth's
   * on-site staff. Once per consultation, by a clerk who served it, within an hour of its end.
   */
  'consultation:wrap-up': command({
    request: z
      .object({
        consultationId: consultationIdSchema,
        outcome: consultationOutcomeSchema,
        notes: z.string().trim().max(2000),
        tasks: z
          .array(z.object({ kind: handoverKindSchema, note: z.string().trim().max(300) }).strict())
          .max(5),
      })
      .strict(),
    response: z.object({ tasks: z.array(handoverTaskSchema) }),
    roles: ['clerk'],
  }),
  /** On-site staff: their booth's kiosks and tasks. */
  'onsite:get-board': command({ request: empty, response: boothBoardSchema, roles: ['onsite'] }),
  'task:resolve': command({
    request: z
      .object({
        taskId: taskIdSchema,
        status: z.enum(['done', 'problem']),
        problemNote: z.string().trim().max(300).optional(),
      })
      .strict(),
    response: z.object({ task: handoverTaskSchema }),
    roles: ['onsite'],
  }),
  /** A supervisor watches and listens to a running call, unseen by the resident. */
  'supervisor:monitor': command({
    request: z.object({ consultationId: consultationIdSchema }).strict(),
    response: empty,
    roles: ['supervisor'],
  }),
  /** A supervisor monitoring a call joins it to assist: seen and heard by everyone from now on. */
  'supervisor:join': command({
    request: z.object({ consultationId: consultationIdSchema }).strict(),
    response: z.object({ consultation: consultationViewSchema }),
    roles: ['supervisor'],
  }),
  'supervisor:stop-monitoring': command({
    request: z.object({ consultationId: consultationIdSchema }).strict(),
    response: empty,
    roles: ['supervisor'],
  }),
  'supervisor:get-snapshot': command({
    request: empty,
    response: queueSnapshotSchema,
    roles: ['supervisor', 'admin'],
  }),
} as const;

export type CommandName = keyof typeof commands;
export type CommandRequest<N extends CommandName> = z.infer<(typeof commands)[N]['request']>;
export type CommandResponse<N extends CommandName> = z.infer<(typeof commands)[N]['response']>;
export const commandAckSchema = <N extends CommandName>(name: N) => ackSchema(commands[name].response);

/** Server → client facts, named `entity:past-tense-or-state`. */
export const facts = {
  'session:ready': z.object({
    participantId: participantIdSchema,
    role: participantRoleSchema,
    resumeToken: resumeTokenSchema,
    /** True when this socket re-attached to a session that outlived a dropped connection. */
    isResumed: z.boolean(),
    consultation: consultationViewSchema.nullable(),
    staffStatus: staffStatusSchema.nullable(),
    /** A clerk's own skills (with proficiency 1–5) and spoken languages, from the catalogue. */
    clerkProfile: z
      .object({
        skills: z.array(z.object({ skillId: z.string(), proficiency: z.number().int().min(1).max(5) })),
        languages: z.array(z.string()),
      })
      .nullable()
      .default(null),
  }),
  /**
   * The server ends this session on purpose and cuts the socket right after: the client must not
   * reconnect by itself (a newer login of the same identity, logout everywhere, a revoked kiosk).
   */
  'session:ended': z.object({
    reason: z.enum([
      'replaced',
      'logged-out',
      'revoked',
      /** The staff login session expired or was idle too long. */
      'expired',
      'account-disabled',
      'role-changed',
      'password-reset',
      /** The staff member changed their password on another device. */
      'password-changed',
      /** An administrator ended this staff member's sessions. */
      'ended-by-administrator',
    ]),
  }),
  'consultation:updated': z.object({ consultation: consultationViewSchema }),
  'call:offered': z.object({
    consultationId: consultationIdSchema,
    procedureId: procedureIdSchema,
    kioskId: kioskIdSchema,
    language: languageSchema,
    waitingSince: z.iso.datetime(),
    expiresAt: z.iso.datetime(),
    /** Set when a colleague transfers a running call: from which procedure, by whom, and why. */
    transfer: z
      .object({ fromProcedureId: procedureIdSchema, byName: z.string(), note: z.string() })
      .nullable()
      .default(null),
  }),
  'call:offer-withdrawn': z.object({
    consultationId: consultationIdSchema,
    reason: z.enum(['cancelled', 'expired', 'declined', 'ended', 'status-changed']),
  }),
  'staff:status-changed': z.object({
    status: staffStatusSchema,
    reason: z.string().max(64).nullable(),
    /** When wrap-up ends by itself. */
    until: z.iso.datetime().nullable(),
  }),
  /** The resident's place in the queue; position 0 means next. */
  'queue:updated': z.object({
    consultationId: consultationIdSchema,
    position: z.number().int().min(0),
    /** Null while no clerk who could take the call is signed in. */
    expectedWaitMs: z.number().int().min(0).nullable(),
  }),
  /** Pushed to supervisors whenever queues or clerks change. */
  'queue:snapshot': queueSnapshotSchema,
  /** To the kiosk: take a document still (upload it) or open the signature pad. */
  'capture:requested': z.object({
    consultationId: consultationIdSchema,
    captureId: captureIdSchema,
    kind: captureKindSchema,
  }),
  /** To the clerks: a still or a signature image is stored and can be fetched. */
  'capture:stored': captureStoredSchema,
  /** To the clerks, live: strokes drawn since the last update, or the pad was cleared. */
  'signature:updated': z.object({
    captureId: captureIdSchema,
    strokes: z.array(strokeSchema),
    isCleared: z.boolean(),
  }),
  'signature:submitted': z.object({ captureId: captureIdSchema }),
  'chat:message': z.object({
    consultationId: consultationIdSchema,
    messageId: z.uuid(),
    from: z.enum(['resident', 'clerk']),
    /** The clerk's display name; null for the resident. */
    senderName: z.string().nullable(),
    text: chatTextSchema,
    sentAt: z.iso.datetime(),
  }),
  /** To the kiosk: show this document (fetch it with the kiosk credential) full screen. */
  'document:shown': z.object({
    consultationId: consultationIdSchema,
    documentId: documentIdSchema,
    mimeType: z.enum(['image/jpeg', 'image/png']),
    width: z.number().int().positive(),
    height: z.number().int().positive(),
  }),
  'document:closed': z.object({ consultationId: consultationIdSchema, documentId: documentIdSchema }),
  /** To the booth's on-site staff and to supervisors: a kiosk needs someone. */
  'help:requested': z.object({
    kioskId: kioskIdSchema,
    reason: z.enum(['resident', 'device']),
    at: z.iso.datetime(),
  }),
  /** To a clerk: a colleague asks them to join a running call. */
  'call:invited': z.object({
    consultationId: consultationIdSchema,
    procedureId: procedureIdSchema,
    kioskId: kioskIdSchema,
    language: languageSchema,
    invitedBy: z.string(),
    note: z.string(),
  }),
  /** To the inviting clerk: the invitation was declined (or the invitee went away). */
  'call:invite-declined': z.object({ consultationId: consultationIdSchema, staffId: staffIdSchema }),
  /** To the booth's on-site staff (and supervisors): a task was handed over or resolved. */
  'task:updated': z.object({ task: handoverTaskSchema }),
  /** To the booth's on-site staff: the state of their kiosks changed. */
  'booth:updated': boothBoardSchema,
  /** To the kiosk: the clerk's decision on the signature. */
  'signature:decided': z.object({ captureId: captureIdSchema, decision: z.enum(['accept', 'retry']) }),
  'consumer:new': z.object({
    consumerId: consumerIdSchema,
    producerId: producerIdSchema,
    kind: mediaKindSchema,
    rtpParameters: rtpParametersSchema,
    source: mediaSourceSchema,
    participantId: participantIdSchema,
    role: participantRoleSchema,
  }),
  'consumer:closed': z.object({ consumerId: consumerIdSchema }),
  /**
   * The participant's media session on the server is gone (the media worker carrying it died) and
   * a new one awaits on a healthy worker: the client starts media again (capabilities, transports,
   * producers) and its consumers follow. The call itself goes on.
   */
  'media:reset': z.object({ reason: z.enum(['worker-died']) }),
} as const;

export type FactName = keyof typeof facts;
export type FactPayload<N extends FactName> = z.infer<(typeof facts)[N]>;

/** socket.io typings derived from the contract (types only: payloads are still parsed on receipt). */
export type ClientToServerEvents = {
  [N in CommandName]: (payload: unknown, ack: (response: Ack<CommandResponse<N>>) => void) => void;
};
export type ServerToClientEvents = {
  /** `seq` numbers the facts of a session, for replay on resume (`session:ready` has none). */
  [N in FactName]: (payload: FactPayload<N>, seq?: number) => void;
};
