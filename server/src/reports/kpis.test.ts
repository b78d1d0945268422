import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConsultationRecords } from '../store/consultation-records.ts';
import type { Database } from '../store/database.ts';
import { openTestDatabase, testDatabaseKinds, type OpenTestDatabase } from '../store/testing.ts';
import { Surveys } from '../store/surveys.ts';
import { kpiCsv, kpiReport, tokyoMidnight } from './kpis.ts';
import { nationalReport } from './national.ts';

/**
 * A hand-checked fixture: four calls in the period (Mon 5 and Tue 6 October 2026, Tokyo), one
 * after it, one in the baseline. Every expected value below was worked out by hand.
 */
const at = (date: string, time: string) => Date.parse(`${date}T${time}+09:00`);
const calls = [
  {
    id: 'a',
    booth: 'seiseki',
    procedure: 'juumin-idou',
    language: 'ja',
    requested: at('2026-10-05', '10:00:00'),
    waitS: 30,
    handleS: 600,
    outcome: 'completed',
    rating: 5,
  },
  {
    id: 'b',
    booth: 'seiseki',
    procedure: 'shoumeisho',
    language: 'en',
    requested: at('2026-10-05', '10:05:00'),
    waitS: 90,
    handleS: 300,
    outcome: 'referred',
    rating: 3,
  },
  {
    id: 'c',
    booth: 'tama',
    procedure: 'juumin-idou',
    language: 'ja',
    requested: at('2026-10-05', '14:00:00'),
    waitS: null,
    handleS: 120,
    outcome: null,
    rating: null,
  },
  {
    id: 'd',
    booth: 'tama',
    procedure: 'juumin-idou',
    language: 'vi',
    requested: at('2026-10-06', '09:00:00'),
    waitS: 45,
    handleS: 900,
    outcome: 'completed',
    rating: 4,
  },
  {
    id: 'e',
    booth: 'tama',
    procedure: 'juumin-idou',
    language: 'ja',
    requested: at('2026-10-07', '09:00:00'),
    waitS: 10,
    handleS: 60,
    outcome: null,
    rating: 1,
  },
  {
    id: 'base',
    booth: 'tama',
    procedure: 'juumin-idou',
    language: 'ja',
    requested: at('2026-09-07', '09:00:00'),
    waitS: 120,
    handleS: 60,
    outcome: null,
    rating: null,
  },
];

describe.each(testDatabaseKinds())('KPIs on a hand-checked fixture (real %s)', (kind) => {
  let database: OpenTestDatabase;
  let db: Database;

  beforeEach(async () => {
    database = await openTestDatabase(kind);
    db = database.db;
    const records = new ConsultationRecords(db);
    const surveys = new Surveys(db);
    for (const call of calls) {
      const answeredAt = call.waitS === null ? null : call.requested + call.waitS * 1000;
      await records.recordEnd({
        consultationId: call.id,
        kioskId: `${call.booth}-1`,
        boothId: call.booth,
        procedureId: call.procedure,
        language: call.language,
        requestedAt: call.requested,
        answeredAt,
        endedAt: (answeredAt ?? call.requested) + call.handleS * 1000,
        endReason: answeredAt === null ? 'cancelled' : 'hung-up',
        staffIds: answeredAt === null ? [] : ['tanaka-y'],
      });
      if (call.outcome) {
        await records.wrapUp(
          { consultationId: call.id, kioskId: `${call.booth}-1`, boothId: call.booth },
          { staffId: 'tanaka-y', outcome: call.outcome as 'completed', notes: '', tasks: [] },
          call.requested + 3_600_000,
        );
      }
      if (call.rating !== null) {
        await surveys.record({
          consultationId: call.id,
          kioskId: `${call.booth}-1`,
          procedureId: call.procedure,
          language: call.language,
          staffIds: [],
          rating: call.rating,
          comment: null,
          submittedAt: call.requested,
        });
      }
    }
  });
  afterEach(() => database.close());

  it('computes the period’s totals exactly', async () => {
    const report = await kpiReport(db, {
      from: '2026-10-05',
      to: '2026-10-07',
      groupBy: 'day',
      isDemo: false,
    });
    expect(report.total).toEqual({
      consultations: 4,
      answered: 3,
      abandoned: 1,
      abandonmentRate: 0.25,
      waitMeanSec: 55, // (30 + 90 + 45) / 3
      waitP90Sec: 90, // nearest rank: ceil(0.9 × 3) = 3rd of 30, 45, 90
      serviceLevel60s: 0.5, // 30 and 45 within 60 s, of 4 callers
      handlingMeanSec: 600, // (600 + 300 + 900) / 3
      outcomes: { completed: 2, referred: 1 },
      surveys: 3,
      satisfiedShare: 0.6667, // 5 and 4 of 5, 3, 4
    });
  });

  it('groups by Tokyo day, weekday and hour, booth, procedure and language', async () => {
    const byDay = await kpiReport(db, {
      from: '2026-10-05',
      to: '2026-10-07',
      groupBy: 'day',
      isDemo: false,
    });
    expect(
      byDay.groups.map((g) => [
        g.key,
        g.figures.consultations,
        g.figures.waitMeanSec,
        g.figures.serviceLevel60s,
      ]),
    ).toEqual([
      ['2026-10-05', 3, 60, 0.3333],
      ['2026-10-06', 1, 45, 1],
    ]);
    const byHour = await kpiReport(db, {
      from: '2026-10-05',
      to: '2026-10-07',
      groupBy: 'hour',
      isDemo: false,
    });
    expect(byHour.groups.map((g) => [g.key, g.figures.consultations])).toEqual([
      ['9', 1],
      ['10', 2],
      ['14', 1],
    ]);
    const byWeekday = await kpiReport(db, {
      from: '2026-10-05',
      to: '2026-10-07',
      groupBy: 'weekday',
      isDemo: false,
    });
    expect(byWeekday.groups.map((g) => [g.key, g.figures.consultations])).toEqual([
      ['1', 3],
      ['2', 1],
    ]);
    const byBooth = await kpiReport(db, {
      from: '2026-10-05',
      to: '2026-10-07',
      groupBy: 'booth',
      isDemo: false,
    });
    expect(byBooth.groups.map((g) => [g.key, g.figures.abandoned, g.figures.handlingMeanSec])).toEqual([
      ['seiseki', 0, 450],
      ['tama', 1, 900],
    ]);
    const byLanguage = await kpiReport(db, {
      from: '2026-10-05',
      to: '2026-10-07',
      groupBy: 'language',
      isDemo: false,
    });
    expect(byLanguage.groups.map((g) => [g.key, g.figures.satisfiedShare])).toEqual([
      ['en', 0],
      ['ja', 1],
      ['vi', 1],
    ]);
  });

  it('keeps demo records apart', async () => {
    await db.updateTable('consultations').set({ is_demo: 1 }).execute();
    const count = async (isDemo: boolean) =>
      (await kpiReport(db, { from: '2026-10-05', to: '2026-10-07', groupBy: 'day', isDemo })).total
        .consultations;
    expect(await count(false)).toBe(0);
    expect(await count(true)).toBe(4);
  });

  it('exports the table as CSV with a BOM and a total row', async () => {
    const csv = kpiCsv(
      await kpiReport(db, { from: '2026-10-05', to: '2026-10-07', groupBy: 'procedure', isDemo: false }),
    );
    expect(csv.startsWith('\uFEFFprocedure,consultations,answered,abandoned,')).toBe(true);
    expect(csv.split('\r\n')).toContain('juumin-idou,3,2,1,0.3333,37.5,45,0.6667,750,2,1');
    expect(csv.split('\r\n')).toContain('total,4,3,1,0.25,55,90,0.5,600,3,0.6667');
  });

  it('builds the national report with usage per opening day and the baseline wait', async () => {
    const weekdaysOnly = (start: number) =>
      [1, 2, 3, 4, 5].includes(new Date(start + 9 * 3_600_000).getUTCDay());
    const report = await nationalReport(
      db,
      {
        from: '2026-10-05',
        to: '2026-10-12',
        baselineFrom: '2026-09-01',
        baselineTo: '2026-10-01',
        isDemo: false,
      },
      [
        { boothId: 'seiseki', isOpen: true, kiosks: 2, opensBetween: (start) => weekdaysOnly(start) },
        { boothId: 'tama', isOpen: true, kiosks: 2, opensBetween: (start) => weekdaysOnly(start) },
        { boothId: 'nagayama', isOpen: false, kiosks: 1, opensBetween: () => false },
      ],
    );
    expect(report.usage).toEqual([
      { boothId: 'seiseki', consultations: 2, openingDays: 5, perOpeningDay: 0.4 },
      { boothId: 'tama', consultations: 3, openingDays: 5, perOpeningDay: 0.6 },
      { boothId: 'nagayama', consultations: 0, openingDays: 0, perOpeningDay: null },
    ]);
    expect(report.proceduresHandled).toEqual([
      { procedureId: 'juumin-idou', answered: 3 },
      { procedureId: 'shoumeisho', answered: 1 },
    ]);
    expect(report.windows).toEqual({ booths: 2, kiosks: 4 });
    expect(report.waiting).toEqual({ meanSec: 43.8, p90Sec: 90, baselineMeanSec: 120, baselineP90Sec: 120 });
    expect(report.satisfaction).toEqual({ share: 0.5, target: 0.8, answers: 4 });
    expect(tokyoMidnight('2026-10-05')).toBe(Date.parse('2026-10-04T15:00:00Z'));
  });
});
