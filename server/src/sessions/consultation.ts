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

/** One resident's visit to the remote window, from the call button to the end of the call. */
export class Consultation {
  readonly id: ConsultationId;
  /** Changes when a transfer to another procedure is answered. */
  procedureId: ProcedureId;
  transfer: Transfer | undefined;
  transferCount = 0;
  readonly language: Language;
  /** Undefined while the kiosk is reconnecting (e.g. after a server restart). */
  kiosk: Participant | undefined;
  readonly kioskId: KioskId;
  /** Created with the consultation, or again on demand after a restart. */
  media: ConsultationMedia | undefined;
  readonly requestedAt: number;
  status: ConsultationStatus = 'waiting';
  staff: Participant[] = [];
  /** Every clerk who took part, in order, including those who left before the end. */
  readonly servedBy: string[] = [];
  /** Clerks invited to join, by staff id, with who invited them. */
  readonly invited = new Map<string, string>();
  /** Supervisors watching and listening, unseen by the resident (not in the view). */
  monitors: Participant[] = [];
  offer: Offer | undefined;
  /**
   * Clerks who were in the call when the server restarted and have not come back yet; they take
   * their place again when they reconnect.
   */
  readonly awaitedStaff = new Set<string>();
  answeredAt: number | undefined;
  endedAt: number | undefined;
  endReason: ConsultationEndReason | undefined;

  constructor(options: {
    id: ConsultationId;
    procedureId: ProcedureId;
    language: Language;
    kiosk: Participant | undefined;
    kioskId: KioskId;
    media: ConsultationMedia | undefined;
    requestedAt: number;
  }) {
    this.id = options.id;
    this.procedureId = options.procedureId;
    this.language = options.language;
    this.kiosk = options.kiosk;
    this.kioskId = options.kioskId;
    this.media = options.media;
    this.requestedAt = options.requestedAt;
  }

  get isLive(): boolean {
    return this.status !== 'ended';
  }

  members(): Participant[] {
    return this.kiosk ? [this.kiosk, ...this.staff] : [...this.staff];
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
