import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConsultationRecords } from './consultation-records.ts';
import { openTestDatabase, testDatabaseKinds, type OpenTestDatabase } from './testing.ts';

describe.each(testDatabaseKinds())('ConsultationRecords on %s', (kind) => {
  let database: OpenTestDatabase;
  let records: ConsultationRecords;
  const call = { consultationId: 'c1', kioskId: 'seiseki-1', boothId: 'seiseki-sakuragaoka' };

  beforeEach(async () => {
    database = await openTestDatabase(kind);
    records = new ConsultationRecords(database.db);
    await records.recordEnd({
      ...call,
      procedureId: 'juumin-idou',
      language: 'ja',
      requestedAt: 1_000,
      answeredAt: 2_000,
      endedAt: 3_000,
      endReason: 'hung-up',
      staffIds: ['tanaka-y'],
    });
  });
  afterEach(() => database.close());

  it('keeps the first of two wrap-ups sent at once and refuses the second whole, tasks and all', async () => {
    const wrapUp = (outcome: 'completed' | 'referred', note: string) =>
      records.wrapUp(
        call,
        { staffId: 'tanaka-y', outcome, notes: '', tasks: [{ kind: 'hand-over-certificate', note }] },
        4_000,
      );
    const results = await Promise.allSettled([wrapUp('completed', 'first'), wrapUp('referred', 'second')]);
    expect(results.map((result) => result.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refused = results.find((result) => result.status === 'rejected');
    expect(refused?.reason).toMatchObject({ code: 'INVALID_STATE' });
    const kept = results.find((result) => result.status === 'fulfilled')!;
    const keptNote = kept.value[0]!.note;
    expect(await records.tasksOfBooth(call.boothId, 5_000)).toEqual([
      expect.objectContaining({ note: keptNote }),
    ]);
    expect(await records.find('c1')).toMatchObject({
      outcome: keptNote === 'first' ? 'completed' : 'referred',
      wrappedUpBy: ['tanaka-y'],
    });
  });

  it('records a call once, however often its end is reported', async () => {
    await records.recordEnd({
      ...call,
      procedureId: 'other',
      language: 'en',
      requestedAt: 9,
      answeredAt: null,
      endedAt: 9,
      endReason: 'cancelled',
      staffIds: [],
    });
    expect(await records.find('c1')).toMatchObject({ procedureId: 'juumin-idou', endReason: 'hung-up' });
  });
});
