import type { IncomingMessage } from 'node:http';
import type { Server as HttpsServer } from 'node:https';
import type { Logger } from 'pino';
import { Server, type Socket } from 'socket.io';
import {
  handshakeAuthSchema,
  type ClientToServerEvents,
  type FactPayload,
  type ServerToClientEvents,
} from '@madoguchi/shared';
import type { ConsultationService } from '../sessions/consultation-service.ts';
import type { Deliver, Identity, Participant } from '../sessions/participant.ts';
import type { ParticipantRegistry } from '../sessions/participant-registry.ts';
import type { SessionMediaService } from '../sessions/session-media.ts';
import { AppError } from '../errors.ts';
import type { CaptureService } from '../captures/capture-service.ts';
import { boothHandlers } from './handlers/booth.ts';
import { captureHandlers } from './handlers/capture.ts';
import { handoverHandlers } from './handlers/handover.ts';
import { consultationHandlers } from './handlers/consultation.ts';
import type { Identify } from './identify.ts';
import { mediaHandlers } from './handlers/media.ts';
import { createRateLimits, type RateLimitOptions } from './rate-limits.ts';
import { registerHandlers, type CommandHandlers } from './register-handlers.ts';

export interface SocketServerOptions {
  server: HttpsServer;
  registry: ParticipantRegistry;
  consultations: ConsultationService;
  media: SessionMediaService;
  captures: CaptureService;
  booth: Parameters<typeof boothHandlers>[0];
  handover: Parameters<typeof handoverHandlers>[0];
  /** Who a handshake speaks for (throws UNAUTHENTICATED). */
  identify: Identify;
  resumeGraceMs: number;
  rateLimits: RateLimitOptions;
  /** The client address of a handshake, for its rate limit: the one HTTP routes use (trustProxy). */
  clientAddress: (request: IncomingMessage) => string;
  /** Staff sockets end with their login session; they are checked this often for expiry or idleness. */
  staffSessions: {
    isLive: (key: string) => Promise<boolean>;
    /** A command on the socket is activity of its session. */
    touch: (key: string) => Promise<void>;
    checkIntervalMs: number;
  };
  log: Logger;
}

export type SessionEndReason = FactPayload<'session:ended'>['reason'];

export interface SocketServer {
  io: Server;
  /** Cuts off whoever speaks for this identity (revoked kiosk, a kiosk removed from the catalogue). */
  disconnect: (identity: Identity, reason: SessionEndReason) => void;
  /**
   * Cuts off every socket a staff member opened, whatever their role then, or only those of one
   * login session (`sessionKey`), or all but one (`exceptSessionKey`). Returns how many sessions
   * of live sockets ended.
   */
  disconnectStaff: (
    staffId: string,
    reason: SessionEndReason,
    options?: { sessionKey?: string; exceptSessionKey?: string },
  ) => number;
  /** Stops the periodic session check. */
  close: () => void;
}

interface SocketData {
  participant: Participant;
  /** The staff login session the socket was opened with; absent for kiosks. */
  staffSession: { staffId: string; key: string } | undefined;
  isResumed: boolean;
  /** From a resuming handshake: the last fact the client received. */
  lastFactSeq: number | undefined;
}

/**
 * socket.io on the HTTPS server. The handshake must carry a valid identity; each connection is
 * bound to a session (new, or resumed with its token) and every command goes through
 * registerHandlers.
 */
export function createSocketServer(options: SocketServerOptions): SocketServer {
  const { registry, consultations, log } = options;
  const io = new Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>(
    options.server,
    {
      // Media negotiation payloads are a few kilobytes; anything far larger is not ours.
      maxHttpBufferSize: 64 * 1024,
      serveClient: false,
      pingInterval: 10_000,
      pingTimeout: 5_000,
    },
  );
  const handlers: CommandHandlers = {
    ...mediaHandlers(options.media),
    ...consultationHandlers(consultations),
    ...captureHandlers(options.captures),
    ...boothHandlers(options.booth),
    ...handoverHandlers(options.handover),
  };
  const limits = createRateLimits(options.rateLimits);
  /** Tells the participant's sockets their session is over, then cuts them off. */
  const endSessionsOf = (participant: Participant, reason: SessionEndReason) => {
    for (const socket of io.sockets.sockets.values()) {
      if ((socket.data as SocketData | undefined)?.participant !== participant) continue;
      socket.emit('session:ended', { reason });
      socket.disconnect(true);
    }
  };

  io.use(async (socket, next) => {
    const remote = options.clientAddress(socket.request);
    if (!(await limits.handshake(remote))) {
      log.warn({ remote }, 'handshake refused: too many attempts');
      const error = new Error('too many connection attempts') as Error & { data: unknown };
      error.data = { code: 'RATE_LIMITED' };
      next(error);
      return;
    }
    const parsed = handshakeAuthSchema.safeParse(socket.handshake.auth);
    if (!parsed.success) {
      log.info({ socketId: socket.id, remote }, 'handshake refused');
      const error = new Error('a valid identity is required') as Error & { data: unknown };
      error.data = { code: 'UNAUTHENTICATED' };
      next(error);
      return;
    }
    const auth = parsed.data;
    let identity: Identity;
    let staffSession: SocketData['staffSession'];
    try {
      ({ identity, staffSession } = await options.identify(auth, socket.handshake.headers.cookie));
    } catch (error) {
      const message = error instanceof AppError ? error.message : 'handshake refused';
      const code =
        error instanceof AppError && error.code === 'PASSWORD_CHANGE_REQUIRED'
          ? error.code
          : 'UNAUTHENTICATED';
      log.info({ socketId: socket.id, role: auth.role, reason: message }, 'handshake refused');
      const refusal = new Error(message) as Error & { data: unknown };
      refusal.data = { code };
      next(refusal);
      return;
    }
    const resumed = auth.resumeToken ? registry.findResumable(auth.resumeToken, identity) : undefined;
    if (resumed) {
      socket.data = { participant: resumed, staffSession, isResumed: true, lastFactSeq: auth.lastFactSeq };
    } else {
      // One live session per kiosk and per clerk: a fresh login replaces a stale one.
      const stale = registry.findByIdentity(identity);
      if (stale) {
        log.info({ participantId: stale.id }, 'session replaced by a new login');
        endSessionsOf(stale, 'replaced');
        consultations.leave(stale);
      }
      socket.data = {
        participant: registry.create(identity),
        staffSession,
        isResumed: false,
        lastFactSeq: undefined,
      };
    }
    next();
  });

  io.on('connection', (socket) => onConnection(socket, handlers, () => limits.command(socket.id), options));

  const disconnectStaff: SocketServer['disconnectStaff'] = (staffId, reason, filter = {}) => {
    const ended = new Map<Participant, string>();
    for (const socket of io.sockets.sockets.values()) {
      const data = socket.data as SocketData | undefined;
      const session = data?.staffSession;
      if (!data || !session || session.staffId !== staffId) continue;
      if (filter.sessionKey !== undefined && session.key !== filter.sessionKey) continue;
      if (filter.exceptSessionKey !== undefined && session.key === filter.exceptSessionKey) continue;
      ended.set(data.participant, session.key);
    }
    for (const participant of ended.keys()) {
      log.info({ participantId: participant.id, staffId, reason }, 'staff session ended; socket cut off');
      endSessionsOf(participant, reason);
      // Its session ends now: no grace period for a client that was cut off on purpose.
      consultations.leave(participant);
    }
    return new Set(ended.values()).size;
  };

  // Expiry and idleness are noticed here: nothing else would tell an open socket its login ended.
  let isChecking = false;
  const checkStaffSessions = async () => {
    if (isChecking) return;
    isChecking = true;
    try {
      const sessions = new Map<string, string>();
      for (const socket of io.sockets.sockets.values()) {
        const session = (socket.data as SocketData | undefined)?.staffSession;
        if (session) sessions.set(session.key, session.staffId);
      }
      for (const [key, staffId] of sessions) {
        if (!(await options.staffSessions.isLive(key)))
          disconnectStaff(staffId, 'expired', { sessionKey: key });
      }
    } catch (error) {
      log.error({ err: error }, 'staff session check failed');
    } finally {
      isChecking = false;
    }
  };
  const sessionCheck = setInterval(() => void checkStaffSessions(), options.staffSessions.checkIntervalMs);
  sessionCheck.unref();

  return {
    io,
    disconnect: (identity, reason) => {
      const participant = registry.findByIdentity(identity);
      if (!participant) return;
      endSessionsOf(participant, reason);
      // Its session ends now: no grace period for a client that was cut off on purpose.
      consultations.leave(participant);
    },
    disconnectStaff,
    close: () => clearInterval(sessionCheck),
  };
}

function onConnection(
  socket: Socket,
  handlers: CommandHandlers,
  isWithinRate: () => Promise<boolean>,
  options: SocketServerOptions,
): void {
  const { participant, staffSession, isResumed, lastFactSeq } = socket.data as SocketData;
  const log = options.log.child({
    participantId: participant.id,
    role: participant.role,
    socketId: socket.id,
  });
  const deliver: Deliver = (name, payload, seq) => {
    socket.emit(name, payload as never, seq);
  };
  participant.attach(deliver);
  // A resumed session may still have its old socket: it no longer speaks for the participant.
  for (const other of socket.nsp.sockets.values()) {
    if (other !== socket && (other.data as SocketData | undefined)?.participant === participant)
      other.disconnect(true);
  }
  registerHandlers(socket, participant, handlers, log, isWithinRate);
  if (staffSession) {
    let lastTouchedAt = Date.now();
    socket.onAny(() => {
      const now = Date.now();
      if (now - lastTouchedAt < options.staffSessions.checkIntervalMs) return;
      lastTouchedAt = now;
      options.staffSessions
        .touch(staffSession.key)
        .catch((error: unknown) => log.error({ err: error }, 'session activity not recorded'));
    });
  }
  if (!isResumed && participant.role === 'kiosk') options.consultations.kioskConnected(participant);
  // Before session:ready, so that it names a call the clerk was in before a server restart.
  if (!isResumed && participant.role === 'clerk') options.consultations.clerkReturning(participant);
  const consultation = options.consultations.current(participant);
  socket.emit('session:ready', {
    participantId: participant.id,
    role: participant.role,
    resumeToken: participant.resumeToken,
    isResumed,
    consultation: consultation?.view() ?? null,
    staffStatus: participant.role === 'clerk' ? participant.staffStatus : null,
    clerkProfile: options.consultations.clerkProfileOf(participant),
  });
  if (!participant.replay(lastFactSeq))
    log.warn({ lastFactSeq }, 'resumed session missed facts no longer kept');
  // After session:ready, so that a pending offer re-sent to the clerk arrives after it.
  if (!isResumed && participant.role === 'clerk') options.consultations.clerkConnected(participant);
  options.consultations.notifyChanged();
  log.info({ isResumed }, 'session attached');

  socket.on('disconnect', (reason) => {
    const isDetached = participant.detach(deliver, options.resumeGraceMs, () => {
      log.info('resume grace period over; session ends');
      options.consultations.leave(participant);
    });
    if (isDetached) log.info({ reason }, 'socket disconnected; waiting for resume');
    options.consultations.notifyChanged();
  });
}
