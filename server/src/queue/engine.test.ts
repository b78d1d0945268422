import { describe, expect, it } from 'vitest';
import { QueueError } from './errors.ts';
import { longestIdle } from './selection-policy.ts';
import { T0, clerk, engineFor, eventTypes, offersIn, testProcedures } from './testing.ts';

const s = (sec: number): number => T0 + sec * 1000;

describe('RoutingEngine: eligibility and selection', () => {
  it('offers an arriving caller to an idle clerk holding the skill, with a 20 s deadline', () => {
    const engine = engineFor();
    engine.signIn(s(0), clerk('a', { koseki: 3 }));
    engine.signIn(s(0), clerk('b', { shoumei: 2 }));
    const result = engine.enqueue(s(10), {
      callerId: 'r1',
      procedureId: 'shoumeisho',
      kioskId: 'k1',
      language: null,
    });
    expect(eventTypes(result)).toEqual(['caller-enqueued', 'offer-made']);
    expect(offersIn(result)).toEqual([
      expect.objectContaining({ clerkId: 'b', callerId: 'r1', expiresAt: s(30), waitingSince: s(10) }),
    ]);
    expect(engine.clerkStatus('b')).toBe('offered');
    expect(engine.clerkStatus('a')).toBe('available');
  });

  it('leaves the caller waiting when no idle clerk has the skill', () => {
    const engine = engineFor();
    engine.signIn(s(0), clerk('a', { koseki: 5 }));
    const result = engine.enqueue(s(1), {
      callerId: 'r1',
      procedureId: 'shoumeisho',
      kioskId: 'k1',
      language: null,
    });
    expect(eventTypes(result)).toEqual(['caller-enqueued']);
    expect(engine.callerStatus('r1')).toBe('waiting');
  });

  it('requires the language when one is asked for', () => {
    const engine = engineFor();
    engine.signIn(s(0), clerk('ja-only', { shoumei: 5 }));
    engine.signIn(s(1), clerk('bilingual', { shoumei: 1 }, ['ja', 'en']));
    const en = engine.enqueue(s(2), {
      callerId: 'r1',
      procedureId: 'shoumeisho',
      kioskId: 'k',
      language: 'en',
    });
    expect(offersIn(en).map((o) => o.clerkId)).toEqual(['bilingual']);
    const vi = engine.enqueue(s(3), {
      callerId: 'r2',
      procedureId: 'shoumeisho',
      kioskId: 'k',
      language: 'vi',
    });
    expect(offersIn(vi)).toEqual([]);
  });

  it('picks the highest proficiency, then the clerk idle longest', () => {
    const engine = engineFor();
    engine.signIn(s(0), clerk('low', { shoumei: 2 }));
    engine.signIn(s(1), clerk('high-late', { shoumei: 4 }));
    engine.signIn(s(0.5), clerk('high-early', { shoumei: 4 }));
    const result = engine.enqueue(s(5), {
      callerId: 'r1',
      procedureId: 'shoumeisho',
      kioskId: 'k',
      language: null,
    });
    expect(offersIn(result)[0]?.clerkId).toBe('high-early');
  });

  it('can use another policy (longest idle regardless of proficiency)', () => {
    const engine = engineFor({ policy: longestIdle });
    engine.signIn(s(0), clerk('low', { shoumei: 1 }));
    engine.signIn(s(1), clerk('high', { shoumei: 5 }));
    const result = engine.enqueue(s(5), {
      callerId: 'r1',
      procedureId: 'shoumeisho',
      kioskId: 'k',
      language: null,
    });
    expect(offersIn(result)[0]?.clerkId).toBe('low');
  });

  it('prefers a specialist over a stronger fallback clerk once the fallback step is open', () => {
    const engine = engineFor();
    engine.enqueue(s(0), { callerId: 'r1', procedureId: 'shoumeisho', kioskId: 'k', language: null });
    engine.tick(s(120));
    engine.signIn(s(121), clerk('x', { general: 1 }));
    engine.signIn(s(122), clerk('generalist', { general: 5 }));
    engine.signIn(s(122), clerk('specialist', { shoumei: 1 }));
    const result = engine.decline(s(123), 'x', 'r1');
    expect(offersIn(result)[0]?.clerkId).toBe('specialist');
  });
});

describe('RoutingEngine: queue order', () => {
  it('serves callers first in, first out within a priority class', () => {
    const engine = engineFor();
    for (const [i, id] of ['r1', 'r2', 'r3'].entries()) {
      engine.enqueue(s(i), { callerId: id, procedureId: 'koseki', kioskId: 'k', language: null });
    }
    const order: string[] = [];
    engine.signIn(s(10), clerk('a', { koseki: 3 }));
    for (let i = 0; i < 3; i++) {
      const callerId = engine.snapshot().clerks[0]!.callerId!;
      order.push(callerId);
      engine.accept(s(11 + i * 10), 'a', callerId);
      engine.complete(s(15 + i * 10), 'a', { wrapUpMs: 0 });
    }
    expect(order).toEqual(['r1', 'r2', 'r3']);
  });

  it('puts a reservation that is due ahead of walk-ins who came earlier', () => {
    const engine = engineFor();
    engine.enqueue(s(0), { callerId: 'walk-in', procedureId: 'koseki', kioskId: 'k', language: null });
    engine.enqueue(s(1), {
      callerId: 'booked',
      procedureId: 'koseki',
      kioskId: 'k',
      language: null,
      reservation: { dueAt: s(60) },
    });
    const result = engine.signIn(s(2), clerk('a', { koseki: 3 }));
    expect(offersIn(result)[0]?.callerId).toBe('booked');
  });

  it('keeps an early reservation a walk-in until shortly before its slot, then promotes it', () => {
    const engine = engineFor({ reservationEarlyMs: 60_000 });
    engine.enqueue(s(0), { callerId: 'walk-in', procedureId: 'koseki', kioskId: 'k', language: null });
    const early = engine.enqueue(s(1), {
      callerId: 'booked',
      procedureId: 'koseki',
      kioskId: 'k',
      language: null,
      reservation: { dueAt: s(600) },
    });
    expect(early.events[0]).toMatchObject({ priority: 0, promoteAt: s(540) });
    expect(early.nextWakeAt).toBe(s(540));
    const promoted = engine.tick(s(540));
    expect(promoted.events).toEqual([
      { type: 'caller-promoted', at: s(540), callerId: 'booked', priority: 1 },
    ]);
    expect(offersIn(engine.signIn(s(541), clerk('a', { koseki: 3 })))[0]?.callerId).toBe('booked');
  });

  it('refuses a reservation for a procedure that takes none', () => {
    const engine = engineFor();
    expect(() =>
      engine.enqueue(s(0), {
        callerId: 'r',
        procedureId: 'shoumeisho',
        kioskId: 'k',
        language: null,
        reservation: { dueAt: s(0) },
      }),
    ).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED' }));
  });

  it('makes the caller eligible for the fallback group after the procedure’s wait', () => {
    const engine = engineFor();
    engine.signIn(s(0), clerk('general', { general: 3 }));
    const joined = engine.enqueue(s(0), {
      callerId: 'r1',
      procedureId: 'shoumeisho',
      kioskId: 'k',
      language: null,
    });
    expect(offersIn(joined)).toEqual([]);
    expect(joined.nextWakeAt).toBe(s(120));
    expect(eventTypes(engine.tick(s(119)))).toEqual([]);
    const stepped = engine.tick(s(120));
    expect(eventTypes(stepped)).toEqual(['caller-step-advanced', 'offer-made']);
    expect(offersIn(stepped)[0]?.clerkId).toBe('general');
  });
});

describe('RoutingEngine: offers', () => {
  it('re-routes an expired offer at once and marks the clerk not-responding', () => {
    const engine = engineFor();
    engine.signIn(s(0), clerk('a', { koseki: 5 }));
    engine.signIn(s(1), clerk('b', { koseki: 2 }));
    engine.enqueue(s(2), { callerId: 'r1', procedureId: 'koseki', kioskId: 'k', language: null });
    expect(engine.clerkStatus('a')).toBe('offered');
    const result = engine.tick(s(22));
    expect(eventTypes(result)).toEqual(['offer-rejected', 'offer-made']);
    expect(result.events[0]).toMatchObject({ reason: 'expired', clerkId: 'a' });
    expect(result.effects).toContainEqual({
      type: 'withdraw-offer',
      clerkId: 'a',
      callerId: 'r1',
      reason: 'expired',
    });
    expect(offersIn(result)[0]?.clerkId).toBe('b');
    expect(engine.clerkStatus('a')).toBe('not-responding');
  });

  it('re-routes a declined offer at once and marks the clerk not-responding', () => {
    const engine = engineFor();
    engine.signIn(s(0), clerk('a', { koseki: 5 }));
    engine.signIn(s(1), clerk('b', { koseki: 2 }));
    engine.enqueue(s(2), { callerId: 'r1', procedureId: 'koseki', kioskId: 'k', language: null });
    const result = engine.decline(s(5), 'a', 'r1');
    expect(result.events[0]).toMatchObject({ type: 'offer-rejected', reason: 'declined' });
    expect(offersIn(result)[0]?.clerkId).toBe('b');
    expect(engine.clerkStatus('a')).toBe('not-responding');
    expect(engine.setAvailable(s(10), 'a').events).toHaveLength(1);
    expect(engine.clerkStatus('a')).toBe('available');
  });

  it('keeps the caller’s place when an offer fails', () => {
    const engine = engineFor();
    engine.signIn(s(0), clerk('a', { koseki: 5 }));
    engine.enqueue(s(1), { callerId: 'first', procedureId: 'koseki', kioskId: 'k', language: null });
    engine.enqueue(s(2), { callerId: 'second', procedureId: 'koseki', kioskId: 'k', language: null });
    engine.decline(s(3), 'a', 'first');
    const result = engine.signIn(s(4), clerk('b', { koseki: 1 }));
    expect(offersIn(result)[0]?.callerId).toBe('first');
  });

  it('refuses a late accept and reports the expiry that happened first', () => {
    const engine = engineFor();
    engine.signIn(s(0), clerk('a', { koseki: 5 }));
    engine.enqueue(s(1), { callerId: 'r1', procedureId: 'koseki', kioskId: 'k', language: null });
    expect(() => engine.accept(s(25), 'a', 'r1')).toThrow(QueueError);
    // The expiry fired inside the refused command; its event is not lost.
    const next = engine.tick(s(25));
    expect(eventTypes(next)).toEqual(['offer-rejected']);
  });

  it('accepts, completes with a timed wrap-up, then offers the next caller', () => {
    const engine = engineFor({ wrapUpMs: 45_000 });
    engine.signIn(s(0), clerk('a', { koseki: 5 }));
    engine.enqueue(s(1), { callerId: 'r1', procedureId: 'koseki', kioskId: 'k', language: null });
    engine.enqueue(s(2), { callerId: 'r2', procedureId: 'koseki', kioskId: 'k', language: null });
    const accepted = engine.accept(s(3), 'a', 'r1');
    expect(accepted.effects).toContainEqual({ type: 'caller-answered', callerId: 'r1', clerkId: 'a' });
    expect(engine.clerkStatus('a')).toBe('busy');
    const done = engine.complete(s(603), 'a');
    expect(done.events[0]).toMatchObject({ type: 'call-completed', handledMs: 600_000, wrapUpUntil: s(648) });
    expect(engine.clerkStatus('a')).toBe('wrap-up');
    expect(done.nextWakeAt).toBe(s(648));
    const after = engine.tick(s(648));
    expect(eventTypes(after)).toEqual(['clerk-available', 'offer-made']);
    expect(offersIn(after)[0]?.callerId).toBe('r2');
  });

  it('lets a clerk end the wrap-up early', () => {
    const engine = engineFor({ wrapUpMs: 45_000 });
    engine.signIn(s(0), clerk('a', { koseki: 5 }));
    engine.enqueue(s(1), { callerId: 'r1', procedureId: 'koseki', kioskId: 'k', language: null });
    engine.accept(s(2), 'a', 'r1');
    engine.complete(s(100), 'a');
    engine.enqueue(s(101), { callerId: 'r2', procedureId: 'koseki', kioskId: 'k', language: null });
    expect(offersIn(engine.setAvailable(s(110), 'a'))[0]?.callerId).toBe('r2');
  });
});

describe('RoutingEngine: transfers', () => {
  it('puts a transferred call ahead of walk-ins and reservations already waiting', () => {
    const engine = engineFor();
    engine.enqueue(s(0), { callerId: 'walk-in', procedureId: 'koseki', kioskId: 'k', language: null });
    engine.enqueue(s(1), {
      callerId: 'transfer',
      procedureId: 'koseki',
      kioskId: 'k',
      language: null,
      isTransfer: true,
    });
    const offered = offersIn(engine.signIn(s(2), clerk('a', { koseki: 5 })));
    expect(offered.map((offer) => offer.callerId)).toEqual(['transfer']);
  });
});

describe('RoutingEngine: clerk states', () => {
  it('signs a clerk in away when asked, offering nothing until they become available', () => {
    const engine = engineFor();
    engine.enqueue(s(0), { callerId: 'r1', procedureId: 'koseki', kioskId: 'k', language: null });
    const signedIn = engine.signIn(s(1), clerk('a', { koseki: 5 }), { awayReason: 'signed-in' });
    expect(eventTypes(signedIn)).toEqual(['clerk-signed-in', 'clerk-away']);
    expect(offersIn(signedIn)).toEqual([]);
    expect(engine.clerkStatus('a')).toBe('away');
    expect(offersIn(engine.setAvailable(s(2), 'a'))[0]?.callerId).toBe('r1');
  });

  it('takes an offer back when the clerk goes away and gives it to another clerk', () => {
    const engine = engineFor();
    engine.signIn(s(0), clerk('a', { koseki: 5 }));
    engine.signIn(s(0), clerk('b', { koseki: 1 }));
    engine.enqueue(s(1), { callerId: 'r1', procedureId: 'koseki', kioskId: 'k', language: null });
    const result = engine.setAway(s(2), 'a', 'lunch');
    expect(eventTypes(result)).toEqual(['offer-withdrawn', 'clerk-away', 'offer-made']);
    expect(engine.snapshot().clerks.find((c) => c.clerkId === 'a')).toMatchObject({
      status: 'away',
      awayReason: 'lunch',
    });
    expect(offersIn(result)[0]?.clerkId).toBe('b');
  });

  it('refuses away and sign-out during a call', () => {
    const engine = engineFor();
    engine.signIn(s(0), clerk('a', { koseki: 5 }));
    engine.enqueue(s(1), { callerId: 'r1', procedureId: 'koseki', kioskId: 'k', language: null });
    engine.accept(s(2), 'a', 'r1');
    expect(() => engine.setAway(s(3), 'a', 'lunch')).toThrow(
      expect.objectContaining({ code: 'INVALID_STATE' }),
    );
    expect(() => engine.signOut(s(3), 'a')).toThrow(expect.objectContaining({ code: 'INVALID_STATE' }));
  });

  it('signs a clerk out (offline) and refuses a second sign-in while signed in', () => {
    const engine = engineFor();
    engine.signIn(s(0), clerk('a', { koseki: 5 }));
    expect(() => engine.signIn(s(1), clerk('a', { koseki: 5 }))).toThrow(
      expect.objectContaining({ code: 'INVALID_STATE' }),
    );
    engine.signOut(s(2), 'a');
    expect(engine.clerkStatus('a')).toBe('offline');
    expect(() => engine.setAvailable(s(3), 'a')).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
  });

  it('rejects proficiencies outside 1–5', () => {
    expect(() => engineFor().signIn(s(0), clerk('a', { koseki: 6 }))).toThrow(
      expect.objectContaining({ code: 'VALIDATION_FAILED' }),
    );
  });
});

describe('RoutingEngine: abandon and opening hours', () => {
  it('lets a waiting caller cancel', () => {
    const engine = engineFor();
    engine.enqueue(s(0), { callerId: 'r1', procedureId: 'koseki', kioskId: 'k', language: null });
    expect(eventTypes(engine.cancel(s(5), 'r1'))).toEqual(['caller-abandoned']);
    expect(engine.callerStatus('r1')).toBe('absent');
    expect(() => engine.cancel(s(6), 'r1')).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
  });

  it('withdraws the offer of a caller who cancels, and the freed clerk takes the next caller', () => {
    const engine = engineFor();
    engine.signIn(s(0), clerk('a', { koseki: 5 }));
    engine.enqueue(s(1), { callerId: 'r1', procedureId: 'koseki', kioskId: 'k', language: null });
    engine.enqueue(s(2), { callerId: 'r2', procedureId: 'koseki', kioskId: 'k', language: null });
    const result = engine.cancel(s(3), 'r1');
    expect(eventTypes(result)).toEqual(['offer-withdrawn', 'caller-abandoned', 'offer-made']);
    expect(result.effects).toContainEqual({
      type: 'withdraw-offer',
      clerkId: 'a',
      callerId: 'r1',
      reason: 'caller-abandoned',
    });
    expect(offersIn(result)[0]).toMatchObject({ clerkId: 'a', callerId: 'r2' });
  });

  it('tells a kiosk outside opening hours when the service opens, without queueing', () => {
    const opensAt = s(3600);
    const engine = engineFor({
      serviceHours: {
        isOpen: (_k, at) => at >= opensAt,
        nextOpening: (_k, after) => Math.max(after, opensAt),
      },
    });
    const closed = engine.enqueue(s(0), {
      callerId: 'r1',
      procedureId: 'koseki',
      kioskId: 'k9',
      language: null,
    });
    expect(closed.events).toEqual([]);
    expect(closed.effects).toEqual([
      { type: 'kiosk-closed', kioskId: 'k9', callerId: 'r1', nextOpeningAt: opensAt },
    ]);
    expect(engine.callerStatus('r1')).toBe('absent');
    expect(
      engine.enqueue(opensAt, { callerId: 'r1', procedureId: 'koseki', kioskId: 'k9', language: null })
        .events,
    ).toHaveLength(1);
  });

  it('refuses unknown procedures and never lets time run backwards', () => {
    const engine = engineFor();
    expect(() =>
      engine.enqueue(s(0), { callerId: 'r', procedureId: 'nope', kioskId: 'k', language: null }),
    ).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    engine.signIn(s(100), clerk('a', { koseki: 5 }));
    const result = engine.enqueue(s(50), {
      callerId: 'r1',
      procedureId: 'koseki',
      kioskId: 'k',
      language: null,
    });
    expect(result.events.every((e) => e.at === s(100))).toBe(true);
  });
});

describe('RoutingEngine: reconfigure (catalogue edited)', () => {
  it('routes new callers by the new procedures while a waiting caller keeps the steps it was queued with', () => {
    const engine = engineFor();
    engine.enqueue(s(0), { callerId: 'r1', procedureId: 'koseki', kioskId: 'k', language: null });
    engine.reconfigure({
      procedures: [
        {
          id: 'koseki',
          steps: [{ afterMs: 0, skills: ['shoumei'] }],
          typicalHandlingMs: 60_000,
          isReservable: false,
        },
        {
          id: 'new-one',
          steps: [{ afterMs: 0, skills: ['shoumei'] }],
          typicalHandlingMs: 60_000,
          isReservable: false,
        },
      ],
    });
    expect(engine.callerRequirement('r1')?.steps).toEqual([{ afterMs: 0, skills: ['koseki'] }]);
    const added = engine.enqueue(s(1), {
      callerId: 'r2',
      procedureId: 'new-one',
      kioskId: 'k',
      language: null,
    });
    expect(eventTypes(added)).toEqual(['caller-enqueued']);
    expect(() =>
      engine.enqueue(s(2), { callerId: 'r3', procedureId: 'shoumeisho', kioskId: 'k', language: null }),
    ).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
    // A clerk with the new required skill gets r2; r1 still needs koseki and keeps waiting.
    const signedIn = engine.signIn(s(3), clerk('a', { shoumei: 3 }));
    expect(offersIn(signedIn)).toEqual([expect.objectContaining({ clerkId: 'a', callerId: 'r2' })]);
    expect(engine.callerStatus('r1')).toBe('waiting');
  });

  it('applies new opening hours to the next request and emits nothing by itself', () => {
    const engine = engineFor();
    const before = engine.snapshot();
    engine.reconfigure({
      procedures: testProcedures,
      serviceHours: { isOpen: () => false, nextOpening: () => s(3600) },
    });
    expect(engine.snapshot()).toEqual(before);
    const closed = engine.enqueue(s(0), {
      callerId: 'r1',
      procedureId: 'koseki',
      kioskId: 'k',
      language: null,
    });
    expect(closed.effects).toEqual([
      { type: 'kiosk-closed', kioskId: 'k', callerId: 'r1', nextOpeningAt: s(3600) },
    ]);
    engine.reconfigure({ procedures: testProcedures, serviceHours: null });
    expect(
      eventTypes(
        engine.enqueue(s(1), { callerId: 'r1', procedureId: 'koseki', kioskId: 'k', language: null }),
      ),
    ).toEqual(['caller-enqueued']);
  });
});
