import { describe, expect, it } from 'vitest';
import type { Effect } from './types.ts';
import { T0, clerk, engineFor } from './testing.ts';

type Wait = Extract<Effect, { type: 'expected-wait' }>;
const waits = (effects: Effect[]): Record<string, Omit<Wait, 'type' | 'callerId'>> =>
  Object.fromEntries(
    effects
      .filter((e): e is Wait => e.type === 'expected-wait')
      .map((e) => [e.callerId, { position: e.position, expectedWaitMs: e.expectedWaitMs }]),
  );

describe('wait estimates', () => {
  it('is unknown while no eligible clerk is on duty', () => {
    const engine = engineFor();
    engine.enqueue(T0, { callerId: 'r1', procedureId: 'koseki', kioskId: 'k', language: null });
    expect(waits(engine.refreshEstimates(T0))).toEqual({ r1: { position: 0, expectedWaitMs: null } });
  });

  it('grows with position and shrinks with the number of eligible clerks (15 min typical, 30 s wrap-up)', () => {
    const engine = engineFor();
    engine.signIn(T0, clerk('a', { koseki: 3 }));
    for (const id of ['r1', 'r2', 'r3'])
      engine.enqueue(T0, { callerId: id, procedureId: 'koseki', kioskId: 'k', language: null });
    engine.accept(T0, 'a', 'r1');
    // r2 is next: one service time (15 min + 30 s) away; r3 two.
    expect(waits(engine.refreshEstimates(T0))).toEqual({
      r2: { position: 0, expectedWaitMs: 930_000 },
      r3: { position: 1, expectedWaitMs: 1_860_000 },
    });
    engine.signIn(T0, clerk('b', { koseki: 1 }));
    engine.accept(T0, 'b', 'r2');
    // Two clerks: one frees up every 465 s on average, rounded up to 30 s.
    expect(waits(engine.refreshEstimates(T0))).toEqual({ r3: { position: 0, expectedWaitMs: 480_000 } });
  });

  it('pushes only changes', () => {
    const engine = engineFor();
    engine.signIn(T0, clerk('a', { koseki: 3 }));
    engine.enqueue(T0, { callerId: 'r1', procedureId: 'koseki', kioskId: 'k', language: null });
    engine.enqueue(T0, { callerId: 'r2', procedureId: 'koseki', kioskId: 'k', language: null });
    expect(engine.refreshEstimates(T0)).not.toEqual([]);
    expect(engine.refreshEstimates(T0 + 1000)).toEqual([]);
  });

  it('does not raise an estimate because a long call raised the average, but does when a clerk leaves', () => {
    const engine = engineFor({ wrapUpMs: 0 });
    engine.signIn(T0, clerk('a', { koseki: 3 }));
    engine.signIn(T0, clerk('b', { koseki: 3 }));
    for (const id of ['r1', 'r2', 'r3', 'r4'])
      engine.enqueue(T0, { callerId: id, procedureId: 'koseki', kioskId: 'k', language: null });
    engine.accept(T0, 'a', 'r1');
    engine.accept(T0, 'b', 'r2');
    const before = waits(engine.refreshEstimates(T0)).r4!.expectedWaitMs!;
    // A 3-hour call lifts the average handling time a lot; r4 only moved forward.
    engine.complete(T0 + 3 * 3_600_000, 'a');
    engine.accept(T0 + 3 * 3_600_000, 'a', 'r3');
    const after = waits(engine.refreshEstimates(T0 + 3 * 3_600_000)).r4;
    expect(after).toBeDefined();
    expect(after!.expectedWaitMs!).toBeLessThanOrEqual(before);
  });

  it('lets an estimate grow when capacity is lost', () => {
    const engine = engineFor({ wrapUpMs: 0 });
    engine.signIn(T0, clerk('a', { koseki: 3 }));
    engine.signIn(T0, clerk('b', { koseki: 3 }));
    engine.signIn(T0, clerk('c', { koseki: 3 }));
    for (const id of ['r1', 'r2', 'r3', 'r4'])
      engine.enqueue(T0, { callerId: id, procedureId: 'koseki', kioskId: 'k', language: null });
    for (const [c, r] of [
      ['a', 'r1'],
      ['b', 'r2'],
      ['c', 'r3'],
    ] as const)
      engine.accept(T0, c, r);
    const before = waits(engine.refreshEstimates(T0)).r4!.expectedWaitMs!;
    engine.complete(T0 + 1000, 'c');
    engine.decline(T0 + 2000, 'c', 'r4');
    const after = waits(engine.refreshEstimates(T0 + 2000)).r4!.expectedWaitMs!;
    expect(after).toBeGreaterThan(before);
  });
});
