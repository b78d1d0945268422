import type {
  ConsultationEndReason,
  ConsultationId,
  ConsultationStatus,
  ConsultationView,
  KioskId,
  Language,
  ProcedureId,
} from '@madoguchi/shared';
import type { ConsultationMedia } from '../media/consultation-media.ts';
import type { Participant } from './participant.ts';

export interface Offer {
  staffId: string;
  expiresAt: number;
}

/** One resident's visit to the remote window, from the call button to the end of the call. */
export class Consultation {
  readonly id: ConsultationId;
  readonly procedureId: ProcedureId;
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

  view(): ConsultationView {
    return {
      consultationId: this.id,
      procedureId: this.procedureId,
      kioskId: this.kioskId,
      language: this.language,
      status: this.status,
      staff: this.staff.flatMap((member) =>
        member.identity.role === 'clerk'
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
    };
  }
}
