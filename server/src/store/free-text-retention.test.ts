import { describe, expect, it } from 'vitest';
import { ConsultationRecords } from './consultation-records.ts';
import { eraseOldFreeText } from './free-text-retention.ts';
import { Surveys } from './surveys.ts';
import { openTestDatabase, testDatabaseKinds } from './testing.ts';

describe.each(testDatabaseKinds())('eraseOldFreeText on %s', (kind) => {
  it('erases comments and notes older than the cut-off and keeps the figures', async () => {
    const database = await openTestDatabase(kind);
    const { db } = database;
    try {
      const records = new ConsultationRecords(db);
      const surveys = new Surveys(db);
      for (const [id, at] of [
        ['old', 1_000],
        ['new', 9_000],
      ] as const) {
        await records.recordEnd({
          consultationId: id,
          kioskId: 'k',
          boothId: 'b',
          procedureId: 'p',
          language: 'ja',
          requestedAt: at,
          answeredAt: at,
          endedAt: at,
          endReason: 'hung-up',
          staffIds: ['c'],
        });
        await records.wrapUp(
          { consultationId: id, kioskId: 'k', boothId: 'b' },
          { staffId: 'c', outcome: 'completed', notes: `notes ${id}`, tasks: [] },
          at,
        );
        await surveys.record({
          consultationId: id,
          kioskId: 'k',
          procedureId: 'p',
          language: 'ja',
          staffIds: ['c'],
          rating: 5,
          comment: `comment ${id}`,
          submittedAt: at,
        });
      }
      expect(await eraseOldFreeText(db, 5_000)).toBe(2);
      expect(await surveys.find('old')).toMatchObject({ rating: 5, comment: null });
      expect((await surveys.find('new'))?.comment).toBe('comment new');
      const notes = await db
        .selectFrom('wrap_ups')
        .select(['consultation_id', 'notes', 'outcome'])
        .orderBy('consultation_id')
        .execute();
      expect(notes.map((row) => [row.consultation_id, row.notes, row.outcome])).toEqual([
        ['new', 'notes new', 'completed'],
        ['old', '', 'completed'],
      ]);
    } finally {
      await database.close();
    }
  });
});
