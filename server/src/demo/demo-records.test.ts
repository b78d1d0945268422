import { afterEach, describe, expect, it } from 'vitest';
import { tamaCatalog } from '../catalog/seed.ts';
import type { Database } from '../store/database.ts';
import { openTestDatabase, testDatabaseKinds, type OpenTestDatabase } from '../store/testing.ts';
import { generateDemoRecords } from './demo-records.ts';

interface ConsultationRow {
  consultation_id: string;
  requested_at: number;
  answered_at: number | null;
  ended_at: number;
  end_reason: string;
  staff_ids: string;
  is_demo: number;
}

/** Every consultation, in the order requested. */
async function consultationsOf(db: Database): Promise<ConsultationRow[]> {
  return db.selectFrom('consultations').selectAll().orderBy('requested_at').orderBy('kiosk_id').execute();
}

describe.each(testDatabaseKinds())('demo records on a real %s database', (kind) => {
  const opened: OpenTestDatabase[] = [];
  const open = async () => {
    const database = await openTestDatabase(kind);
    opened.push(database);
    return database.db;
  };

  afterEach(async () => {
    for (const database of opened.splice(0)) await database.close();
  });

  const month = { from: '2026-10-01', to: '2026-11-01', seed: 7 };

  it('are the same for the same seed, apart from the ids', async () => {
    const first = await open();
    const second = await open();
    const written = await generateDemoRecords(first, tamaCatalog(), month);
    expect(await generateDemoRecords(second, tamaCatalog(), month)).toBe(written);
    const withoutId = (rows: ConsultationRow[]) => rows.map(({ consultation_id: _, ...rest }) => rest);
    expect(withoutId(await consultationsOf(second))).toEqual(withoutId(await consultationsOf(first)));
  });

  it('give abandoned calls no clerk and no wrap-up, and every answered call one wrap-up', async () => {
    const db = await open();
    const written = await generateDemoRecords(db, tamaCatalog(), month);
    const rows = await consultationsOf(db);
    expect(rows).toHaveLength(written);
    expect(rows.every((row) => row.is_demo === 1)).toBe(true);

    const abandoned = rows.filter((row) => row.end_reason === 'cancelled');
    const answered = rows.filter((row) => row.end_reason === 'hung-up');
    expect(abandoned.length + answered.length).toBe(rows.length);
    // About one caller in 25 gives up.
    expect(abandoned.length / rows.length).toBeGreaterThan(0.01);
    expect(abandoned.length / rows.length).toBeLessThan(0.1);
    for (const row of abandoned) {
      expect(row.answered_at).toBeNull();
      expect(row.staff_ids).toBe('[]');
      expect(row.ended_at).toBeGreaterThan(row.requested_at);
    }
    for (const row of answered) {
      expect(row.answered_at).toBeGreaterThan(row.requested_at);
      expect(row.ended_at).toBeGreaterThan(row.answered_at!);
      expect(JSON.parse(row.staff_ids)).toHaveLength(1);
    }

    const wrappedUp = await db.selectFrom('wrap_ups').select('consultation_id').execute();
    expect(new Set(wrappedUp.map((row) => row.consultation_id))).toEqual(
      new Set(answered.map((row) => row.consultation_id)),
    );
    const surveyed = await db.selectFrom('surveys').select('consultation_id').execute();
    const answeredIds = new Set(answered.map((row) => row.consultation_id));
    expect(surveyed.every((row) => answeredIds.has(row.consultation_id))).toBe(true);
  });
});
