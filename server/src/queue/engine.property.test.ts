import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchStep } from './eligibility.ts';
import { QueueError } from './errors.ts';
import type { RoutingEngine, QueueCommandResult } from './engine.ts';
import { queueEventSchema, type QueueEvent } from './events.ts';
import { rebuild } from './rebuild.ts';
import { proficiencyThenLongestIdle } from './selection-policy.ts';
import { idleEligiblePairs } from './simulator/work-conservation.ts';
import { T0, engineFor, testProcedures } from './testing.ts';
import type { RoutingStep } from './types.ts';

const SKILLS = ['shoumei', 'koseki', 'kosodate', 'general'];

const profileArb = fc.record({
  skills: fc
    .subarray(SKILLS, { minLength: 1 })
    .chain((skills) =>
      fc.tuple(...skills.map((k) => fc.constant(k)), ...skills.map(() => fc.integer({ min: 1, max: 5 }))),
    ),
  isBilingual: fc.boolean(),
});

const commandArb = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('arrive' as const),
      procedure: fc.nat(2),
      isEnglish: fc.boolean(),
      reservationInSec: fc.option(fc.integer({ min: -60, max: 900 })),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('sign-in' as const), clerk: fc.nat(5) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('sign-out' as const), clerk: fc.nat(5) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('away' as const), clerk: fc.nat(5) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('available' as const), clerk: fc.nat(5) }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('accept' as const), clerk: fc.nat(5) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('decline' as const), clerk: fc.nat(5) }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('complete' as const),
      clerk: fc.nat(5),
      wrapUpSec: fc.constantFrom(0, 0, 15, 45),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('cancel' as const), caller: fc.nat(30) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('tick' as const) }) },
);

const scenarioArb = fc.record({
  profiles: fc.array(profileArb, { minLength: 6, maxLength: 6 }),
  steps: fc.array(
    fc.record({
      dtMs: fc.oneof(fc.integer({ min: 0, max: 5_000 }), fc.integer({ min: 0, max: 40_000 })),
      command: commandArb,
    }),
    { minLength: 20, maxLength: 150, size: 'max' },
  ),
});

interface ModelCaller {
  seq: number;
  priority: number;
  language: string | null;
  steps: RoutingStep[];
  stepIndex: number;
  isOffered: boolean;
}
interface ModelClerk {
  skills: Record<string, number>;
  languages: string[];
  status: string;
  since: number;
}

/**
 * Independent fold of the event log that checks, at every event, the rules the engine promises:
 * exclusive offers to available clerks, no caller answered twice, FIFO within priority for the
 * clerk being offered, and the policy's choice of clerk among the idle eligible ones.
 */
class Oracle {
  readonly callers = new Map<string, ModelCaller>();
  readonly clerks = new Map<string, ModelClerk>();
  readonly enqueued = new Set<string>();
  readonly answered = new Set<string>();
  readonly abandoned = new Set<string>();

  apply(e: QueueEvent): void {
    expect(queueEventSchema.parse(e)).toEqual(e);
    switch (e.type) {
      case 'caller-enqueued':
        expect(this.enqueued.has(e.callerId)).toBe(false);
        this.enqueued.add(e.callerId);
        this.callers.set(e.callerId, {
          seq: e.seq,
          priority: e.priority,
          language: e.language,
          steps: e.steps,
          stepIndex: 0,
          isOffered: false,
        });
        break;
      case 'caller-step-advanced':
        this.callers.get(e.callerId)!.stepIndex = e.step;
        break;
      case 'caller-promoted':
        this.callers.get(e.callerId)!.priority = e.priority;
        break;
      case 'caller-abandoned':
        expect(this.callers.get(e.callerId)?.isOffered).toBe(false);
        this.callers.delete(e.callerId);
        this.abandoned.add(e.callerId);
        break;
      case 'offer-made': {
        const caller = this.callers.get(e.callerId)!;
        const clerk = this.clerks.get(e.clerkId)!;
        expect(caller.isOffered, 'offer to a caller already offered').toBe(false);
        expect(clerk.status, 'offer to a clerk who is not available (double booking)').toBe('available');
        const match = matchStep(clerk, caller);
        expect(match, 'offer to an ineligible clerk').not.toBeNull();
        for (const [id, other] of this.callers) {
          if (id === e.callerId || other.isOffered || !matchStep(clerk, other)) continue;
          const isAhead =
            other.priority > caller.priority ||
            (other.priority === caller.priority && other.seq < caller.seq);
          expect(isAhead, `FIFO: ${id} was ahead of ${e.callerId} for ${e.clerkId}`).toBe(false);
        }
        const chosen = { clerkId: e.clerkId, ...match!, idleSince: clerk.since };
        for (const [id, other] of this.clerks) {
          const m = other.status === 'available' && id !== e.clerkId ? matchStep(other, caller) : null;
          if (m)
            expect(
              proficiencyThenLongestIdle.compare(chosen, { clerkId: id, ...m, idleSince: other.since }),
            ).toBeLessThan(0);
        }
        caller.isOffered = true;
        this.#status(clerk, 'offered', e.at);
        break;
      }
      case 'offer-accepted':
        expect(this.answered.has(e.callerId), 'caller served twice').toBe(false);
        this.answered.add(e.callerId);
        this.callers.delete(e.callerId);
        this.#status(this.clerks.get(e.clerkId)!, 'busy', e.at);
        break;
      case 'offer-rejected':
        this.callers.get(e.callerId)!.isOffered = false;
        this.#status(this.clerks.get(e.clerkId)!, 'not-responding', e.at);
        break;
      case 'offer-withdrawn':
        this.callers.get(e.callerId)!.isOffered = false;
        if (e.reason === 'caller-abandoned') this.#status(this.clerks.get(e.clerkId)!, 'available', e.at);
        break;
      case 'call-completed':
        expect(this.clerks.get(e.clerkId)!.status).toBe('busy');
        this.#status(this.clerks.get(e.clerkId)!, e.wrapUpUntil === null ? 'available' : 'wrap-up', e.at);
        break;
      case 'clerk-signed-in':
        expect(this.clerks.has(e.clerkId)).toBe(false);
        this.clerks.set(e.clerkId, {
          skills: e.skills,
          languages: e.languages,
          status: 'available',
          since: e.at,
        });
        break;
      case 'clerk-available':
        this.#status(this.clerks.get(e.clerkId)!, 'available', e.at);
        break;
      case 'clerk-away':
        this.#status(this.clerks.get(e.clerkId)!, 'away', e.at);
        break;
      case 'clerk-signed-out':
        this.clerks.delete(e.clerkId);
        break;
    }
  }

  #status(clerk: ModelClerk, status: string, at: number): void {
    clerk.status = status;
    clerk.since = at;
  }
}

function run(
  engine: RoutingEngine,
  oracle: Oracle,
  log: QueueEvent[],
  command: () => QueueCommandResult,
): void {
  let result: QueueCommandResult;
  try {
    result = command();
  } catch (error) {
    if (!(error instanceof QueueError) || error.code === 'CORRUPT_LOG') throw error;
    return;
  }
  for (const event of result.events) {
    oracle.apply(event);
    log.push(event);
  }
  expect(idleEligiblePairs(engine), 'work conservation').toEqual([]);
}

describe('RoutingEngine properties (random traces)', () => {
  it('never loses or double-serves a caller, never double-books a clerk, keeps FIFO and work conservation, and rebuilds exactly', () => {
    const totals = { offers: 0, completions: 0, wrapUps: 0 };
    fc.assert(
      fc.property(scenarioArb, ({ profiles, steps }) => {
        const engine = engineFor({ offerTimeoutMs: 20_000, wrapUpMs: 10_000 });
        const oracle = new Oracle();
        const log: QueueEvent[] = [];
        let now = T0;
        let nextCaller = 0;
        const clerkId = (i: number): string => `c${i}`;
        // Commands aimed at whoever is in the right state, so most of them do something.
        const nth = (status: string, i: number): { clerkId: string; callerId: string | null } | null => {
          const list = engine.snapshot().clerks.filter((c) => c.status === status);
          return list.length === 0 ? null : list[i % list.length]!;
        };
        const stats = { offers: 0, completions: 0, wrapUps: 0 };
        for (const { dtMs, command } of steps) {
          now += dtMs;
          switch (command.kind) {
            case 'arrive': {
              const procedure = testProcedures[command.procedure]!;
              const reservation =
                command.reservationInSec !== null && procedure.isReservable
                  ? { dueAt: now + command.reservationInSec * 1000 }
                  : undefined;
              const callerId = `r${nextCaller++}`;
              run(engine, oracle, log, () =>
                engine.enqueue(now, {
                  callerId,
                  procedureId: procedure.id,
                  kioskId: 'k',
                  language: command.isEnglish ? 'en' : null,
                  reservation,
                }),
              );
              break;
            }
            case 'sign-in': {
              const { skills: pairs, isBilingual } = profiles[command.clerk]!;
              const half = pairs.length / 2;
              const skills = Object.fromEntries(
                pairs.slice(0, half).map((k, i) => [k, pairs[half + i] as number]),
              );
              run(engine, oracle, log, () =>
                engine.signIn(now, {
                  clerkId: clerkId(command.clerk),
                  skills,
                  languages: isBilingual ? ['ja', 'en'] : ['ja'],
                }),
              );
              break;
            }
            case 'sign-out':
              run(engine, oracle, log, () => engine.signOut(now, clerkId(command.clerk)));
              break;
            case 'away':
              run(engine, oracle, log, () => engine.setAway(now, clerkId(command.clerk), 'break'));
              break;
            case 'available':
              run(engine, oracle, log, () => engine.setAvailable(now, clerkId(command.clerk)));
              break;
            case 'accept': {
              const target = nth('offered', command.clerk) ?? {
                clerkId: clerkId(command.clerk),
                callerId: 'none',
              };
              run(engine, oracle, log, () => engine.accept(now, target.clerkId, target.callerId!));
              break;
            }
            case 'decline': {
              const target = nth('offered', command.clerk) ?? {
                clerkId: clerkId(command.clerk),
                callerId: 'none',
              };
              run(engine, oracle, log, () => engine.decline(now, target.clerkId, target.callerId!));
              break;
            }
            case 'complete': {
              const target = nth('busy', command.clerk)?.clerkId ?? clerkId(command.clerk);
              run(engine, oracle, log, () =>
                engine.complete(now, target, { wrapUpMs: command.wrapUpSec * 1000 }),
              );
              break;
            }
            case 'cancel': {
              const callers = engine.snapshot().callers;
              const target =
                callers.length === 0
                  ? `r${command.caller}`
                  : callers[command.caller % callers.length]!.callerId;
              run(engine, oracle, log, () => engine.cancel(now, target));
              break;
            }
            case 'tick':
              run(engine, oracle, log, () => engine.tick(now));
              break;
          }
        }
        run(engine, oracle, log, () => engine.tick(now));
        for (const e of log) {
          if (e.type === 'offer-made') stats.offers++;
          if (e.type === 'call-completed') stats.completions++;
          if (e.type === 'clerk-available' && e.cause === 'wrap-up-ended') stats.wrapUps++;
        }
        totals.offers += stats.offers;
        totals.completions += stats.completions;
        totals.wrapUps += stats.wrapUps;

        // Nobody lost: every caller who joined is answered, abandoned, or still in the queue.
        const waiting = new Set(engine.snapshot().callers.map((c) => c.callerId));
        for (const id of oracle.enqueued) {
          const fates = [oracle.answered.has(id), oracle.abandoned.has(id), waiting.has(id)].filter(Boolean);
          expect(fates, `fate of ${id}`).toHaveLength(1);
        }
        // Rebuilt from its events (as JSON, as the store would hand them back), the state is identical.
        const persisted = JSON.parse(JSON.stringify(log)) as unknown[];
        expect(
          rebuild(persisted, {
            procedures: testProcedures,
            offerTimeoutMs: 20_000,
            wrapUpMs: 10_000,
          }).snapshot(),
        ).toEqual(engine.snapshot());
      }),
      { numRuns: 300 },
    );
    // The generator must actually exercise the paths (guards against a vacuous property).
    expect(totals.offers).toBeGreaterThan(1000);
    expect(totals.completions).toBeGreaterThan(200);
    expect(totals.wrapUps).toBeGreaterThan(50);
    // 300 random days replayed and rebuilt: seconds of work, longer on a loaded machine.
  }, 60_000);

  it('never raises a pushed wait estimate while callers only move forward', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 60, max: 3000 }), { minLength: 3, maxLength: 25 }),
        fc.integer({ min: 1, max: 3 }),
        (handlingSec, clerkCount) => {
          const engine = engineFor({ wrapUpMs: 0 });
          let now = T0;
          for (let i = 0; i < handlingSec.length; i++) {
            engine.enqueue(now, { callerId: `r${i}`, procedureId: 'koseki', kioskId: 'k', language: null });
          }
          for (let c = 0; c < clerkCount; c++)
            engine.signIn(now, { clerkId: `c${c}`, skills: { koseki: 3 }, languages: ['ja'] });
          const last = new Map<string, number>();
          const check = (): void => {
            for (const effect of engine.refreshEstimates(now)) {
              if (effect.type !== 'expected-wait' || effect.expectedWaitMs === null) continue;
              const before = last.get(effect.callerId);
              if (before !== undefined) expect(effect.expectedWaitMs).toBeLessThanOrEqual(before);
              last.set(effect.callerId, effect.expectedWaitMs);
            }
          };
          // Offers are accepted at once (no expiry, nobody declines): callers only move forward.
          const acceptAll = (): void => {
            for (const c of engine.snapshot().clerks)
              if (c.status === 'offered') engine.accept(now, c.clerkId, c.callerId!);
          };
          check();
          for (const seconds of handlingSec) {
            acceptAll();
            check();
            const busy = engine.snapshot().clerks.find((c) => c.status === 'busy');
            if (!busy) break;
            now += seconds * 1000;
            engine.complete(now, busy.clerkId);
            check();
          }
          expect(last.size).toBeGreaterThan(0);
        },
      ),
      { numRuns: 200 },
    );
  });
});
