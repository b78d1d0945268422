import type {
  ConsultationId,
  FactName,
  FactPayload,
  KioskId,
  ParticipantId,
  ParticipantRole,
  ResumeToken,
  StaffId,
  StaffRole,
  StaffStatus,
} from '@madoguchi/shared';
import { AppError } from '../errors.ts';
import type { ParticipantMedia } from '../media/participant-media.ts';

export type Identity =
  | { role: 'kiosk'; kioskId: KioskId }
  | {
      role: StaffRole;
      staffId: StaffId;
      displayName: string;
      /** The booth of on-site staff. */
      boothId?: string | null;
    };

/** Key under which only one live session may exist (one socket per kiosk, per clerk). */
export function identityKeyOf(identity: Identity): string {
  return identity.role === 'kiosk' ? `kiosk:${identity.kioskId}` : `${identity.role}:${identity.staffId}`;
}

/**
 * Facts kept for replay: at most this many, and none older than `REPLAY_KEEP_MS` unless they were
 * sent while no socket was attached. A socket that died silently is noticed within socket.io's
 * ping interval and timeout (15 s), so what it swallowed is well inside both bounds.
 */
const REPLAY_LIMIT = 300;
const REPLAY_KEEP_MS = 60_000;

/** Sends one fact to the attached socket, with its sequence number in the session. */
export type Deliver = <N extends FactName>(name: N, payload: FactPayload<N>, seq: number) => void;

interface SentFact {
  seq: number;
  name: FactName;
  payload: unknown;
  sentAt: number;
}

/**
 * A client's session: outlives its socket for a grace period so a dropped connection can resume.
 * Every fact is numbered and the recent ones kept: a resuming client says the last number it
 * received, and everything after it is sent again, including facts its old socket swallowed
 * before anyone knew it was dead (the client drops what it already has). A session that lost
 * facts beyond what is kept is told its state afresh by `session:ready`.
 */
export class Participant {
  readonly id: ParticipantId;
  readonly identity: Identity;
  readonly resumeToken: ResumeToken;
  media: ParticipantMedia | undefined;
  consultationId: ConsultationId | undefined;
  /** The consultation a supervisor is monitoring. */
  monitoring: ConsultationId | undefined;
  staffStatus: StaffStatus;
  /** When the clerk last became available, for longest-idle-first offers. */
  availableSince = 0;
  #deliver: Deliver | undefined;
  #seq = 0;
  readonly #sent: SentFact[] = [];
  /** The last fact sent while a socket was attached (facts after it were sent to no one). */
  #detachedAfterSeq = 0;
  #graceTimer: NodeJS.Timeout | undefined;

  constructor(id: ParticipantId, identity: Identity, resumeToken: ResumeToken) {
    this.id = id;
    this.identity = identity;
    this.resumeToken = resumeToken;
    this.staffStatus = 'offline';
  }

  get role(): ParticipantRole {
    return this.identity.role;
  }

  get isAttached(): boolean {
    return this.#deliver !== undefined;
  }

  get identityKey(): string {
    return identityKeyOf(this.identity);
  }

  attach(deliver: Deliver): void {
    clearTimeout(this.#graceTimer);
    this.#graceTimer = undefined;
    this.#deliver = deliver;
  }

  /**
   * Sends again, in order, the facts after `lastSeq` (the last one the client says it received;
   * without it, the last one sent while attached). False when some of them are no longer kept.
   */
  replay(lastSeq: number | undefined): boolean {
    const after = Math.min(lastSeq ?? this.#detachedAfterSeq, this.#seq);
    // A consumer that is gone by now (its transport was replaced) is not worth announcing.
    const missed = this.#sent.filter((fact) => fact.seq > after && !this.#isStaleConsumer(fact));
    for (const { seq, name, payload } of missed) this.#deliver?.(name, payload as never, seq);
    const firstKept = this.#sent[0]?.seq ?? this.#seq + 1;
    return after + 1 >= firstKept;
  }

  /**
   * Starts the grace period, unless another connection has taken over since `deliver` was
   * attached (a resumed session's old socket closing late must not detach the new one).
   */
  detach(deliver: Deliver, graceMs: number, onExpired: () => void): boolean {
    if (this.#deliver !== deliver) return false;
    this.#deliver = undefined;
    this.#detachedAfterSeq = this.#seq;
    clearTimeout(this.#graceTimer);
    this.#graceTimer = setTimeout(onExpired, graceMs);
    this.#graceTimer.unref();
    return true;
  }

  cancelGrace(): void {
    clearTimeout(this.#graceTimer);
    this.#graceTimer = undefined;
  }

  #isStaleConsumer({ name, payload }: SentFact): boolean {
    if (name !== 'consumer:new') return false;
    const { consumerId } = payload as FactPayload<'consumer:new'>;
    return !this.media?.hasConsumer(consumerId);
  }

  /** The session is over: its media goes, with a desk router of its own; idempotent. */
  close(): void {
    this.cancelGrace();
    const media = this.media;
    this.media = undefined;
    media?.close();
  }

  notify<N extends FactName>(name: N, payload: FactPayload<N>): void {
    const seq = ++this.#seq;
    const sentAt = Date.now();
    this.#sent.push({ seq, name, payload, sentAt });
    // While detached everything is kept (up to the limit) for the resume.
    const isStale = (fact: SentFact | undefined) =>
      fact !== undefined && this.#deliver !== undefined && sentAt - fact.sentAt > REPLAY_KEEP_MS;
    while (this.#sent.length > REPLAY_LIMIT || isStale(this.#sent[0])) this.#sent.shift();
    this.#deliver?.(name, payload, seq);
  }
}

/** The staff id of a clerk; FORBIDDEN for any other participant. */
export function clerkStaffIdOf(participant: Participant): string {
  if (participant.identity.role !== 'clerk') throw AppError.forbidden('this command');
  return participant.identity.staffId;
}
