import TinyQueue from 'tinyqueue';
import { routingProcedures, serviceHours as catalogServiceHours } from '../../catalog/routing-config.ts';
import { tamaCatalog } from '../../catalog/seed.ts';
import { RoutingEngine, type QueueCommandResult } from '../engine.ts';
import { QueueError } from '../errors.ts';
import type { QueueEvent } from '../events.ts';
import { rebuild } from '../rebuild.ts';
import type { RoutingEngineOptions } from '../engine.ts';
import type { RoutingProcedure } from '../types.ts';
import { MetricsCollector, type Metrics } from './metrics.ts';
import type { TraceArrival, TraceClerk, TraceHeader, TraceLine, TraceResponse } from './trace.ts';
import { idleEligiblePairs } from './work-conservation.ts';

export const DEFAULT_START_AT = '2026-04-06T08:00:00+09:00';

export interface SimulationReport extends Metrics {
  /** Whether replaying the event log rebuilt exactly the final state. */
  rebuildMatches: boolean;
}

export interface SimulationOptions {
  /** Also return the full event log (tests). */
  keepEvents?: boolean;
}

interface Action {
  at: number;
  order: number;
  run: () => void;
}

/**
 * Replays a trace through the real engine on a virtual clock. Actions run in time order (file
 * order on ties); after each instant the engine's wake-up is scheduled and work conservation is
 * checked by brute force.
 */
export function simulate(
  lines: readonly TraceLine[],
  options: SimulationOptions = {},
): { report: SimulationReport; events: QueueEvent[] } {
  const header: TraceHeader = lines[0]?.type === 'header' ? lines[0] : { type: 'header', version: 1 };
  const startAt = Date.parse(header.startAt ?? DEFAULT_START_AT);
  const ms = (sec: number): number => startAt + Math.round(sec * 1000);
  const engineOptions: RoutingEngineOptions = {
    procedures: header.procedures
      ? header.procedures.map(toRoutingProcedure)
      : routingProcedures(tamaCatalog()),
    serviceHours: header.serviceHours === 'seed' ? catalogServiceHours(tamaCatalog()) : null,
    offerTimeoutMs: header.offerTimeoutSec === undefined ? undefined : header.offerTimeoutSec * 1000,
    wrapUpMs: header.wrapUpSec === undefined ? undefined : header.wrapUpSec * 1000,
  };
  const acceptDelayMs = (header.acceptDelaySec ?? 3) * 1000;
  const engine = new RoutingEngine(engineOptions);
  const metrics = new MetricsCollector();
  const log: QueueEvent[] = [];

  const agenda = new TinyQueue<Action>([], (a, b) => a.at - b.at || a.order - b.order);
  let order = 0;
  const schedule = (at: number, run: () => void): void => {
    agenda.push({ at, order: order++, run });
  };

  const arrivals = new Map<string, TraceArrival>();
  const responses = new Map<string, TraceResponse[]>();
  const pendingAfterCall = new Map<string, (() => void)[]>();
  const returnAfter = new Map<string, number>();
  let now = startAt;
  let scheduledWake: number | null = null;

  const handle = (result: QueueCommandResult): void => {
    for (const event of result.events) {
      log.push(event);
      metrics.onEvent(event);
    }
    for (const effect of result.effects) {
      metrics.onEffect(effect, now);
      switch (effect.type) {
        case 'offer': {
          const queued = responses.get(effect.clerkId) ?? [];
          const i = queued.findIndex((r) => ms(r.t) <= now);
          const response = i >= 0 ? queued.splice(i, 1)[0]! : null;
          if (response) returnAfter.set(effect.clerkId, response.returnAfterSec * 1000);
          if (response?.response === 'decline') {
            schedule(now + acceptDelayMs, () =>
              attempt(() => engine.decline(now, effect.clerkId, effect.callerId)),
            );
          } else if (!response) {
            schedule(now + acceptDelayMs, () =>
              attempt(() => engine.accept(now, effect.clerkId, effect.callerId)),
            );
          }
          break;
        }
        case 'caller-answered': {
          const arrival = arrivals.get(effect.callerId)!;
          schedule(now + arrival.handlingSec * 1000, () => {
            attempt(() => engine.complete(now, effect.clerkId));
            for (const run of pendingAfterCall.get(effect.clerkId)?.splice(0) ?? []) run();
          });
          break;
        }
        case 'clerk-status': {
          if (effect.status === 'not-responding') {
            const clerkId = effect.clerkId;
            schedule(now + (returnAfter.get(clerkId) ?? 30_000), () => {
              if (engine.clerkStatus(clerkId) === 'not-responding')
                attempt(() => engine.setAvailable(now, clerkId));
            });
          }
          break;
        }
        default:
          break;
      }
    }
    const wake = result.nextWakeAt;
    if (wake !== null && (scheduledWake === null || wake < scheduledWake || scheduledWake <= now)) {
      scheduledWake = wake;
      schedule(wake, () => handle(engine.tick(now)));
    }
  };

  /** Commands the trace cannot time exactly (an accept racing an expiry) may be refused; that is fine. */
  const attempt = (command: () => QueueCommandResult): void => {
    try {
      handle(command());
    } catch (error) {
      if (!(error instanceof QueueError) || (error.code !== 'INVALID_STATE' && error.code !== 'NOT_FOUND'))
        throw error;
      handle(engine.tick(now));
    }
  };

  /** A break or sign-out waits for the call in progress. */
  const whenFree = (clerkId: string, run: () => void): void => {
    const status = engine.clerkStatus(clerkId);
    if (status === 'busy') {
      const list = pendingAfterCall.get(clerkId) ?? [];
      list.push(run);
      pendingAfterCall.set(clerkId, list);
    } else {
      run();
    }
  };

  const addClerk = (clerk: TraceClerk): void => {
    schedule(ms(clerk.t), () =>
      attempt(() =>
        engine.signIn(now, { clerkId: clerk.clerkId, skills: clerk.skills, languages: clerk.languages }),
      ),
    );
    for (const pause of clerk.breaks) {
      schedule(ms(pause.t), () =>
        whenFree(clerk.clerkId, () => {
          if (engine.clerkStatus(clerk.clerkId) === 'offline' || now >= ms(pause.untilT)) return;
          attempt(() => engine.setAway(now, clerk.clerkId, pause.reason));
          schedule(ms(pause.untilT), () => {
            if (engine.clerkStatus(clerk.clerkId) === 'away')
              attempt(() => engine.setAvailable(now, clerk.clerkId));
          });
        }),
      );
    }
    schedule(ms(clerk.shiftEndT), () =>
      whenFree(clerk.clerkId, () => {
        if (engine.clerkStatus(clerk.clerkId) !== 'offline')
          attempt(() => engine.signOut(now, clerk.clerkId));
      }),
    );
  };

  const addArrival = (arrival: TraceArrival): void => {
    arrivals.set(arrival.callerId, arrival);
    schedule(ms(arrival.t), () =>
      attempt(() =>
        engine.enqueue(now, {
          callerId: arrival.callerId,
          procedureId: arrival.procedureId,
          kioskId: arrival.kioskId,
          language: arrival.language,
          reservation:
            arrival.priority === 'reservation'
              ? { dueAt: ms(arrival.reservationDueT ?? arrival.t) }
              : undefined,
        }),
      ),
    );
    if (arrival.abandonAfterSec !== undefined) {
      schedule(ms(arrival.t + arrival.abandonAfterSec), () => {
        if (engine.callerStatus(arrival.callerId) !== 'absent')
          attempt(() => engine.cancel(now, arrival.callerId));
      });
    }
  };

  for (const line of lines) {
    if (line.type === 'clerk') addClerk(line);
    else if (line.type === 'arrival') addArrival(line);
    else if (line.type === 'clerk-response') {
      const list = responses.get(line.clerkId) ?? [];
      list.push(line);
      list.sort((a, b) => a.t - b.t);
      responses.set(line.clerkId, list);
    }
  }

  while (agenda.length > 0) {
    now = agenda.peek()!.at;
    while (agenda.length > 0 && agenda.peek()!.at === now) agenda.pop()!.run();
    if (idleEligiblePairs(engine).length > 0) metrics.workConservationViolations++;
  }

  const rebuilt = rebuild(log, engineOptions).snapshot();
  const report: SimulationReport = {
    ...metrics.report(now, Math.round((now - startAt) / 1000)),
    rebuildMatches: JSON.stringify(rebuilt) === JSON.stringify(engine.snapshot()),
  };
  return { report, events: options.keepEvents ? log : [] };
}

function toRoutingProcedure(p: NonNullable<TraceHeader['procedures']>[number]): RoutingProcedure {
  return {
    id: p.id,
    steps: p.steps.map((s) => ({ afterMs: Math.round(s.afterSec * 1000), skills: s.skills })),
    typicalHandlingMs: p.typicalHandlingSec * 1000,
    isReservable: p.isReservable ?? true,
  };
}
