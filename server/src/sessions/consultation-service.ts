import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type {
  ConsultationEndReason,
  ConsultationId,
  ConsultationView,
  Language,
  ProcedureId,
  StaffStatus,
  WireRtpParameters,
} from '@madoguchi/shared';
import { AppError } from '../errors.ts';
import { ConsultationMedia } from '../media/consultation-media.ts';
import type { WorkerPool } from '../media/worker-pool.ts';
import { Consultation } from './consultation.ts';
import { matchCallersToClerks } from './dispatch.ts';
import type { Participant } from './participant.ts';
import type { ParticipantRegistry } from './participant-registry.ts';

export interface ConsultationServiceOptions {
  pool: WorkerPool;
  registry: ParticipantRegistry;
  /** Whether a procedure id exists in the catalogue. */
  hasProcedure: (id: ProcedureId) => boolean;
  offerTimeoutMs: number;
  log: Logger;
  now?: () => number;
}

/**
 * The lifecycle of consultations: a kiosk asks, a clerk is offered the call and accepts, someone
 * hangs up. Owns every live consultation and tells each participant what changed.
 */
export class ConsultationService {
  readonly #pool: WorkerPool;
  readonly #registry: ParticipantRegistry;
  readonly #hasProcedure: (id: ProcedureId) => boolean;
  readonly #offerTimeoutMs: number;
  readonly #log: Logger;
  readonly #now: () => number;
  readonly #live = new Map<ConsultationId, Consultation>();

  constructor(options: ConsultationServiceOptions) {
    this.#pool = options.pool;
    this.#registry = options.registry;
    this.#hasProcedure = options.hasProcedure;
    this.#offerTimeoutMs = options.offerTimeoutMs;
    this.#log = options.log;
    this.#now = options.now ?? Date.now;
  }

  /** The consultation a participant is part of, if any. */
  current(participant: Participant): Consultation | undefined {
    return participant.consultationId ? this.#live.get(participant.consultationId) : undefined;
  }

  async request(kiosk: Participant, procedureId: ProcedureId, language: Language): Promise<ConsultationView> {
    if (this.current(kiosk)) throw AppError.invalidState('this kiosk already has a consultation');
    if (!this.#hasProcedure(procedureId)) throw AppError.notFound(`procedure ${procedureId}`);
    if (kiosk.identity.role !== 'kiosk') throw AppError.forbidden('requesting a consultation');
    const id = randomUUID() as ConsultationId;
    const log = this.#log.child({ consultationId: id });
    let hub;
    try {
      hub = await this.#pool.createRouter({ consultationId: id });
    } catch (error) {
      log.error({ err: error }, 'no router for a new consultation');
      throw AppError.mediaUnavailable('no media capacity is available');
    }
    const media = new ConsultationMedia(hub.router, hub.webRtcServer, log, {
      onConsumer: ({ receiverId, consumer, origin }) => {
        const receiver = this.#registry.get(receiverId as Participant['id']);
        const sender = this.#registry.get(origin.participantId as Participant['id']);
        if (!receiver || !sender) return;
        receiver.notify('consumer:new', {
          consumerId: consumer.id as never,
          producerId: consumer.producerId as never,
          kind: consumer.kind,
          rtpParameters: consumer.rtpParameters as WireRtpParameters,
          source: origin.source,
          participantId: sender.id,
          role: sender.role,
        });
      },
      onError: (error) => log.error({ err: error }, 'consultation media change failed'),
    });
    const consultation = new Consultation({
      id,
      procedureId,
      language,
      kiosk,
      kioskId: kiosk.identity.kioskId,
      media,
      requestedAt: this.#now(),
    });
    this.#live.set(id, consultation);
    kiosk.consultationId = id;
    hub.router.observer.once('close', () => {
      if (consultation.isLive) this.end(consultation, 'media-failure');
    });
    log.info({ procedureId, kioskId: consultation.kioskId, language }, 'consultation requested');
    this.#dispatch();
    return consultation.view();
  }

  cancel(kiosk: Participant, consultationId: ConsultationId): void {
    const consultation = this.#own(kiosk, consultationId);
    if (consultation.status === 'active')
      throw AppError.invalidState('the call has been answered; hang up instead');
    this.end(consultation, 'cancelled');
  }

  hangUp(participant: Participant, consultationId: ConsultationId): void {
    const consultation = this.#own(participant, consultationId);
    if (consultation.status !== 'active') throw AppError.invalidState('the call has not been answered');
    this.end(consultation, 'hung-up');
  }

  accept(clerk: Participant, consultationId: ConsultationId): ConsultationView {
    const consultation = this.#live.get(consultationId);
    if (!consultation || consultation.offer?.clerk !== clerk) {
      throw AppError.invalidState('this call is not offered to you (it may have been withdrawn)');
    }
    clearTimeout(consultation.offer.timer);
    consultation.offer = undefined;
    consultation.status = 'active';
    consultation.answeredAt = this.#now();
    consultation.staff.push(clerk);
    clerk.consultationId = consultation.id;
    this.#setStatus(clerk, 'busy');
    if (clerk.media) consultation.media.add(clerk.media);
    this.#log.info(
      {
        consultationId,
        participantId: clerk.id,
        waitedMs: consultation.answeredAt - consultation.requestedAt,
      },
      'call accepted',
    );
    this.#broadcast(consultation);
    return consultation.view();
  }

  decline(clerk: Participant, consultationId: ConsultationId): void {
    const consultation = this.#live.get(consultationId);
    if (!consultation || consultation.offer?.clerk !== clerk)
      throw AppError.invalidState('this call is not offered to you');
    this.#withdrawOffer(consultation, 'declined');
    this.#setStatus(clerk, 'available');
    this.#dispatch();
  }

  setStaffStatus(clerk: Participant, status: 'available' | 'away'): StaffStatus {
    if (clerk.staffStatus === 'busy' || clerk.staffStatus === 'offered') {
      throw AppError.invalidState(`cannot change status while ${clerk.staffStatus}`);
    }
    this.#setStatus(clerk, status);
    this.#dispatch();
    return clerk.staffStatus;
  }

  /** A participant's media session is ready (or was replaced): bring it into its consultation. */
  mediaReady(participant: Participant): void {
    const consultation = this.current(participant);
    if (
      consultation?.isLive &&
      participant.media &&
      (participant.role === 'kiosk' || consultation.status === 'active')
    ) {
      consultation.media.add(participant.media);
    }
  }

  /** Something about a participant's media changed (new producer, new receive transport). */
  mediaChanged(participant: Participant): void {
    this.current(participant)?.media.sync();
  }

  /** The participant is gone for good (logged out, or its grace period ran out). */
  leave(participant: Participant): void {
    for (const live of this.#live.values()) {
      if (live.offer?.clerk === participant) this.#withdrawOffer(live, 'ended');
    }
    const consultation = this.current(participant);
    if (consultation) this.end(consultation, 'participant-left');
    participant.staffStatus = 'offline';
    participant.media?.close();
    if (participant.role === 'clerk') participant.media?.router.close();
    participant.media = undefined;
    this.#registry.remove(participant);
    this.#dispatch();
  }

  end(consultation: Consultation, reason: ConsultationEndReason): void {
    if (!consultation.isLive) return;
    if (consultation.offer) {
      const { clerk } = consultation.offer;
      this.#withdrawOffer(consultation, reason === 'cancelled' ? 'cancelled' : 'ended');
      if (clerk.staffStatus === 'offered') this.#setStatus(clerk, 'available');
    }
    consultation.status = 'ended';
    consultation.endedAt = this.#now();
    consultation.endReason = reason;
    this.#live.delete(consultation.id);
    consultation.media.close();
    this.#broadcast(consultation);
    for (const member of consultation.members()) {
      if (member.consultationId === consultation.id) member.consultationId = undefined;
    }
    for (const clerk of consultation.staff) {
      if (clerk.staffStatus === 'busy') this.#setStatus(clerk, 'available');
    }
    this.#log.info({ consultationId: consultation.id, reason }, 'consultation ended');
    this.#dispatch();
  }

  /** Ends everything (server shutdown). */
  closeAll(): void {
    for (const consultation of [...this.#live.values()]) this.end(consultation, 'media-failure');
  }

  #own(participant: Participant, consultationId: ConsultationId): Consultation {
    const consultation = this.#live.get(consultationId);
    if (!consultation || !consultation.members().includes(participant))
      throw AppError.notFound('consultation');
    return consultation;
  }

  #broadcast(consultation: Consultation): void {
    const view = consultation.view();
    for (const member of consultation.members())
      member.notify('consultation:updated', { consultation: view });
  }

  #setStatus(clerk: Participant, status: StaffStatus): void {
    if (clerk.staffStatus === status) return;
    clerk.staffStatus = status;
    if (status === 'available') clerk.availableSince = this.#now();
    clerk.notify('staff:status-changed', { status });
  }

  #withdrawOffer(consultation: Consultation, reason: 'cancelled' | 'expired' | 'declined' | 'ended'): void {
    const offer = consultation.offer;
    if (!offer) return;
    clearTimeout(offer.timer);
    consultation.offer = undefined;
    consultation.media.remove(offer.clerk.id);
    consultation.passedBy.add(offer.clerk.id);
    if (consultation.isLive) consultation.status = 'waiting';
    offer.clerk.notify('call:offer-withdrawn', { consultationId: consultation.id, reason });
    this.#log.info(
      { consultationId: consultation.id, participantId: offer.clerk.id, reason },
      'offer withdrawn',
    );
  }

  #dispatch(): void {
    const waiting = [...this.#live.values()].filter((c) => c.status === 'waiting');
    if (waiting.length === 0) return;
    const idle = [...this.#registry.all()].filter((p) => p.role === 'clerk' && p.staffStatus === 'available');
    const matches = matchCallersToClerks(
      waiting.map((c) => ({ id: c.id, requestedAt: c.requestedAt, passedBy: c.passedBy })),
      idle.map((p) => ({ id: p.id, availableSince: p.availableSince })),
    );
    for (const { callerId, clerkId } of matches) {
      const consultation = this.#live.get(callerId as ConsultationId);
      const clerk = idle.find((p) => p.id === clerkId);
      if (consultation && clerk) this.#offer(consultation, clerk);
    }
  }

  #offer(consultation: Consultation, clerk: Participant): void {
    const expiresAt = this.#now() + this.#offerTimeoutMs;
    const timer = setTimeout(() => {
      if (consultation.offer?.clerk !== clerk) return;
      this.#withdrawOffer(consultation, 'expired');
      // A clerk who lets a call ring out is probably not at the desk.
      this.#setStatus(clerk, 'away');
      this.#dispatch();
    }, this.#offerTimeoutMs);
    timer.unref();
    consultation.offer = { clerk, expiresAt, timer };
    consultation.status = 'offered';
    if (clerk.media) consultation.media.prepare(clerk.media);
    this.#setStatus(clerk, 'offered');
    clerk.notify('call:offered', {
      consultationId: consultation.id,
      procedureId: consultation.procedureId,
      kioskId: consultation.kioskId,
      language: consultation.language,
      waitingSince: new Date(consultation.requestedAt).toISOString(),
      expiresAt: new Date(expiresAt).toISOString(),
    });
    this.#log.info({ consultationId: consultation.id, participantId: clerk.id }, 'call offered');
  }
}
