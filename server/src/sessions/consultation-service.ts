import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type {
  AwayReason,
  CommandResponse,
  ConsultationEndReason,
  ConsultationId,
  ConsultationView,
  KioskDevices,
  Language,
  ProcedureId,
  QueueSnapshotView,
  StaffId,
  WireRtpParameters,
} from '@madoguchi/shared';
import { AppError } from '../errors.ts';
import { ConsultationMedia } from '../media/consultation-media.ts';
import type { PlacedRouter, WorkerPool } from '../media/worker-pool.ts';
import type { LiveWork } from '../catalog/live-work.ts';
import type { ClerkProfile, Effect, QueueSnapshot, RoutingEngineOptions } from '../queue/index.ts';
import type { QueueEventStore } from '../store/queue-event-store.ts';
import { CallTeam } from './call-team.ts';
import { Consultation, memberConsultation } from './consultation.ts';
import { clerkStaffIdOf, type Participant } from './participant.ts';
import type { ParticipantRegistry } from './participant-registry.ts';
import { QueueEffects } from './queue-effects.ts';
import { QueueService } from './queue-service.ts';
import { liveWorkOf, supervisorSnapshot } from './supervisor-snapshot.ts';

/** How long a consultation whose hub died may wait for a new one before it ends as a media failure. */
const HUB_RECOVERY_MS = 30_000;

export interface StaffMember {
  profile: ClerkProfile;
  displayName: string;
}

export interface ConsultationServiceOptions {
  pool: WorkerPool;
  registry: ParticipantRegistry;
  store: QueueEventStore;
  /** Routing configuration (procedures, hours, offer timeout) for the queue engine. */
  routing: RoutingEngineOptions;
  /** Clerks the queue may route to, by staff id. */
  staff: ReadonlyMap<string, StaffMember>;
  /** Kiosks of the open booths, for the supervisors' view. */
  kioskIds?: readonly string[];
  /** What a kiosk last reported of its devices (null: not yet). */
  kioskDevices?: (kioskId: string) => KioskDevices | null;
  /** Spoken language a resident's UI language requires of the clerk (null: any clerk). */
  requiredLanguage: (language: Language) => string | null;
  /** How long a clerk who was signed in before a restart has to come back before being signed out. */
  resumeGraceMs: number;
  log: Logger;
  now?: () => number;
}

/**
 * The lifecycle of consultations: a kiosk asks, the skills-based queue offers the call to a clerk
 * who accepts, someone hangs up. Owns every live consultation and tells each participant what
 * changed; routing decisions come from the queue, whose log survives restarts.
 */
export class ConsultationService {
  readonly #pool: WorkerPool;
  readonly #registry: ParticipantRegistry;
  #staff: ReadonlyMap<string, StaffMember>;
  readonly #requiredLanguage: (language: Language) => string | null;
  #procedures: ReadonlySet<string>;
  readonly #log: Logger;
  readonly #now: () => number;
  readonly #live = new Map<ConsultationId, Consultation>();
  readonly #queue: QueueService;
  readonly #effects: QueueEffects;
  /** Invitations, transfers, leaving a call, supervisors monitoring and assisting. */
  readonly team: CallTeam;
  readonly #absentClerkTimers = new Map<string, NodeJS.Timeout>();
  #snapshotTimer: NodeJS.Timeout | undefined;
  #kioskIds: readonly string[];
  readonly #kioskDevices: (kioskId: string) => KioskDevices | null;
  readonly #endListeners: ((consultation: Consultation) => void)[] = [];
  readonly #changeListeners: (() => void)[] = [];
  /** Per kiosk, its last call that was answered and has ended (for the survey that follows). */
  readonly #answeredAndEnded = new Map<string, Consultation>();
  /** Set on shutdown: media closing then is not the end of anyone's call (the log keeps them). */
  #isClosing = false;
  /** Hubs being created, so that two arrivals (or a recovery and an arrival) share one. */
  readonly #pendingMedia = new WeakMap<Consultation, Promise<ConsultationMedia>>();

  constructor(options: ConsultationServiceOptions) {
    this.#pool = options.pool;
    this.#registry = options.registry;
    this.#staff = options.staff;
    this.#kioskIds = options.kioskIds ?? [];
    this.#kioskDevices = options.kioskDevices ?? (() => null);
    this.#requiredLanguage = options.requiredLanguage;
    this.#procedures = new Set(options.routing.procedures.map((procedure) => procedure.id));
    this.#log = options.log;
    this.#now = options.now ?? Date.now;
    this.#effects = new QueueEffects({ live: this.#live, registry: this.#registry, log: this.#log });
    this.#queue = new QueueService({
      engine: options.routing,
      store: options.store,
      log: options.log.child({ component: 'queue' }),
      onEffects: (effects) => this.#effects.apply(effects),
      onChange: () => this.#scheduleSnapshot(),
      now: this.#now,
    });
    this.team = new CallTeam({
      queue: this.#queue,
      live: this.#live,
      registry: this.#registry,
      procedures: () => this.#procedures,
      requiredLanguage: this.#requiredLanguage,
      notifyChanged: () => this.notifyChanged(),
      log: this.#log,
    });
    this.#restoreAfterRestart(options.resumeGraceMs);
    this.#queue.start();
  }

  /** The consultation a participant is part of, if any. */
  current(participant: Participant): Consultation | undefined {
    return participant.consultationId ? this.#live.get(participant.consultationId) : undefined;
  }

  /** A live consultation by id. */
  find(consultationId: ConsultationId): Consultation | undefined {
    return this.#live.get(consultationId);
  }

  /** A kiosk (re)connected: it takes back a consultation still queued for it. */
  kioskConnected(kiosk: Participant): void {
    if (kiosk.identity.role !== 'kiosk') return;
    const kioskId = kiosk.identity.kioskId;
    for (const consultation of this.#live.values()) {
      if (consultation.kioskId !== kioskId || consultation.kiosk) continue;
      consultation.kioskReturned(kiosk);
      this.#log.info(
        { consultationId: consultation.id, participantId: kiosk.id },
        'kiosk took back its queued call',
      );
    }
    const consultation = this.current(kiosk);
    const estimate = consultation && this.#queue.engine.lastEstimate(consultation.id);
    if (consultation && estimate)
      kiosk.notify('queue:updated', { consultationId: consultation.id, ...estimate });
  }

  /**
   * A clerk connected with a new session: a call they were in when the server restarted takes
   * them back (its other members are told), and they are shown the status the queue kept.
   */
  clerkReturning(clerk: Participant): void {
    if (clerk.identity.role !== 'clerk') return;
    const staffId = clerk.identity.staffId;
    const status = this.#queue.engine.clerkStatus(staffId);
    if (status !== 'offline') clerk.staffStatus = status;
    for (const consultation of this.#live.values()) {
      if (!consultation.staffReturned(clerk, staffId)) continue;
      this.#log.info(
        { consultationId: consultation.id, participantId: clerk.id },
        'clerk took back the call that was running before the restart',
      );
      consultation.broadcast();
    }
  }

  /** A clerk connected: signed in to the queue, or back to the state the queue kept for them. */
  clerkConnected(clerk: Participant): void {
    if (clerk.identity.role !== 'clerk') return;
    const staffId = clerk.identity.staffId;
    clearTimeout(this.#absentClerkTimers.get(staffId));
    this.#absentClerkTimers.delete(staffId);
    const member = this.#staff.get(staffId);
    if (!member) throw AppError.forbidden(`staff id ${staffId}`);
    const status = this.#queue.engine.clerkStatus(staffId);
    if (status === 'offline') {
      this.#queue.run((engine, now) => engine.signIn(now, member.profile, { awayReason: 'signed-in' }));
      return;
    }
    // The status the queue kept was set by clerkReturning, before session:ready.
    // An offer made while the clerk was away from the socket is shown again.
    const pending = this.#queue.engine.snapshot().callers.find((caller) => caller.offer?.clerkId === staffId);
    const consultation = pending && this.#live.get(pending.callerId as ConsultationId);
    if (pending?.offer && consultation) this.#effects.sendOffer(consultation, clerk, pending.offer.expiresAt);
  }

  async request(
    kiosk: Participant,
    procedureId: ProcedureId,
    language: Language,
  ): Promise<CommandResponse<'consultation:request'>> {
    if (kiosk.identity.role !== 'kiosk') throw AppError.forbidden('requesting a consultation');
    if (this.current(kiosk)) throw AppError.invalidState('this kiosk already has a consultation');
    if (!this.#procedures.has(procedureId)) throw AppError.notFound(`procedure ${procedureId}`);
    const consultation = new Consultation({
      id: randomUUID() as ConsultationId,
      procedureId,
      language,
      kiosk,
      kioskId: kiosk.identity.kioskId,
      requestedAt: this.#now(),
    });
    // The hub exists before the resident is queued, so its transports connect while it waits.
    await this.#ensureMedia(consultation);
    this.#live.set(consultation.id, consultation);
    kiosk.consultationId = consultation.id;
    let effects: Effect[];
    try {
      effects = this.#queue.run((engine, now) =>
        engine.enqueue(now, {
          callerId: consultation.id,
          procedureId,
          kioskId: consultation.kioskId,
          language: this.#requiredLanguage(language),
        }),
      );
    } catch (error) {
      this.#forget(consultation);
      throw error;
    }
    const closed = effects.find((effect) => effect.type === 'kiosk-closed');
    if (closed) {
      this.#forget(consultation);
      return {
        outcome: 'closed',
        nextOpeningAt: closed.nextOpeningAt === null ? null : new Date(closed.nextOpeningAt).toISOString(),
      };
    }
    this.#log.info(
      { consultationId: consultation.id, procedureId, kioskId: consultation.kioskId, language },
      'consultation queued',
    );
    return { outcome: 'queued', consultation: consultation.view() };
  }

  cancel(kiosk: Participant, consultationId: ConsultationId): void {
    const consultation = memberConsultation(this.#live, kiosk, consultationId);
    if (consultation.status === 'active')
      throw AppError.invalidState('the call has been answered; hang up instead');
    this.#queue.run((engine, now) => engine.cancel(now, consultation.id));
    this.end(consultation, 'cancelled');
  }

  hangUp(participant: Participant, consultationId: ConsultationId): void {
    const consultation = memberConsultation(this.#live, participant, consultationId);
    if (consultation.status !== 'active') throw AppError.invalidState('the call has not been answered');
    this.end(consultation, 'hung-up');
  }

  accept(clerk: Participant, consultationId: ConsultationId): ConsultationView {
    const consultation = this.#live.get(consultationId);
    const staffId = clerkStaffIdOf(clerk);
    if (!consultation || consultation.offer?.staffId !== staffId) {
      throw AppError.invalidState('this call is not offered to you (it may have been withdrawn)');
    }
    const { callerId } = consultation.offer;
    this.#queue.run((engine, now) => engine.accept(now, staffId, callerId));
    if (consultation.transfer?.callerId === callerId) {
      this.team.completeTransfer(consultation, clerk, staffId);
      return consultation.view();
    }
    consultation.answered(clerk, staffId, this.#now());
    if (clerk.media) consultation.media?.add(clerk.media);
    this.#log.info(
      {
        consultationId,
        participantId: clerk.id,
        waitedMs: consultation.answeredAt! - consultation.requestedAt,
      },
      'call accepted',
    );
    consultation.broadcast();
    return consultation.view();
  }

  decline(clerk: Participant, consultationId: ConsultationId): void {
    const consultation = this.#live.get(consultationId);
    const staffId = clerkStaffIdOf(clerk);
    if (!consultation || consultation.offer?.staffId !== staffId) {
      throw AppError.invalidState('this call is not offered to you');
    }
    const { callerId } = consultation.offer;
    this.#queue.run((engine, now) => engine.decline(now, staffId, callerId));
  }

  setStaffStatus(clerk: Participant, status: 'available' | 'away', reason?: AwayReason): void {
    const staffId = clerkStaffIdOf(clerk);
    this.#queue.run((engine, now) =>
      status === 'available'
        ? engine.setAvailable(now, staffId)
        : engine.setAway(now, staffId, reason ?? 'other'),
    );
  }

  /** A participant's media session is ready (or was replaced): bring it into its consultation. */
  mediaReady(participant: Participant): void {
    const media = participant.media;
    if (!media) return;
    const monitored = participant.monitoring ? this.#live.get(participant.monitoring) : undefined;
    if (monitored) monitored.media?.add(media, { isListenOnly: true });
    const consultation = this.current(participant);
    if (consultation?.isLive && (participant.role === 'kiosk' || consultation.status === 'active'))
      consultation.media?.add(media);
    // A call rung on a clerk whose desk was just rebuilt is made ready on the new desk.
    if (participant.identity.role === 'clerk') {
      const staffId = participant.identity.staffId;
      for (const live of this.#live.values()) {
        if (live.offer?.staffId === staffId) live.media?.prepare(media);
      }
    }
  }

  /**
   * A participant's media session went down with its media worker. The client is told to start
   * media again (its new session joins the call through `mediaReady`); the call goes on.
   */
  mediaLost(participant: Participant): void {
    this.#log.warn(
      { participantId: participant.id, role: participant.role, consultationId: participant.consultationId },
      'media session lost with its worker; the client starts it again',
    );
    participant.notify('media:reset', { reason: 'worker-died' });
  }

  /** Something about a participant's media changed (new producer, new receive transport). */
  mediaChanged(participant: Participant): void {
    this.current(participant)?.media?.sync();
  }

  /** The hub router of the kiosk's consultation, created again if a restart lost it. */
  async hubFor(kiosk: Participant): Promise<PlacedRouter> {
    const consultation = this.current(kiosk);
    if (!consultation?.isLive) throw AppError.invalidState('request a consultation before starting media');
    return (await this.#ensureMedia(consultation)).placedHub;
  }

  /**
   * A clerk's skills and languages as routing uses them: the profile they signed in to the queue
   * with, else the catalogue's (a saved change counts from their next sign-in). Null for others.
   */
  clerkProfileOf(
    participant: Participant,
  ): { skills: { skillId: string; proficiency: number }[]; languages: string[] } | null {
    if (participant.identity.role !== 'clerk') return null;
    const staffId = participant.identity.staffId;
    const queued = this.#queue.engine.snapshot().clerks.find((clerk) => clerk.clerkId === staffId);
    const profile = queued ?? this.#staff.get(staffId)?.profile;
    if (!profile) return null;
    return {
      skills: Object.entries(profile.skills).map(([skillId, proficiency]) => ({ skillId, proficiency })),
      languages: [...profile.languages],
    };
  }

  /** Signed-in clerks other than this one, for invitations. */
  colleagues(clerk: Participant) {
    const self = clerkStaffIdOf(clerk);
    return this.#queue.engine
      .snapshot()
      .clerks.filter((entry) => entry.clerkId !== self)
      .map((entry) => ({
        staffId: entry.clerkId as StaffId,
        displayName: this.#staff.get(entry.clerkId)?.displayName ?? entry.clerkId,
        status: entry.status,
        skills: Object.keys(entry.skills),
        languages: [...entry.languages],
      }));
  }

  /**
   * The catalogue changed. Procedures, opening hours and the kiosks supervisors see count from the
   * next request on; a clerk's skills and languages from their next sign-in to the queue (the queue
   * keeps the profile a signed-in clerk signed in with, as its event log says).
   */
  reconfigure(options: {
    routing: Pick<RoutingEngineOptions, 'procedures' | 'serviceHours'>;
    staff: ReadonlyMap<string, StaffMember>;
    kioskIds: readonly string[];
  }): void {
    this.#procedures = new Set(options.routing.procedures.map((procedure) => procedure.id));
    this.#staff = options.staff;
    this.#kioskIds = options.kioskIds;
    this.#queue.reconfigure(options.routing);
    this.notifyChanged();
  }

  /** What is going on now that a catalogue change must respect (see `liveWorkConflicts`). */
  liveWork(): LiveWork {
    return liveWorkOf(this.#queue.engine, this.#live);
  }

  /** Something supervisors or on-site staff see has changed (pushed coalesced). */
  notifyChanged(): void {
    this.#scheduleSnapshot();
  }

  /** Called with every coalesced change, after the supervisors' snapshot went out. */
  onChanged(listener: () => void): void {
    this.#changeListeners.push(listener);
  }

  snapshot(): QueueSnapshotView {
    return supervisorSnapshot({
      now: this.#now(),
      engine: this.#queue.engine,
      live: this.#live,
      registry: this.#registry,
      kioskIds: this.#kioskIds,
      kioskDevices: this.#kioskDevices,
      displayNameOf: (staffId) => this.#staff.get(staffId)?.displayName ?? staffId,
    });
  }

  /** The participant is gone for good (logged out, or its grace period ran out). */
  leave(participant: Participant): void {
    if (this.#isClosing) return;
    const consultation = this.current(participant);
    if (consultation) this.end(consultation, 'participant-left');
    if (participant.identity.role === 'kiosk') {
      for (const live of [...this.#live.values()]) {
        if (live.kiosk === participant) this.end(live, 'participant-left');
      }
    }
    if (
      participant.identity.role === 'clerk' &&
      this.#queue.engine.clerkStatus(participant.identity.staffId) !== 'offline'
    ) {
      const staffId = participant.identity.staffId;
      this.#queue.runQuietly((engine, now) => engine.signOut(now, staffId), 'sign-out');
    }
    participant.staffStatus = 'offline';
    participant.close();
    this.#registry.remove(participant);
  }

  end(consultation: Consultation, reason: ConsultationEndReason): void {
    if (this.#isClosing) return;
    const wasActive = consultation.status === 'active';
    if (!consultation.ended(reason, this.#now())) return;
    this.#live.delete(consultation.id);
    if (!wasActive && reason !== 'cancelled') {
      this.#queue.runQuietly((engine, now) => engine.cancel(now, consultation.id), 'cancel');
    }
    const pendingTransfer = consultation.transferDropped();
    if (pendingTransfer) {
      this.#queue.runQuietly(
        (engine, now) => engine.cancel(now, pendingTransfer.callerId),
        'cancel transfer',
      );
    }
    for (const clerk of consultation.staff) this.team.release(clerk);
    // Clerks of a call restored after a restart who never came back are done with it too.
    for (const staffId of consultation.awaitedStaff) {
      this.#queue.runQuietly((engine, now) => engine.complete(now, staffId), 'complete restored call');
    }
    for (const invitee of consultation.invitedStaffIds()) this.team.releaseInvitee(consultation, invitee);
    // Told while they are still its members; then it lets go of them and of its media.
    consultation.broadcast();
    consultation.close();
    if (wasActive) this.#answeredAndEnded.set(consultation.kioskId, consultation);
    for (const listener of this.#endListeners) listener(consultation);
    this.#log.info({ consultationId: consultation.id, reason }, 'consultation ended');
  }

  /** Called for every consultation that ends (to drop what lived only for the call). */
  onEnded(listener: (consultation: Consultation) => void): void {
    this.#endListeners.push(listener);
  }

  /** The last answered consultation of this kiosk that has ended, if it ended within `withinMs`. */
  lastEndedAt(kioskId: string, withinMs: number): Consultation | undefined {
    const consultation = this.#answeredAndEnded.get(kioskId);
    return consultation?.endedAt !== undefined && this.#now() - consultation.endedAt <= withinMs
      ? consultation
      : undefined;
  }

  /** Stops for shutdown. The queue log keeps waiting callers and clerks for the next start. */
  close(): void {
    this.#isClosing = true;
    for (const participant of this.#registry.all()) participant.cancelGrace();
    clearTimeout(this.#snapshotTimer);
    for (const timer of this.#absentClerkTimers.values()) clearTimeout(timer);
    this.#queue.close();
    for (const consultation of this.#live.values()) consultation.media?.close();
  }

  /** The consultation's media, created at most once at a time (two arrivals share one hub). */
  #ensureMedia(consultation: Consultation): Promise<ConsultationMedia> {
    if (consultation.media && !consultation.media.isClosed) return Promise.resolve(consultation.media);
    let pending = this.#pendingMedia.get(consultation);
    if (!pending) {
      pending = this.#createMedia(consultation).finally(() => this.#pendingMedia.delete(consultation));
      this.#pendingMedia.set(consultation, pending);
    }
    return pending;
  }

  async #createMedia(consultation: Consultation): Promise<ConsultationMedia> {
    const log = this.#log.child({ consultationId: consultation.id });
    let hub: PlacedRouter;
    try {
      hub = await this.#pool.createRouter({ consultationId: consultation.id });
    } catch (error) {
      log.error({ err: error }, 'no router for a consultation');
      throw AppError.mediaUnavailable('no media capacity is available');
    }
    const media = new ConsultationMedia(hub, log, {
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
    consultation.mediaCreated(media);
    hub.router.observer.once('close', () => {
      if (!consultation.isLive || consultation.media !== media || this.#isClosing) return;
      if (!hub.isLost()) {
        this.end(consultation, 'media-failure');
        return;
      }
      log.warn('consultation hub lost with its worker; moving it to another');
      void this.#recoverHub(consultation);
    });
    this.#rejoinMedia(consultation, media);
    return media;
  }

  /**
   * A new hub for a consultation whose hub died (its worker did): the staff's desks, a clerk it is
   * being offered to and monitoring supervisors join it at once; the kiosk joins when its client
   * has started media again (`mediaLost` told it to).
   */
  #rejoinMedia(consultation: Consultation, media: ConsultationMedia): void {
    for (const member of consultation.staff) {
      if (member.media && !member.media.isClosed) media.add(member.media);
    }
    const offered = consultation.offer && this.#registry.findClerk(consultation.offer.staffId);
    if (offered?.media && !offered.media.isClosed) media.prepare(offered.media);
    for (const monitor of consultation.monitors) {
      if (monitor.media && !monitor.media.isClosed) media.add(monitor.media, { isListenOnly: true });
    }
  }

  /**
   * Moves a consultation whose hub died to a new hub, trying again while no worker is alive (the
   * pool is replacing them). Only a call that still has no hub after `HUB_RECOVERY_MS` ends, as a
   * media failure.
   */
  async #recoverHub(consultation: Consultation): Promise<void> {
    const giveUpAt = this.#now() + HUB_RECOVERY_MS;
    let delayMs = 100;
    while (consultation.isLive && !this.#isClosing) {
      try {
        await this.#ensureMedia(consultation);
        this.#log.info({ consultationId: consultation.id }, 'consultation moved to a new hub');
        return;
      } catch (error) {
        if (this.#now() >= giveUpAt) {
          this.#log.error({ err: error, consultationId: consultation.id }, 'no new hub; the call ends');
          this.end(consultation, 'media-failure');
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, delayMs).unref());
        delayMs = Math.min(delayMs * 2, 2_000);
      }
    }
  }

  #forget(consultation: Consultation): void {
    this.#live.delete(consultation.id);
    consultation.close();
  }

  /**
   * After a restart the queue remembers callers and clerks, but no socket is connected yet:
   * queued callers wait for their kiosks to reconnect, calls that were running wait for their
   * kiosk and clerk (and end if either does not come back within the grace period), and clerks
   * who do not come back within the grace period are signed out.
   */
  #restoreAfterRestart(graceMs: number): void {
    const snapshot = this.#queue.engine.snapshot();
    const restored: Consultation[] = [];
    for (const caller of snapshot.callers) {
      if (caller.callerId.includes('.t')) {
        // The call it belonged to did not survive the restart.
        this.#queue.runQuietly(
          (engine, now) => engine.cancel(now, caller.callerId),
          'cancel transfer after restart',
        );
        continue;
      }
      const consultation = new Consultation({
        id: caller.callerId as ConsultationId,
        procedureId: caller.procedureId as ProcedureId,
        language: this.#languageFor(caller.language),
        kiosk: undefined,
        kioskId: caller.kioskId as Consultation['kioskId'],
        requestedAt: caller.enqueuedAt,
      });
      if (caller.offer) {
        consultation.offered({
          staffId: caller.offer.clerkId,
          expiresAt: caller.offer.expiresAt,
          callerId: caller.callerId,
        });
      }
      this.#live.set(consultation.id, consultation);
      restored.push(consultation);
    }
    for (const clerk of snapshot.clerks) {
      if (clerk.status === 'busy' && clerk.call)
        restored.push(this.#restoreRunningCall(clerk.clerkId, clerk.call));
      const timer = setTimeout(() => {
        this.#absentClerkTimers.delete(clerk.clerkId);
        if (this.#registry.findClerk(clerk.clerkId)) return;
        this.#queue.runQuietly((engine, now) => engine.signOut(now, clerk.clerkId), 'sign-out after restart');
      }, graceMs);
      timer.unref();
      this.#absentClerkTimers.set(clerk.clerkId, timer);
    }
    // A caller whose kiosk did not come back in time leaves the queue (no clerk is put through to
    // an empty booth), and a running call whose resident or clerk did not come back ends; neither
    // is left half-open (and a clerk is released before the sign-out above).
    const endAbandoned = setTimeout(
      () => {
        for (const consultation of restored) {
          if (!consultation.isLive) continue;
          const isRunning = consultation.status === 'active';
          if (consultation.kiosk && (!isRunning || consultation.staff.length > 0)) continue;
          this.#log.info({ consultationId: consultation.id }, 'restored consultation abandoned; it ends');
          this.end(consultation, 'participant-left');
        }
      },
      Math.max(0, graceMs - 1),
    );
    endAbandoned.unref();
    if (snapshot.callers.length > 0 || snapshot.clerks.length > 0) {
      this.#log.info(
        { callers: snapshot.callers.length, clerks: snapshot.clerks.length },
        'queue restored; waiting for kiosks and clerks to reconnect',
      );
    }
  }

  /**
   * A call that was running when the server stopped, rebuilt from what the queue's log says of
   * its clerk's call: the same consultation (id, procedure, kiosk, times), waiting for its kiosk
   * and clerk to reconnect. A transferred call's queue entry names the consultation before its
   * suffix.
   */
  #restoreRunningCall(
    staffId: string,
    call: NonNullable<QueueSnapshot['clerks'][number]['call']>,
  ): Consultation {
    const id = call.callerId.replace(/\.t\d+$/, '') as ConsultationId;
    let consultation = this.#live.get(id);
    if (!consultation) {
      consultation = new Consultation({
        id,
        procedureId: call.procedureId as ProcedureId,
        language: this.#languageFor(call.language),
        kiosk: undefined,
        kioskId: call.kioskId as Consultation['kioskId'],
        requestedAt: call.waitingSince,
      });
      consultation.restoredRunning(call.startedAt);
      this.#live.set(id, consultation);
    }
    consultation.awaitStaff(staffId);
    this.#log.info({ consultationId: id, staffId }, 'running call restored; waiting for its members');
    return consultation;
  }

  /**
   * The resident's language back from the language the queue required of the clerk (after a
   * restart): やさしい日本語 and Japanese both require none and come back as Japanese.
   */
  #languageFor(spoken: string | null): Language {
    const byRequirement: Record<string, Language> = { en: 'en', zh: 'zh-Hans', ko: 'ko', vi: 'vi' };
    return (spoken === null ? undefined : byRequirement[spoken]) ?? 'ja';
  }

  #scheduleSnapshot(): void {
    if (this.#snapshotTimer) return;
    // Coalesced: a burst of queue changes becomes one push to supervisors.
    this.#snapshotTimer = setTimeout(() => {
      this.#snapshotTimer = undefined;
      const supervisors = [...this.#registry.all()].filter((p) => p.role === 'supervisor');
      if (supervisors.length > 0) {
        const snapshot = this.snapshot();
        for (const supervisor of supervisors) supervisor.notify('queue:snapshot', snapshot);
      }
      for (const listener of this.#changeListeners) listener();
    }, 100);
    this.#snapshotTimer.unref();
  }
}
