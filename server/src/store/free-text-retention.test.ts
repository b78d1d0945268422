import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConsultationRecords } from './consultation-records.ts';
import { openDatabase } from './database.ts';
import { eraseOldFreeText } from './free-text-retention.ts';
import { Surveys } from './surveys.ts';

describe('eraseOldFreeText', () => {
  it('erases comments and notes older than the cut-off and keeps the figures', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'madoguchi-retention-'));
    const db = openDatabase(path.join(dir, 'r.db'));
    try {
      const records = new ConsultationRecords(db);
      const surveys = new Surveys(db);
      for (const [id, at] of [
        ['old', 1_000],
        ['new', 9_000],
      ] as const) {
        records.recordEnd({
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
        records.wrapUp(
          { consultationId: id, kioskId: 'k', boothId: 'b' },
          { staffId: 'c', outcome: 'completed', notes: `notes ${id}`, tasks: [] },
          at,
        );
        surveys.record({
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
      expect(eraseOldFreeText(db, 5_000)).toBe(2);
      expect(surveys.find('old')).toMatchObject({ rating: 5, comment: null });
      expect(surveys.find('new')?.comment).toBe('comment new');
      const notes = db
        .prepare('SELECT consultation_id, notes, outcome FROM wrap_ups ORDER BY consultation_id')
        .all();
      expect(notes.map((row) => [row.consultation_id, row.notes, row.outcome])).toEqual([
        ['new', 'notes new', 'completed'],
        ['old', '', 'completed'],
      ]);
    } finally {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
