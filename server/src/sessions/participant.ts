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

/** Facts held for a participant whose socket dropped, replayed when it resumes. */
const OUTBOX_LIMIT = 500;

export type Deliver = <N extends FactName>(name: N, payload: FactPayload<N>) => void;

/**
 * A client's session: outlives its socket for a grace period so a dropped connection can resume.
 * Facts sent while detached wait in an outbox (bounded; a session that overflows it is stale and
 * will be told its state afresh on resume).
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
  #outbox: { name: FactName; payload: unknown }[] = [];
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

  /** Replays what was sent while detached, in order. */
  flushOutbox(): void {
    const pending = this.#outbox;
    this.#outbox = [];
    for (const { name, payload } of pending) this.#deliver?.(name, payload as never);
  }

  /**
   * Starts the grace period, unless another connection has taken over since `deliver` was
   * attached (a resumed session's old socket closing late must not detach the new one).
   */
  detach(deliver: Deliver, graceMs: number, onExpired: () => void): boolean {
    if (this.#deliver !== deliver) return false;
    this.#deliver = undefined;
    clearTimeout(this.#graceTimer);
    this.#graceTimer = setTimeout(onExpired, graceMs);
    this.#graceTimer.unref();
    return true;
  }

  cancelGrace(): void {
    clearTimeout(this.#graceTimer);
    this.#graceTimer = undefined;
  }

  notify<N extends FactName>(name: N, payload: FactPayload<N>): void {
    if (this.#deliver) {
      this.#deliver(name, payload);
      return;
    }
    if (this.#outbox.length < OUTBOX_LIMIT) this.#outbox.push({ name, payload });
  }
}

/** The staff id of a clerk; FORBIDDEN for any other participant. */
export function clerkStaffIdOf(participant: Participant): string {
  if (participant.identity.role !== 'clerk') throw AppError.forbidden('this command');
  return participant.identity.staffId;
}
