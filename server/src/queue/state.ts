import { CallerQueue } from './caller-queue.ts';
import { QueueError } from './errors.ts';
import type { QueueEvent, QueueEventOf } from './events.ts';
import { HandlingStats } from './handling-stats.ts';
import { TimerQueue } from './timers.ts';
import type { CallerId, ClerkId, ClerkStatus, KioskId, ProcedureId, RoutingStep, SkillId } from './types.ts';

/** A caller waiting in the queue or holding an offer. Answered callers leave the map. */
export interface CallerState {
  callerId: CallerId;
  seq: number;
  procedureId: ProcedureId;
  kioskId: KioskId;
  language: string | null;
  priority: number;
  steps: readonly RoutingStep[];
  stepIndex: number;
  enqueuedAt: number;
  promoteAt: number | null;
  promoteTo: number | null;
  typicalHandlingMs: number;
  offer: { clerkId: ClerkId; madeAt: number; expiresAt: number } | null;
}

/**
 * A clerk's current call. It keeps what the caller's queue entry said (kiosk, language, when they
 * began waiting), so a call that was running when the server stopped can be restored from the log.
 */
export interface ClerkCall {
  callerId: CallerId;
  procedureId: ProcedureId;
  kioskId: KioskId;
  language: string | null;
  waitingSince: number;
  /** When the offer was made, then when it was accepted. */
  startedAt: number;
}

/** A signed-in clerk. Signed-out clerks leave the map (status `offline`). */
export interface ClerkState {
  clerkId: ClerkId;
  skills: Readonly<Record<SkillId, number>>;
  languages: readonly string[];
  status: Exclude<ClerkStatus, 'offline'>;
  /** When the current status began; for `available` it is the idle-since time the policy uses. */
  since: number;
  awayReason: string | null;
  wrapUpUntil: number | null;
  /** The caller offered to or talking with the clerk. */
  call: ClerkCall | null;
}

/**
 * The routing state and its reducer. `apply` is the only way state changes, both for live commands
 * and for replay, which is what makes `rebuild(events)` exact.
 */
export class RoutingState {
  readonly callers = new Map<CallerId, CallerState>();
  readonly clerks = new Map<ClerkId, ClerkState>();
  readonly queue = new CallerQueue<CallerState>();
  /** Available clerks, in the order they became available. */
  readonly idle = new Set<ClerkId>();
  readonly timers = new TimerQueue();
  readonly handling: HandlingStats;
  nextSeq = 0;
  lastAt = 0;
  /**
   * Bumped by changes that may honestly lengthen someone's wait (capacity lost, someone put ahead);
   * the estimator lets a pushed estimate grow only across such a change.
   */
  worseningRevision = 0;

  constructor(handlingSampleSize: number) {
    this.handling = new HandlingStats(handlingSampleSize);
  }

  apply(event: QueueEvent): void {
    if (event.at < this.lastAt) throw new Error(`event time ${event.at} is before ${this.lastAt}`);
    this.lastAt = event.at;
    switch (event.type) {
      case 'caller-enqueued':
        return this.#enqueued(event);
      case 'caller-step-advanced':
        return this.#refile(this.#caller(event.callerId), (c) => (c.stepIndex = event.step));
      case 'caller-promoted': {
        this.worseningRevision++;
        return this.#refile(this.#caller(event.callerId), (c) => {
          c.priority = event.priority;
          c.promoteAt = null;
          c.promoteTo = null;
        });
      }
      case 'caller-abandoned': {
        const caller = this.#caller(event.callerId);
        if (caller.offer) throw new Error(`caller ${caller.callerId} still holds an offer`);
        this.queue.remove(caller);
        this.callers.delete(caller.callerId);
        return;
      }
      case 'offer-made': {
        const caller = this.#caller(event.callerId);
        const clerk = this.#clerk(event.clerkId);
        if (caller.offer || clerk.status !== 'available')
          throw new Error('offer to a busy clerk or offered caller');
        this.queue.remove(caller);
        caller.offer = { clerkId: clerk.clerkId, madeAt: event.at, expiresAt: event.expiresAt };
        this.#setStatus(clerk, 'offered', event.at);
        clerk.call = callOf(caller, event.at);
        this.timers.push({ kind: 'offer-expiry', at: event.expiresAt, callerId: caller.callerId });
        return;
      }
      case 'offer-accepted': {
        const { caller, clerk } = this.#offer(event);
        this.callers.delete(caller.callerId);
        this.#setStatus(clerk, 'busy', event.at);
        clerk.call = callOf(caller, event.at);
        return;
      }
      case 'offer-rejected': {
        const { caller, clerk } = this.#offer(event);
        this.worseningRevision++;
        this.#returnToQueue(caller);
        clerk.call = null;
        this.#setStatus(clerk, 'not-responding', event.at);
        return;
      }
      case 'offer-withdrawn': {
        const { caller, clerk } = this.#offer(event);
        clerk.call = null;
        if (event.reason === 'caller-abandoned') {
          caller.offer = null;
          this.#setStatus(clerk, 'available', event.at);
        } else {
          // The clerk's own away / sign-out event follows and sets their status.
          this.#returnToQueue(caller);
        }
        return;
      }
      case 'call-completed': {
        const clerk = this.#clerk(event.clerkId);
        if (clerk.status !== 'busy' || clerk.call?.callerId !== event.callerId)
          throw new Error('no such call');
        clerk.call = null;
        this.handling.record(event.procedureId, event.handledMs);
        if (event.wrapUpUntil === null) {
          this.#setStatus(clerk, 'available', event.at);
        } else {
          this.#setStatus(clerk, 'wrap-up', event.at);
          clerk.wrapUpUntil = event.wrapUpUntil;
          this.timers.push({ kind: 'wrap-up', at: event.wrapUpUntil, clerkId: clerk.clerkId });
        }
        return;
      }
      case 'clerk-signed-in': {
        if (this.clerks.has(event.clerkId)) throw new Error(`clerk ${event.clerkId} is already signed in`);
        const clerk: ClerkState = {
          clerkId: event.clerkId,
          skills: { ...event.skills },
          languages: [...event.languages],
          status: 'available',
          since: event.at,
          awayReason: null,
          wrapUpUntil: null,
          call: null,
        };
        this.clerks.set(clerk.clerkId, clerk);
        this.idle.add(clerk.clerkId);
        return;
      }
      case 'clerk-available': {
        const clerk = this.#clerk(event.clerkId);
        if (clerk.status === 'offered' || clerk.status === 'busy')
          throw new Error(`clerk is ${clerk.status}`);
        this.#setStatus(clerk, 'available', event.at);
        return;
      }
      case 'clerk-away': {
        const clerk = this.#clerk(event.clerkId);
        if (clerk.call) throw new Error(`clerk ${clerk.clerkId} has a call`);
        this.worseningRevision++;
        this.#setStatus(clerk, 'away', event.at);
        clerk.awayReason = event.reason;
        return;
      }
      case 'clerk-signed-out': {
        const clerk = this.#clerk(event.clerkId);
        if (clerk.call) throw new Error(`clerk ${clerk.clerkId} has a call`);
        this.worseningRevision++;
        this.idle.delete(clerk.clerkId);
        this.clerks.delete(clerk.clerkId);
        return;
      }
    }
  }

  #enqueued(event: QueueEventOf<'caller-enqueued'>): void {
    if (this.callers.has(event.callerId)) throw new Error(`caller ${event.callerId} is already queued`);
    if (event.priority > 0) this.worseningRevision++;
    const caller: CallerState = {
      callerId: event.callerId,
      seq: event.seq,
      procedureId: event.procedureId,
      kioskId: event.kioskId,
      language: event.language,
      priority: event.priority,
      steps: event.steps,
      stepIndex: 0,
      enqueuedAt: event.at,
      promoteAt: event.promoteAt,
      promoteTo: event.promoteTo,
      typicalHandlingMs: event.typicalHandlingMs,
      offer: null,
    };
    this.callers.set(caller.callerId, caller);
    this.nextSeq = Math.max(this.nextSeq, event.seq + 1);
    this.queue.insert(caller);
    this.#scheduleNextStep(caller);
    if (caller.promoteAt !== null)
      this.timers.push({ kind: 'promote', at: caller.promoteAt, callerId: caller.callerId });
  }

  /** Changes how a caller is filed: out of its bucket, update, back in (unless an offer is out). */
  #refile(caller: CallerState, update: (c: CallerState) => void): void {
    const isQueued = caller.offer === null;
    if (isQueued) this.queue.remove(caller);
    const stepBefore = caller.stepIndex;
    update(caller);
    if (isQueued) this.queue.insert(caller);
    if (caller.stepIndex !== stepBefore) this.#scheduleNextStep(caller);
  }

  #scheduleNextStep(caller: CallerState): void {
    const next = caller.steps[caller.stepIndex + 1];
    if (next) {
      this.timers.push({
        kind: 'step',
        at: caller.enqueuedAt + next.afterMs,
        callerId: caller.callerId,
        step: caller.stepIndex + 1,
      });
    }
  }

  #returnToQueue(caller: CallerState): void {
    caller.offer = null;
    this.queue.insert(caller);
  }

  #setStatus(clerk: ClerkState, status: ClerkState['status'], at: number): void {
    clerk.status = status;
    clerk.since = at;
    clerk.awayReason = null;
    clerk.wrapUpUntil = null;
    if (status === 'available') this.idle.add(clerk.clerkId);
    else this.idle.delete(clerk.clerkId);
  }

  #offer(event: { callerId: CallerId; clerkId: ClerkId }): { caller: CallerState; clerk: ClerkState } {
    const caller = this.#caller(event.callerId);
    const clerk = this.#clerk(event.clerkId);
    if (caller.offer?.clerkId !== clerk.clerkId || clerk.status !== 'offered') {
      throw new Error(`no offer of caller ${caller.callerId} to clerk ${clerk.clerkId}`);
    }
    return { caller, clerk };
  }

  #caller(callerId: CallerId): CallerState {
    const caller = this.callers.get(callerId);
    if (!caller) throw QueueError.unknownCaller(callerId);
    return caller;
  }

  #clerk(clerkId: ClerkId): ClerkState {
    const clerk = this.clerks.get(clerkId);
    if (!clerk) throw QueueError.unknownClerk(clerkId);
    return clerk;
  }
}

function callOf(caller: CallerState, startedAt: number): ClerkCall {
  const { callerId, procedureId, kioskId, language, enqueuedAt } = caller;
  return { callerId, procedureId, kioskId, language, waitingSince: enqueuedAt, startedAt };
}
