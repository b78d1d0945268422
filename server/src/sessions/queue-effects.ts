import type { Logger } from 'pino';
import type { ConsultationId } from '@madoguchi/shared';
import type { Effect } from '../queue/index.ts';
import type { Consultation } from './consultation.ts';
import type { Participant } from './participant.ts';
import type { ParticipantRegistry } from './participant-registry.ts';

/** Why an offer went away, as the clerk's console words it. */
const withdrawReasons = {
  'caller-abandoned': 'cancelled',
  expired: 'expired',
  declined: 'declined',
  'clerk-away': 'status-changed',
  'clerk-signed-out': 'status-changed',
} as const;

/**
 * Carries out what the routing queue decided: offers rung on the clerk's console (with media
 * prepared at ring time), offers withdrawn, clerks' status changes, expected waits pushed to
 * kiosks.
 */
export class QueueEffects {
  readonly #live: ReadonlyMap<ConsultationId, Consultation>;
  readonly #registry: ParticipantRegistry;
  readonly #log: Logger;

  constructor(options: {
    live: ReadonlyMap<ConsultationId, Consultation>;
    registry: ParticipantRegistry;
    log: Logger;
  }) {
    this.#live = options.live;
    this.#registry = options.registry;
    this.#log = options.log;
  }

  apply(effects: readonly Effect[]): void {
    for (const effect of effects) {
      switch (effect.type) {
        case 'offer': {
          const consultation = this.byCaller(effect.callerId);
          if (!consultation) break;
          const wasWaiting = consultation.status === 'waiting';
          consultation.offered({
            staffId: effect.clerkId,
            expiresAt: effect.expiresAt,
            callerId: effect.callerId,
          });
          // A transfer ringing is news to the people in the call.
          if (!wasWaiting) consultation.broadcast();
          const clerk = this.#registry.findClerk(effect.clerkId);
          if (clerk) this.sendOffer(consultation, clerk, effect.expiresAt);
          break;
        }
        case 'withdraw-offer': {
          const consultation = this.byCaller(effect.callerId);
          const clerk = this.#registry.findClerk(effect.clerkId);
          if (consultation?.offer?.staffId === effect.clerkId) {
            consultation.offerWithdrawn();
            if (clerk) consultation.media?.remove(clerk.id);
          }
          clerk?.notify('call:offer-withdrawn', {
            consultationId: (consultation?.id ?? effect.callerId) as ConsultationId,
            reason: withdrawReasons[effect.reason],
          });
          break;
        }
        case 'clerk-status': {
          const clerk = this.#registry.findClerk(effect.clerkId);
          if (!clerk) break;
          clerk.staffStatus = effect.status;
          clerk.notify('staff:status-changed', {
            status: effect.status,
            reason: effect.reason,
            until: effect.until === null ? null : new Date(effect.until).toISOString(),
          });
          break;
        }
        case 'expected-wait': {
          // A transfer's place in its queue is not the resident's business: they are in a call.
          const consultation = this.#live.get(effect.callerId as ConsultationId);
          consultation?.kiosk?.notify('queue:updated', {
            consultationId: consultation.id,
            position: effect.position,
            expectedWaitMs: effect.expectedWaitMs,
          });
          break;
        }
        case 'caller-requeued': {
          const consultation = this.byCaller(effect.callerId);
          consultation?.requeued();
          break;
        }
        case 'caller-answered':
        case 'kiosk-closed':
          // Answered is applied by accept(); closed is answered by request().
          break;
      }
    }
  }

  sendOffer(consultation: Consultation, clerk: Participant, expiresAt: number): void {
    if (clerk.media) consultation.media?.prepare(clerk.media);
    clerk.notify('call:offered', {
      consultationId: consultation.id,
      procedureId:
        consultation.transfer && consultation.offer?.callerId === consultation.transfer.callerId
          ? consultation.transfer.procedureId
          : consultation.procedureId,
      kioskId: consultation.kioskId,
      language: consultation.language,
      waitingSince: new Date(consultation.requestedAt).toISOString(),
      expiresAt: new Date(expiresAt).toISOString(),
      transfer:
        consultation.transfer && consultation.offer?.callerId === consultation.transfer.callerId
          ? {
              fromProcedureId: consultation.procedureId,
              byName: consultation.transfer.byName,
              note: consultation.transfer.note,
            }
          : null,
    });
    this.#log.info({ consultationId: consultation.id, participantId: clerk.id }, 'call offered');
  }

  /** The consultation a queue entry belongs to (a transfer's entry carries a suffix). */
  byCaller(callerId: string): Consultation | undefined {
    return this.#live.get(callerId.split('.t')[0] as ConsultationId);
  }
}
