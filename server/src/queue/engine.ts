import { matchStep } from './eligibility.ts';
import { QueueError } from './errors.ts';
import { estimateWaits, type WaitEstimate } from './estimator.ts';
import type { QueueEvent } from './events.ts';
import { proficiencyThenLongestIdle, type Candidate, type SelectionPolicy } from './selection-policy.ts';
import { RoutingState, type CallerState, type ClerkCall, type ClerkState } from './state.ts';
import {
  PRIORITY_RESERVATION,
  PRIORITY_TRANSFER,
  PRIORITY_WALK_IN,
  type CallerId,
  type ClerkId,
  type ClerkProfile,
  type ClerkStatus,
  type CommandResult,
  type Effect,
  type EnqueueInput,
  type ProcedureId,
  type RoutingProcedure,
  type ServiceHours,
} from './types.ts';
import type { Bucket } from './caller-queue.ts';
import type { Timer } from './timers.ts';

export interface RoutingEngineOptions {
  /** Procedures callers may ask for. */
  procedures: readonly RoutingProcedure[];
  /** Opening hours per kiosk; when absent the service is always open (simulations, tests). */
  serviceHours?: ServiceHours | null;
  /** How long a clerk has to accept an offer before it goes to someone else. Default 20 s. */
  offerTimeoutMs?: number;
  /** Wrap-up after each call, unless `complete` says otherwise. Default 30 s. */
  wrapUpMs?: number;
  /** A reservation outranks walk-ins from this long before its slot. Default 5 min. */
  reservationEarlyMs?: number;
  /** Which idle clerk gets a call. Default: proficiency, then longest idle. */
  policy?: SelectionPolicy;
  /** Calls per procedure the wait estimate averages over. Default 20. */
  handlingSampleSize?: number;
  /** Wait estimates are rounded up to this. Default 30 s. */
  estimateGranularityMs?: number;
}

type ResolvedOptions = Required<Omit<RoutingEngineOptions, 'procedures' | 'serviceHours'>> & {
  serviceHours: ServiceHours | null;
};

const DEFAULTS = {
  offerTimeoutMs: 20_000,
  wrapUpMs: 30_000,
  reservationEarlyMs: 5 * 60_000,
  policy: proficiencyThenLongestIdle,
  handlingSampleSize: 20,
  estimateGranularityMs: 30_000,
} as const;

export type QueueCommandResult = CommandResult<QueueEvent>;

interface Batch {
  at: number;
  events: QueueEvent[];
  effects: Effect[];
}

/** Plain view of the state, for tests, the simulator and diagnostics. Sorted, so two equal states compare equal. */
export interface QueueSnapshot {
  callers: {
    callerId: CallerId;
    seq: number;
    procedureId: ProcedureId;
    kioskId: string;
    language: string | null;
    priority: number;
    stepIndex: number;
    enqueuedAt: number;
    promoteAt: number | null;
    offer: { clerkId: ClerkId; madeAt: number; expiresAt: number } | null;
  }[];
  clerks: {
    clerkId: ClerkId;
    status: Exclude<ClerkStatus, 'offline'>;
    since: number;
    skills: Record<string, number>;
    languages: string[];
    awayReason: string | null;
    wrapUpUntil: number | null;
    callerId: CallerId | null;
    /** The call offered or running, as its queue entry described it. */
    call: ClerkCall | null;
  }[];
  handlingSamples: Record<ProcedureId, number[]>;
  nextSeq: number;
  nextWakeAt: number | null;
}

/**
 * Skills-based routing core. Pure and deterministic: time comes in as `now` (epoch ms), nothing
 * is scheduled or sent from here. Every command returns the events to persist (in order, before
 * acknowledging), the effects the I/O shell must carry out, and when to call `tick` next.
 *
 * Invariant after every command: no available clerk is eligible for a caller waiting without an
 * offer (work conservation). Each command therefore only has to look at what it changed.
 */
export class RoutingEngine {
  readonly #options: ResolvedOptions;
  #procedures: ReadonlyMap<ProcedureId, RoutingProcedure>;
  readonly #state: RoutingState;
  /** Last estimate pushed per caller; presentation memory, deliberately not part of the event log. */
  readonly #pushed = new Map<CallerId, WaitEstimate & { revision: number }>();
  #carried: Pick<Batch, 'events' | 'effects'> = { events: [], effects: [] };

  constructor(options: RoutingEngineOptions) {
    this.#options = {
      offerTimeoutMs: options.offerTimeoutMs ?? DEFAULTS.offerTimeoutMs,
      wrapUpMs: options.wrapUpMs ?? DEFAULTS.wrapUpMs,
      reservationEarlyMs: options.reservationEarlyMs ?? DEFAULTS.reservationEarlyMs,
      policy: options.policy ?? DEFAULTS.policy,
      handlingSampleSize: options.handlingSampleSize ?? DEFAULTS.handlingSampleSize,
      estimateGranularityMs: options.estimateGranularityMs ?? DEFAULTS.estimateGranularityMs,
      serviceHours: options.serviceHours ?? null,
    };
    this.#procedures = new Map(options.procedures.map((p) => [p.id, p]));
    this.#state = new RoutingState(this.#options.handlingSampleSize);
  }

  /**
   * New procedures and opening hours (the catalogue was edited). They count for decisions from now
   * on: callers already queued keep the steps they were queued with, which their `caller-enqueued`
   * event carries, so replaying the log gives the same state whichever catalogue is in force.
   */
  reconfigure(options: Pick<RoutingEngineOptions, 'procedures' | 'serviceHours'>): void {
    this.#procedures = new Map(options.procedures.map((p) => [p.id, p]));
    this.#options.serviceHours = options.serviceHours ?? null;
  }

  /** Replays one persisted event (used by `rebuild`); no routing decision is taken. */
  replay(event: QueueEvent): void {
    this.#state.apply(event);
  }

  /** A resident asks for a procedure at a kiosk. Outside opening hours the kiosk is told when to come back. */
  enqueue(now: number, input: EnqueueInput): QueueCommandResult {
    const procedure = this.#procedures.get(input.procedureId);
    if (!procedure) throw QueueError.unknownProcedure(input.procedureId);
    if (input.reservation && !procedure.isReservable) {
      throw QueueError.invalidInput(`procedure ${procedure.id} does not take reservations`);
    }
    return this.#run(now, (batch) => {
      if (this.#state.callers.has(input.callerId)) {
        throw QueueError.invalidState(`caller ${input.callerId} is already queued`);
      }
      const hours = this.#options.serviceHours;
      if (hours && !hours.isOpen(input.kioskId, batch.at)) {
        batch.effects.push({
          type: 'kiosk-closed',
          kioskId: input.kioskId,
          callerId: input.callerId,
          nextOpeningAt: hours.nextOpening(input.kioskId, batch.at),
        });
        return;
      }
      let priority = input.isTransfer ? PRIORITY_TRANSFER : PRIORITY_WALK_IN;
      let promoteAt: number | null = null;
      if (input.reservation && !input.isTransfer) {
        const from = input.reservation.dueAt - this.#options.reservationEarlyMs;
        if (batch.at >= from) priority = PRIORITY_RESERVATION;
        else promoteAt = Math.round(from);
      }
      this.#emit(batch, {
        type: 'caller-enqueued',
        at: batch.at,
        callerId: input.callerId,
        seq: this.#state.nextSeq,
        procedureId: procedure.id,
        kioskId: input.kioskId,
        language: input.language,
        priority,
        steps: procedure.steps.map((s) => ({ afterMs: s.afterMs, skills: [...s.skills] })),
        promoteAt,
        promoteTo: promoteAt === null ? null : PRIORITY_RESERVATION,
        typicalHandlingMs: Math.max(1, Math.round(procedure.typicalHandlingMs)),
      });
      this.#routeCaller(batch, this.#state.callers.get(input.callerId)!);
    });
  }

  /** The resident gives up (or the kiosk disconnects for good) before being answered. */
  cancel(now: number, callerId: CallerId): QueueCommandResult {
    return this.#run(now, (batch) => {
      const caller = this.#state.callers.get(callerId);
      if (!caller) throw QueueError.unknownCaller(callerId);
      const offer = caller.offer;
      if (offer) {
        this.#emit(batch, {
          type: 'offer-withdrawn',
          at: batch.at,
          callerId,
          clerkId: offer.clerkId,
          reason: 'caller-abandoned',
        });
        batch.effects.push({
          type: 'withdraw-offer',
          clerkId: offer.clerkId,
          callerId,
          reason: 'caller-abandoned',
        });
      }
      this.#emit(batch, { type: 'caller-abandoned', at: batch.at, callerId });
      this.#pushed.delete(callerId);
      if (offer) {
        const clerk = this.#state.clerks.get(offer.clerkId)!;
        this.#clerkStatusEffect(batch, clerk);
        this.#routeClerk(batch, clerk);
      }
    });
  }

  /**
   * A clerk starts taking calls, or with `awayReason` signs in without taking calls yet (a clerk
   * who just logged in chooses when to start).
   */
  signIn(now: number, profile: ClerkProfile, options: { awayReason?: string } = {}): QueueCommandResult {
    if (profile.languages.length === 0) throw QueueError.invalidInput('a clerk needs at least one language');
    for (const [skill, level] of Object.entries(profile.skills)) {
      if (!Number.isInteger(level) || level < 1 || level > 5) {
        throw QueueError.invalidInput(`proficiency of ${skill} must be an integer 1–5`);
      }
    }
    return this.#run(now, (batch) => {
      if (this.#state.clerks.has(profile.clerkId)) {
        throw QueueError.invalidState(`clerk ${profile.clerkId} is already signed in`);
      }
      this.#emit(batch, {
        type: 'clerk-signed-in',
        at: batch.at,
        clerkId: profile.clerkId,
        skills: { ...profile.skills },
        languages: [...profile.languages],
      });
      const clerk = this.#state.clerks.get(profile.clerkId)!;
      if (options.awayReason) {
        this.#emit(batch, {
          type: 'clerk-away',
          at: batch.at,
          clerkId: profile.clerkId,
          reason: options.awayReason,
        });
        this.#clerkStatusEffect(batch, clerk);
        return;
      }
      this.#clerkStatusEffect(batch, clerk);
      this.#routeClerk(batch, clerk);
    });
  }

  /** A clerk stops taking calls. Refused during a call; an offer in flight goes back to the queue. */
  signOut(now: number, clerkId: ClerkId): QueueCommandResult {
    return this.#run(now, (batch) => {
      const clerk = this.#clerk(clerkId);
      if (clerk.status === 'busy') throw QueueError.invalidState(`clerk ${clerkId} is in a call`);
      const caller = this.#withdrawFrom(batch, clerk, 'clerk-signed-out');
      this.#emit(batch, { type: 'clerk-signed-out', at: batch.at, clerkId });
      batch.effects.push({ type: 'clerk-status', clerkId, status: 'offline', reason: null, until: null });
      if (caller) this.#routeCaller(batch, caller);
    });
  }

  /** Back from away, not-responding or (early) from wrap-up. Idempotent when already available. */
  setAvailable(now: number, clerkId: ClerkId): QueueCommandResult {
    return this.#run(now, (batch) => {
      const clerk = this.#clerk(clerkId);
      if (clerk.status === 'offered' || clerk.status === 'busy') {
        throw QueueError.invalidState(`clerk ${clerkId} is ${clerk.status}`);
      }
      if (clerk.status === 'available') return;
      this.#emit(batch, { type: 'clerk-available', at: batch.at, clerkId, cause: 'returned' });
      this.#clerkStatusEffect(batch, clerk);
      this.#routeClerk(batch, clerk);
    });
  }

  /** A clerk steps away (break, counter duty…). Refused during a call; an offer in flight goes back. */
  setAway(now: number, clerkId: ClerkId, reason: string): QueueCommandResult {
    if (reason.length === 0 || reason.length > 64)
      throw QueueError.invalidInput('away reason must be 1–64 characters');
    return this.#run(now, (batch) => {
      const clerk = this.#clerk(clerkId);
      if (clerk.status === 'busy') throw QueueError.invalidState(`clerk ${clerkId} is in a call`);
      if (clerk.status === 'away' && clerk.awayReason === reason) return;
      const caller = this.#withdrawFrom(batch, clerk, 'clerk-away');
      this.#emit(batch, { type: 'clerk-away', at: batch.at, clerkId, reason });
      this.#clerkStatusEffect(batch, clerk);
      if (caller) this.#routeCaller(batch, caller);
    });
  }

  /** The clerk takes the offered call. Refused if the offer expired or was withdrawn meanwhile. */
  accept(now: number, clerkId: ClerkId, callerId: CallerId): QueueCommandResult {
    return this.#run(now, (batch) => {
      this.#offeredPair(clerkId, callerId);
      this.#emit(batch, { type: 'offer-accepted', at: batch.at, callerId, clerkId });
      batch.effects.push({ type: 'caller-answered', callerId, clerkId });
      this.#clerkStatusEffect(batch, this.#state.clerks.get(clerkId)!);
      this.#pushed.delete(callerId);
    });
  }

  /** The clerk refuses the offered call: it goes elsewhere at once and the clerk is marked not-responding. */
  decline(now: number, clerkId: ClerkId, callerId: CallerId): QueueCommandResult {
    return this.#run(now, (batch) => {
      this.#offeredPair(clerkId, callerId);
      this.#reject(batch, clerkId, callerId, 'declined');
      this.#routeCaller(batch, this.#state.callers.get(callerId)!);
    });
  }

  /** The call ended. The clerk wraps up for `wrapUpMs` (default from the options), then is available. */
  complete(now: number, clerkId: ClerkId, options: { wrapUpMs?: number } = {}): QueueCommandResult {
    const wrapUpMs = options.wrapUpMs ?? this.#options.wrapUpMs;
    if (!(wrapUpMs >= 0)) throw QueueError.invalidInput('wrapUpMs must not be negative');
    return this.#run(now, (batch) => {
      const clerk = this.#clerk(clerkId);
      if (clerk.status !== 'busy' || !clerk.call)
        throw QueueError.invalidState(`clerk ${clerkId} is not in a call`);
      this.#emit(batch, {
        type: 'call-completed',
        at: batch.at,
        callerId: clerk.call.callerId,
        clerkId,
        procedureId: clerk.call.procedureId,
        handledMs: batch.at - clerk.call.startedAt,
        wrapUpUntil: wrapUpMs > 0 ? batch.at + Math.round(wrapUpMs) : null,
      });
      this.#clerkStatusEffect(batch, clerk);
      if (this.clerkStatus(clerkId) === 'available') this.#routeClerk(batch, clerk);
    });
  }

  /** Fires what is due: offer expiries, wrap-up ends, fallback steps, reservation promotions. */
  tick(now: number): QueueCommandResult {
    return this.#run(now, () => {});
  }

  /** When `tick` must be called next, or null. */
  nextWakeAt(): number | null {
    const timers = this.#state.timers;
    for (let timer = timers.peek(); timer; timer = timers.peek()) {
      if (this.#isLive(timer)) return timer.at;
      timers.pop();
    }
    return null;
  }

  /**
   * Expected-wait updates for callers whose estimate changed since the last push. Cheap enough to
   * call after every command; an estimate never grows unless capacity was lost or someone was put
   * ahead (see `RoutingState.worseningRevision`).
   */
  refreshEstimates(_now: number): Effect[] {
    const effects: Effect[] = [];
    const revision = this.#state.worseningRevision;
    const estimates = estimateWaits(this.#state, {
      wrapUpMs: this.#options.wrapUpMs,
      granularityMs: this.#options.estimateGranularityMs,
    });
    for (const callerId of this.#pushed.keys()) if (!estimates.has(callerId)) this.#pushed.delete(callerId);
    for (const [callerId, estimate] of estimates) {
      const last = this.#pushed.get(callerId);
      let expectedWaitMs = estimate.expectedWaitMs;
      if (
        last &&
        last.revision === revision &&
        last.expectedWaitMs !== null &&
        (expectedWaitMs === null || expectedWaitMs > last.expectedWaitMs)
      ) {
        expectedWaitMs = last.expectedWaitMs;
      }
      if (last && last.position === estimate.position && last.expectedWaitMs === expectedWaitMs) {
        last.revision = revision;
        continue;
      }
      this.#pushed.set(callerId, { position: estimate.position, expectedWaitMs, revision });
      effects.push({ type: 'expected-wait', callerId, position: estimate.position, expectedWaitMs });
    }
    return effects;
  }

  /** The estimate last pushed for a caller, to repeat it to a kiosk that reconnected. */
  lastEstimate(callerId: CallerId): { position: number; expectedWaitMs: number | null } | null {
    const last = this.#pushed.get(callerId);
    return last ? { position: last.position, expectedWaitMs: last.expectedWaitMs } : null;
  }

  clerkStatus(clerkId: ClerkId): ClerkStatus {
    return this.#state.clerks.get(clerkId)?.status ?? 'offline';
  }

  /** `waiting`, `offered`, or `absent` (never queued, answered or abandoned). */
  callerStatus(callerId: CallerId): 'waiting' | 'offered' | 'absent' {
    const caller = this.#state.callers.get(callerId);
    return caller ? (caller.offer ? 'offered' : 'waiting') : 'absent';
  }

  get waitingCount(): number {
    return this.#state.callers.size;
  }

  snapshot(): QueueSnapshot {
    const callers = [...this.#state.callers.values()]
      .sort((a, b) => a.seq - b.seq)
      .map((c) => ({
        callerId: c.callerId,
        seq: c.seq,
        procedureId: c.procedureId,
        kioskId: c.kioskId,
        language: c.language,
        priority: c.priority,
        stepIndex: c.stepIndex,
        enqueuedAt: c.enqueuedAt,
        promoteAt: c.promoteAt,
        offer: c.offer ? { ...c.offer } : null,
      }));
    const clerks = [...this.#state.clerks.values()]
      .sort((a, b) => (a.clerkId < b.clerkId ? -1 : 1))
      .map((c) => ({
        clerkId: c.clerkId,
        status: c.status,
        since: c.since,
        skills: { ...c.skills },
        languages: [...c.languages],
        awayReason: c.awayReason,
        wrapUpUntil: c.wrapUpUntil,
        callerId: c.call?.callerId ?? null,
        call: c.call ? { ...c.call } : null,
      }));
    return {
      callers,
      clerks,
      handlingSamples: this.#state.handling.toJSON(),
      nextSeq: this.#state.nextSeq,
      nextWakeAt: this.nextWakeAt(),
    };
  }

  /** Steps and skills of a waiting caller, for independent checks (simulator, tests). */
  callerRequirement(
    callerId: CallerId,
  ): Pick<CallerState, 'language' | 'steps' | 'stepIndex' | 'priority' | 'seq'> | null {
    const c = this.#state.callers.get(callerId);
    return c
      ? { language: c.language, steps: c.steps, stepIndex: c.stepIndex, priority: c.priority, seq: c.seq }
      : null;
  }

  // ---- internals ---------------------------------------------------------------------------

  #begin(now: number): Batch {
    if (!Number.isFinite(now)) throw QueueError.invalidInput('now must be a finite number');
    // Time never runs backwards in the log, even if the caller's clock does.
    const at = Math.max(Math.round(now), this.#state.lastAt);
    const batch: Batch = { at, events: this.#carried.events, effects: this.#carried.effects };
    this.#carried = { events: [], effects: [] };
    this.#fireDue(batch);
    return batch;
  }

  /**
   * Runs a command. Timers fired before a refusal have changed the state already; their events are
   * carried into the next result so the persisted log never misses one.
   */
  #run(now: number, body: (batch: Batch) => void): QueueCommandResult {
    const batch = this.#begin(now);
    try {
      body(batch);
    } catch (error) {
      this.#carried = { events: batch.events, effects: batch.effects };
      throw error;
    }
    return this.#finish(batch);
  }

  #finish(batch: Batch): QueueCommandResult {
    return { events: batch.events, effects: batch.effects, nextWakeAt: this.nextWakeAt() };
  }

  #emit(batch: Batch, event: QueueEvent): void {
    this.#state.apply(event);
    batch.events.push(event);
  }

  #fireDue(batch: Batch): void {
    const timers = this.#state.timers;
    // What the timers changed; routing then only looks at those (see `#routeAfterTimers`).
    const touchedCallers = new Set<CallerId>();
    const freedClerks: ClerkId[] = [];
    for (let timer = timers.peek(); timer && timer.at <= batch.at; timer = timers.peek()) {
      timers.pop();
      if (!this.#isLive(timer)) continue;
      switch (timer.kind) {
        case 'offer-expiry': {
          const caller = this.#state.callers.get(timer.callerId)!;
          this.#reject(batch, caller.offer!.clerkId, caller.callerId, 'expired');
          touchedCallers.add(caller.callerId);
          break;
        }
        case 'wrap-up': {
          this.#emit(batch, {
            type: 'clerk-available',
            at: batch.at,
            clerkId: timer.clerkId,
            cause: 'wrap-up-ended',
          });
          this.#clerkStatusEffect(batch, this.#state.clerks.get(timer.clerkId)!);
          freedClerks.push(timer.clerkId);
          break;
        }
        case 'step':
          this.#emit(batch, {
            type: 'caller-step-advanced',
            at: batch.at,
            callerId: timer.callerId,
            step: timer.step,
          });
          touchedCallers.add(timer.callerId);
          break;
        case 'promote':
          this.#emit(batch, {
            type: 'caller-promoted',
            at: batch.at,
            callerId: timer.callerId,
            priority: PRIORITY_RESERVATION,
          });
          touchedCallers.add(timer.callerId);
          break;
      }
    }
    this.#routeAfterTimers(batch, touchedCallers, freedClerks);
  }

  /**
   * Restores work conservation after timers fired. Untouched callers had no eligible idle clerk
   * before, so when no clerk was freed only the touched callers can be served, in queue order.
   * A single freed clerk with nothing else changed takes the first caller they may serve. Anything
   * else (rare) runs the full pass.
   */
  #routeAfterTimers(
    batch: Batch,
    touchedCallers: ReadonlySet<CallerId>,
    freedClerks: readonly ClerkId[],
  ): void {
    if (freedClerks.length === 0) {
      const callers = [...touchedCallers]
        .map((id) => this.#state.callers.get(id))
        .filter((c): c is CallerState => c !== undefined && c.offer === null)
        .sort((a, b) => b.priority - a.priority || a.seq - b.seq);
      for (const caller of callers) this.#routeCaller(batch, caller);
    } else if (freedClerks.length === 1 && touchedCallers.size === 0) {
      this.#routeClerk(batch, this.#state.clerks.get(freedClerks[0]!)!);
    } else {
      this.#routeAll(batch);
    }
  }

  #isLive(timer: Timer): boolean {
    switch (timer.kind) {
      case 'offer-expiry':
        return this.#state.callers.get(timer.callerId)?.offer?.expiresAt === timer.at;
      case 'wrap-up': {
        const clerk = this.#state.clerks.get(timer.clerkId);
        return clerk?.status === 'wrap-up' && clerk.wrapUpUntil === timer.at;
      }
      case 'step':
        return this.#state.callers.get(timer.callerId)?.stepIndex === timer.step - 1;
      case 'promote':
        return this.#state.callers.get(timer.callerId)?.promoteAt === timer.at;
    }
  }

  #reject(batch: Batch, clerkId: ClerkId, callerId: CallerId, reason: 'declined' | 'expired'): void {
    this.#emit(batch, { type: 'offer-rejected', at: batch.at, callerId, clerkId, reason });
    batch.effects.push({ type: 'withdraw-offer', clerkId, callerId, reason });
    batch.effects.push({ type: 'caller-requeued', callerId });
    this.#clerkStatusEffect(batch, this.#state.clerks.get(clerkId)!);
  }

  /** Takes an offer in flight back from a clerk who leaves; returns the caller to route again. */
  #withdrawFrom(
    batch: Batch,
    clerk: ClerkState,
    reason: 'clerk-away' | 'clerk-signed-out',
  ): CallerState | null {
    if (clerk.status !== 'offered' || !clerk.call) return null;
    const callerId = clerk.call.callerId;
    this.#emit(batch, { type: 'offer-withdrawn', at: batch.at, callerId, clerkId: clerk.clerkId, reason });
    batch.effects.push({ type: 'withdraw-offer', clerkId: clerk.clerkId, callerId, reason });
    batch.effects.push({ type: 'caller-requeued', callerId });
    return this.#state.callers.get(callerId)!;
  }

  #offer(batch: Batch, caller: CallerState, clerk: ClerkState): void {
    const expiresAt = batch.at + this.#options.offerTimeoutMs;
    this.#emit(batch, {
      type: 'offer-made',
      at: batch.at,
      callerId: caller.callerId,
      clerkId: clerk.clerkId,
      expiresAt,
    });
    batch.effects.push({
      type: 'offer',
      clerkId: clerk.clerkId,
      callerId: caller.callerId,
      procedureId: caller.procedureId,
      kioskId: caller.kioskId,
      language: caller.language,
      waitingSince: caller.enqueuedAt,
      expiresAt,
    });
    this.#clerkStatusEffect(batch, clerk);
  }

  /** A caller became routable (arrived or came back): offer it to the best idle eligible clerk. */
  #routeCaller(batch: Batch, caller: CallerState): void {
    const state = this.#state;
    // Everyone ahead in the same bucket has the same eligibility and found no clerk.
    if (state.idle.size === 0 || caller.offer || !state.queue.isHead(caller)) return;
    const clerk = this.#bestClerkFor(caller);
    if (clerk) this.#offer(batch, caller, clerk);
  }

  /** A clerk became available: offer them the first caller they may take (priority, then queue order). */
  #routeClerk(batch: Batch, clerk: ClerkState): void {
    if (clerk.status !== 'available') return;
    let best: CallerState | null = null;
    for (const bucket of this.#state.queue.buckets()) {
      const head = bucket.callers[0]!;
      if (best && !ranksBefore(head, best)) continue;
      if (eligibleForBucket(clerk, bucket)) best = head;
    }
    if (best) this.#offer(batch, best, clerk);
  }

  /** After several changes at once: serve callers in priority/queue order while idle clerks fit. */
  #routeAll(batch: Batch): void {
    const state = this.#state;
    while (state.idle.size > 0) {
      let best: CallerState | null = null;
      let bestClerk: ClerkState | null = null;
      for (const bucket of state.queue.buckets()) {
        const head = bucket.callers[0]!;
        if (best && !ranksBefore(head, best)) continue;
        const clerk = this.#bestClerkFor(head);
        if (clerk) {
          best = head;
          bestClerk = clerk;
        }
      }
      if (!best || !bestClerk) return;
      this.#offer(batch, best, bestClerk);
    }
  }

  #bestClerkFor(caller: CallerState): ClerkState | null {
    const policy = this.#options.policy;
    let best: Candidate | null = null;
    let bestClerk: ClerkState | null = null;
    for (const clerkId of this.#state.idle) {
      const clerk = this.#state.clerks.get(clerkId)!;
      const match = matchStep(clerk, caller);
      if (!match) continue;
      const candidate: Candidate = {
        clerkId,
        step: match.step,
        proficiency: match.proficiency,
        idleSince: clerk.since,
      };
      if (!best || policy.compare(candidate, best) < 0) {
        best = candidate;
        bestClerk = clerk;
      }
    }
    return bestClerk;
  }

  #clerkStatusEffect(batch: Batch, clerk: ClerkState): void {
    batch.effects.push({
      type: 'clerk-status',
      clerkId: clerk.clerkId,
      status: this.#state.clerks.has(clerk.clerkId) ? clerk.status : 'offline',
      reason: clerk.awayReason,
      until: clerk.wrapUpUntil,
    });
  }

  #clerk(clerkId: ClerkId): ClerkState {
    const clerk = this.#state.clerks.get(clerkId);
    if (!clerk) throw QueueError.unknownClerk(clerkId);
    return clerk;
  }

  #offeredPair(clerkId: ClerkId, callerId: CallerId): void {
    const clerk = this.#clerk(clerkId);
    if (clerk.status !== 'offered' || clerk.call?.callerId !== callerId) {
      throw QueueError.invalidState(`clerk ${clerkId} holds no offer of caller ${callerId}`);
    }
  }
}

function ranksBefore(a: CallerState, b: CallerState): boolean {
  return a.priority > b.priority || (a.priority === b.priority && a.seq < b.seq);
}

function eligibleForBucket(clerk: ClerkState, bucket: Bucket<CallerState>): boolean {
  if (bucket.language !== null && !clerk.languages.includes(bucket.language)) return false;
  for (const skill of bucket.skills) if ((clerk.skills[skill] ?? 0) >= 1) return true;
  return false;
}
