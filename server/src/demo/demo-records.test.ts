import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tamaCatalog } from '../catalog/seed.ts';
import { openDatabase } from '../store/database.ts';
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

/** Every consultation, in the order written. */
function consultationsOf(db: DatabaseSync): ConsultationRow[] {
  return db.prepare('SELECT * FROM consultations ORDER BY rowid').all() as unknown as ConsultationRow[];
}

describe('demo records on a real SQLite file', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'madoguchi-demo-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const month = { from: '2026-10-01', to: '2026-11-01', seed: 7 };

  it('are the same for the same seed, apart from the ids', () => {
    const first = openDatabase(path.join(dir, 'a.db'));
    const second = openDatabase(path.join(dir, 'b.db'));
    const written = generateDemoRecords(first, tamaCatalog(), month);
    expect(generateDemoRecords(second, tamaCatalog(), month)).toBe(written);
    const withoutId = (rows: ConsultationRow[]) => rows.map(({ consultation_id: _, ...rest }) => rest);
    expect(withoutId(consultationsOf(second))).toEqual(withoutId(consultationsOf(first)));
    first.close();
    second.close();
  });

  it('give abandoned calls no clerk and no wrap-up, and every answered call one wrap-up', () => {
    const db = openDatabase(path.join(dir, 'demo.db'));
    const written = generateDemoRecords(db, tamaCatalog(), month);
    const rows = consultationsOf(db);
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

    const wrappedUp = db.prepare('SELECT consultation_id FROM wrap_ups').all() as {
      consultation_id: string;
    }[];
    expect(new Set(wrappedUp.map((row) => row.consultation_id))).toEqual(
      new Set(answered.map((row) => row.consultation_id)),
    );
    const surveyed = db.prepare('SELECT consultation_id FROM surveys').all() as { consultation_id: string }[];
    const answeredIds = new Set(answered.map((row) => row.consultation_id));
    expect(surveyed.every((row) => answeredIds.has(row.consultation_id))).toBe(true);
    db.close();
  });
});
