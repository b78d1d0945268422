import type { QueueEvent } from '../events.ts';
import type { ClerkStatus, Effect } from '../types.ts';

/** Threshold of the service level: share of callers answered within this many seconds. */
export const SERVICE_LEVEL_SEC = 60;

export interface WaitStats {
  count: number;
  meanSec: number | null;
  p50Sec: number | null;
  p90Sec: number | null;
  maxSec: number | null;
}

export interface ProcedureMetrics {
  arrived: number;
  answered: number;
  abandoned: number;
  /** Waits of answered callers, from joining the queue to accepting. */
  wait: WaitStats;
  /** Answered within 60 s, over every caller who joined the queue. */
  serviceLevel60s: number | null;
  abandonmentRate: number | null;
}

export interface Metrics {
  overall: ProcedureMetrics;
  byProcedure: Record<string, ProcedureMetrics>;
  /** Arrivals turned away because the kiosk was outside its opening hours. */
  refusedClosed: number;
  /** Callers still waiting or offered when the trace ran out. */
  unfinished: number;
  offers: { made: number; accepted: number; declined: number; expired: number; withdrawn: number };
  /** Busy time over signed-in time not away; per clerk and for all clerks together. */
  occupancy: { overall: number | null; byClerk: Record<string, number | null> };
  /** Instants at which an available clerk was eligible for a caller waiting without an offer. */
  workConservationViolations: number;
  events: number;
  simulatedSec: number;
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1]!;
}

const round = (x: number | null, digits = 3): number | null =>
  x === null ? null : Math.round(x * 10 ** digits) / 10 ** digits;

function waitStats(waitsMs: readonly number[]): WaitStats {
  const sorted = waitsMs.map((w) => w / 1000).sort((a, b) => a - b);
  const sum = sorted.reduce((a, b) => a + b, 0);
  return {
    count: sorted.length,
    meanSec: round(sorted.length ? sum / sorted.length : null, 1),
    p50Sec: round(percentile(sorted, 50), 1),
    p90Sec: round(percentile(sorted, 90), 1),
    maxSec: round(sorted.at(-1) ?? null, 1),
  };
}

interface Tally {
  arrived: number;
  abandoned: number;
  waitsMs: number[];
}

/** Folds engine events and effects into the trace report. */
export class MetricsCollector {
  readonly #enqueuedAt = new Map<string, { at: number; procedureId: string }>();
  readonly #byProcedure = new Map<string, Tally>();
  readonly #overall: Tally = { arrived: 0, abandoned: 0, waitsMs: [] };
  readonly #offers = { made: 0, accepted: 0, declined: 0, expired: 0, withdrawn: 0 };
  readonly #clerkTime = new Map<
    string,
    { status: ClerkStatus; since: number; busy: number; staffed: number }
  >();
  refusedClosed = 0;
  workConservationViolations = 0;
  #events = 0;

  onEvent(event: QueueEvent): void {
    this.#events++;
    switch (event.type) {
      case 'caller-enqueued': {
        this.#enqueuedAt.set(event.callerId, { at: event.at, procedureId: event.procedureId });
        this.#tally(event.procedureId).arrived++;
        this.#overall.arrived++;
        break;
      }
      case 'offer-made':
        this.#offers.made++;
        break;
      case 'offer-accepted': {
        this.#offers.accepted++;
        const entry = this.#enqueuedAt.get(event.callerId)!;
        this.#tally(entry.procedureId).waitsMs.push(event.at - entry.at);
        this.#overall.waitsMs.push(event.at - entry.at);
        this.#enqueuedAt.delete(event.callerId);
        break;
      }
      case 'offer-rejected':
        this.#offers[event.reason]++;
        break;
      case 'offer-withdrawn':
        this.#offers.withdrawn++;
        break;
      case 'caller-abandoned': {
        const entry = this.#enqueuedAt.get(event.callerId)!;
        this.#tally(entry.procedureId).abandoned++;
        this.#overall.abandoned++;
        this.#enqueuedAt.delete(event.callerId);
        break;
      }
      default:
        break;
    }
  }

  onEffect(effect: Effect, at: number): void {
    if (effect.type === 'kiosk-closed') this.refusedClosed++;
    if (effect.type !== 'clerk-status') return;
    let time = this.#clerkTime.get(effect.clerkId);
    if (!time) {
      time = { status: 'offline', since: at, busy: 0, staffed: 0 };
      this.#clerkTime.set(effect.clerkId, time);
    }
    this.#accrue(time, at);
    time.status = effect.status;
  }

  #accrue(time: { status: ClerkStatus; since: number; busy: number; staffed: number }, at: number): void {
    const span = at - time.since;
    if (time.status === 'busy') time.busy += span;
    if (time.status !== 'offline' && time.status !== 'away') time.staffed += span;
    time.since = at;
  }

  #tally(procedureId: string): Tally {
    let tally = this.#byProcedure.get(procedureId);
    if (!tally) {
      tally = { arrived: 0, abandoned: 0, waitsMs: [] };
      this.#byProcedure.set(procedureId, tally);
    }
    return tally;
  }

  report(endAt: number, simulatedSec: number): Metrics {
    const summarise = (t: Tally): ProcedureMetrics => ({
      arrived: t.arrived,
      answered: t.waitsMs.length,
      abandoned: t.abandoned,
      wait: waitStats(t.waitsMs),
      serviceLevel60s: round(
        t.arrived ? t.waitsMs.filter((w) => w <= SERVICE_LEVEL_SEC * 1000).length / t.arrived : null,
      ),
      abandonmentRate: round(t.arrived ? t.abandoned / t.arrived : null),
    });
    const byProcedure: Record<string, ProcedureMetrics> = {};
    for (const id of [...this.#byProcedure.keys()].sort())
      byProcedure[id] = summarise(this.#byProcedure.get(id)!);
    const byClerk: Record<string, number | null> = {};
    let busy = 0;
    let staffed = 0;
    for (const id of [...this.#clerkTime.keys()].sort()) {
      const time = this.#clerkTime.get(id)!;
      this.#accrue(time, endAt);
      byClerk[id] = round(time.staffed ? time.busy / time.staffed : null);
      busy += time.busy;
      staffed += time.staffed;
    }
    return {
      overall: summarise(this.#overall),
      byProcedure,
      refusedClosed: this.refusedClosed,
      unfinished: this.#enqueuedAt.size,
      offers: { ...this.#offers },
      occupancy: { overall: round(staffed ? busy / staffed : null), byClerk },
      workConservationViolations: this.workConservationViolations,
      events: this.#events,
      simulatedSec,
    };
  }
}
