import { describe, expect, it } from 'vitest';
import type { QueueEvent } from './events.ts';
import { rebuild } from './rebuild.ts';
import { T0, clerk, engineFor, eventTypes, testProcedures } from './testing.ts';

describe('rebuild', () => {
  function scenario(): { events: QueueEvent[]; engine: ReturnType<typeof engineFor> } {
    const engine = engineFor();
    const events: QueueEvent[] = [];
    const keep = (r: { events: QueueEvent[] }): void => void events.push(...r.events);
    keep(engine.signIn(T0, clerk('a', { koseki: 4 })));
    keep(engine.signIn(T0, clerk('b', { shoumei: 2, general: 3 })));
    keep(engine.enqueue(T0 + 1000, { callerId: 'r1', procedureId: 'koseki', kioskId: 'k1', language: null }));
    keep(engine.enqueue(T0 + 2000, { callerId: 'r2', procedureId: 'koseki', kioskId: 'k2', language: null }));
    keep(
      engine.enqueue(T0 + 3000, {
        callerId: 'r3',
        procedureId: 'kosodate',
        kioskId: 'k2',
        language: null,
        reservation: { dueAt: T0 + 3_600_000 },
      }),
    );
    keep(engine.accept(T0 + 4000, 'a', 'r1'));
    keep(engine.complete(T0 + 300_000, 'a'));
    return { events, engine };
  }

  it('rebuilds the queue, offers, clerk states and handling samples exactly', () => {
    const { events, engine } = scenario();
    const rebuilt = rebuild(JSON.parse(JSON.stringify(events)) as unknown[], { procedures: testProcedures });
    expect(rebuilt.snapshot()).toEqual(engine.snapshot());
    expect(rebuilt.snapshot().handlingSamples).toEqual({ koseki: [296_000] });
  });

  it('keeps callers in place and fires deadlines that passed while down', () => {
    const { events, engine } = scenario();
    const rebuilt = rebuild(events, { procedures: testProcedures });
    const later = T0 + 400_000;
    expect(eventTypes(rebuilt.tick(later))).toEqual(eventTypes(engine.tick(later)));
    expect(rebuilt.snapshot()).toEqual(engine.snapshot());
  });

  it('refuses a log that does not fit (CORRUPT_LOG with the event index)', () => {
    const { events } = scenario();
    expect(() =>
      rebuild([...events, { type: 'offer-accepted', at: T0 + 400_000, callerId: 'r9', clerkId: 'a' }], {
        procedures: testProcedures,
      }),
    ).toThrow(
      expect.objectContaining({
        code: 'CORRUPT_LOG',
        message: expect.stringContaining(`event #${events.length}`),
      }),
    );
    expect(() =>
      rebuild([{ type: 'caller-enqueued', at: 'yesterday' }], { procedures: testProcedures }),
    ).toThrow(expect.objectContaining({ code: 'CORRUPT_LOG' }));
  });
});
