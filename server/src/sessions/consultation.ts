import type {
  ConsultationEndReason,
  ConsultationId,
  ConsultationStatus,
  ConsultationView,
  KioskId,
  Language,
  ProcedureId,
} from '@madoguchi/shared';
import { AppError } from '../errors.ts';
import type { ConsultationMedia } from '../media/consultation-media.ts';
import type { Participant } from './participant.ts';

export interface Offer {
  staffId: string;
  expiresAt: number;
  /** The queue entry offered: the consultation itself, or a transfer of it. */
  callerId: string;
}

/** A running call handed to another procedure's queue; the resident stays on the line meanwhile. */
export interface Transfer {
  /** The queue entry of the transfer (the consultation id with a suffix). */
  callerId: string;
  procedureId: ProcedureId;
  note: string;
  byStaffId: string;
  byName: string;
}

/**
 * One resident's visit to the remote window, from the call button to the end of the call. The one
 * owner of its state: every change is a named transition below, checked where a wrong order would
 * leave the call inconsistent, and `close()` (idempotent) lets go of its media and its members.
 */
export class Consultation {
  readonly id: ConsultationId;
  readonly language: Language;
  readonly kioskId: KioskId;
  readonly requestedAt: number;
  #procedureId: ProcedureId;
  #status: ConsultationStatus = 'waiting';
  #kiosk: Participant | undefined;
  #media: ConsultationMedia | undefined;
  #staff: Participant[] = [];
  #monitors: Participant[] = [];
  readonly #servedBy: string[] = [];
  readonly #invited = new Map<string, string>();
  readonly #awaitedStaff = new Set<string>();
  #offer: Offer | undefined;
  #transfer: Transfer | undefined;
  #transferCount = 0;
  #answeredAt: number | undefined;
  #endedAt: number | undefined;
  #endReason: ConsultationEndReason | undefined;
  #isClosed = false;

  constructor(options: {
    id: ConsultationId;
    procedureId: ProcedureId;
    language: Language;
    kiosk: Participant | undefined;
    kioskId: KioskId;
    requestedAt: number;
  }) {
    this.id = options.id;
    this.#procedureId = options.procedureId;
    this.language = options.language;
    this.#kiosk = options.kiosk;
    this.kioskId = options.kioskId;
    this.requestedAt = options.requestedAt;
  }

  /** Changes when a transfer to another procedure is answered. */
  get procedureId(): ProcedureId {
    return this.#procedureId;
  }

  get status(): ConsultationStatus {
    return this.#status;
  }

  get isLive(): boolean {
    return this.#status !== 'ended';
  }

  /** Undefined while the kiosk is reconnecting (e.g. after a server restart). */
  get kiosk(): Participant | undefined {
    return this.#kiosk;
  }

  /** Created with the consultation, or again on demand after a restart or a lost worker. */
  get media(): ConsultationMedia | undefined {
    return this.#media;
  }

  /** Staff in the call, in the order they joined. */
  get staff(): readonly Participant[] {
    return this.#staff;
  }

  /** Supervisors watching and listening, unseen by the resident (not in the view). */
  get monitors(): readonly Participant[] {
    return this.#monitors;
  }

  /** Every clerk who took part, in order, including those who left before the end. */
  get servedBy(): readonly string[] {
    return this.#servedBy;
  }

  /**
   * Clerks who were in the call when the server restarted and have not come back yet; they take
   * their place again when they reconnect.
   */
  get awaitedStaff(): ReadonlySet<string> {
    return this.#awaitedStaff;
  }

  get offer(): Offer | undefined {
    return this.#offer;
  }

  get transfer(): Transfer | undefined {
    return this.#transfer;
  }

  get answeredAt(): number | undefined {
    return this.#answeredAt;
  }

  get endedAt(): number | undefined {
    return this.#endedAt;
  }

  get endReason(): ConsultationEndReason | undefined {
    return this.#endReason;
  }

  members(): Participant[] {
    return this.#kiosk ? [this.#kiosk, ...this.#staff] : [...this.#staff];
  }

  /** The kiosk is back (a new session after a restart): the consultation is its own again. */
  kioskReturned(kiosk: Participant): void {
    this.#kiosk = kiosk;
    kiosk.consultationId = this.id;
  }

  /** The consultation's media is (again) this one. */
  mediaCreated(media: ConsultationMedia): void {
    this.#media = media;
  }

  /** The queue offered the call (or its transfer) to a clerk. */
  offered(offer: Offer): void {
    this.#offer = offer;
    if (this.#status === 'waiting') this.#status = 'offered';
  }

  /** The offer went away without an answer; the resident waits on. */
  offerWithdrawn(): void {
    this.#offer = undefined;
    if (this.#status === 'offered') this.#status = 'waiting';
  }

  /** The queue put the caller back in line (an offer expired or was declined). */
  requeued(): void {
    if (this.#status === 'offered') this.#status = 'waiting';
  }

  /** The clerk the call was offered to accepted it: the call is running. */
  answered(clerk: Participant, staffId: string, at: number): void {
    if (this.#status !== 'waiting' && this.#status !== 'offered')
      throw AppError.invalidState('the call is not waiting for an answer');
    this.#offer = undefined;
    this.#status = 'active';
    this.#answeredAt = at;
    this.#join(clerk, staffId);
  }

  /** A call that was running before a restart, restored from the queue's log. */
  restoredRunning(answeredAt: number): void {
    this.#status = 'active';
    this.#answeredAt = answeredAt;
  }

  /** A clerk of the restored call is expected back. */
  awaitStaff(staffId: string): void {
    this.#servedBy.push(staffId);
    this.#awaitedStaff.add(staffId);
  }

  /** A clerk expected back has reconnected: false when they were not expected. */
  staffReturned(clerk: Participant, staffId: string): boolean {
    if (!this.#awaitedStaff.delete(staffId)) return false;
    this.#staff.push(clerk);
    clerk.consultationId = this.id;
    return true;
  }

  /** Invited clerks, by staff id, with who invited them. */
  invite(staffId: string, byStaffId: string): void {
    this.#invited.set(staffId, byStaffId);
  }

  isInvited(staffId: string): boolean {
    return this.#invited.has(staffId);
  }

  invitedStaffIds(): string[] {
    return [...this.#invited.keys()];
  }

  /** The invitation is over (accepted, declined, or the call ended); who sent it. */
  invitationEnded(staffId: string): string | undefined {
    const inviter = this.#invited.get(staffId);
    this.#invited.delete(staffId);
    return inviter;
  }

  /** Another member of staff joins the running call (an invitee, a supervisor assisting). */
  joined(member: Participant, staffId: string | undefined): void {
    if (this.#status !== 'active') throw AppError.invalidState('the call is not running');
    this.#join(member, staffId);
  }

  /** A member of staff leaves a call that goes on. */
  left(member: Participant): void {
    this.#staff = this.#staff.filter((other) => other !== member);
    if (member.consultationId === this.id) member.consultationId = undefined;
  }

  /** A transfer to another procedure's queue begins; its queue entry's id is returned. */
  transferStarted(transfer: Omit<Transfer, 'callerId'>): string {
    if (this.#transfer) throw AppError.invalidState('a transfer is already under way');
    this.#transferCount++;
    const callerId = `${this.id}.t${this.#transferCount}`;
    this.#transfer = { ...transfer, callerId };
    return callerId;
  }

  /** The transfer will not happen (refused, or the call ended); its queue entry, if any. */
  transferDropped(): Transfer | undefined {
    const transfer = this.#transfer;
    this.#transfer = undefined;
    return transfer;
  }

  /**
   * A clerk of the new procedure answered the transfer: the call is for that procedure now, and
   * the clerk joins. Returns the staff who handed it over (they leave through `left`).
   */
  transferAnswered(clerk: Participant, staffId: string): Participant[] {
    const transfer = this.#transfer;
    if (!transfer) throw AppError.invalidState('no transfer is under way');
    this.#procedureId = transfer.procedureId;
    this.#transfer = undefined;
    this.#offer = undefined;
    const handedOver = [...this.#staff];
    this.#join(clerk, staffId);
    return handedOver;
  }

  monitorStarted(supervisor: Participant): void {
    if (!this.#monitors.includes(supervisor)) this.#monitors.push(supervisor);
    supervisor.monitoring = this.id;
  }

  monitorStopped(supervisor: Participant): void {
    this.#monitors = this.#monitors.filter((monitor) => monitor !== supervisor);
    if (supervisor.monitoring === this.id) supervisor.monitoring = undefined;
  }

  /** The consultation is over; false when it already was. `close()` follows once told. */
  ended(reason: ConsultationEndReason, at: number): boolean {
    if (!this.isLive) return false;
    this.#status = 'ended';
    this.#endedAt = at;
    this.#endReason = reason;
    return true;
  }

  /** Lets go of the media and the members (idempotent); the view stays readable for the record. */
  close(): void {
    if (this.#isClosed) return;
    this.#isClosed = true;
    this.#media?.close();
    for (const member of this.members()) {
      if (member.consultationId === this.id) member.consultationId = undefined;
    }
    for (const monitor of this.#monitors) {
      if (monitor.monitoring === this.id) monitor.monitoring = undefined;
    }
    this.#invited.clear();
    this.#awaitedStaff.clear();
  }

  #join(member: Participant, staffId: string | undefined): void {
    if (!this.#staff.includes(member)) this.#staff.push(member);
    if (staffId !== undefined) this.#servedBy.push(staffId);
    member.consultationId = this.id;
  }

  /** Tells everyone in the call how it stands now. */
  broadcast(): void {
    const view = this.view();
    for (const member of this.members()) member.notify('consultation:updated', { consultation: view });
  }

  view(): ConsultationView {
    return {
      consultationId: this.id,
      procedureId: this.procedureId,
      kioskId: this.kioskId,
      language: this.language,
      status: this.status,
      staff: this.staff.flatMap((member) =>
        member.identity.role !== 'kiosk'
          ? [
              {
                participantId: member.id,
                staffId: member.identity.staffId,
                displayName: member.identity.displayName,
              },
            ]
          : [],
      ),
      requestedAt: new Date(this.requestedAt).toISOString(),
      answeredAt: this.answeredAt === undefined ? null : new Date(this.answeredAt).toISOString(),
      endedAt: this.endedAt === undefined ? null : new Date(this.endedAt).toISOString(),
      endReason: this.endReason ?? null,
      transfer: this.transfer
        ? {
            procedureId: this.transfer.procedureId,
            status: this.offer?.callerId === this.transfer.callerId ? 'offered' : 'waiting',
          }
        : null,
    };
  }
}

/** The live consultation `participant` takes part in; NOT_FOUND for anyone else. */
export function memberConsultation(
  live: ReadonlyMap<ConsultationId, Consultation>,
  participant: Participant,
  consultationId: ConsultationId,
): Consultation {
  const consultation = live.get(consultationId);
  if (!consultation || !consultation.members().includes(participant)) throw AppError.notFound('consultation');
  return consultation;
}
