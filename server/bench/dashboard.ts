/**
 * Dashboard query time over a year of demo records (target: every view under 200 ms on SQLite).
 * SQLite by default; `--postgres` runs the same on a fresh database of TEST_POSTGRES_URL's server.
 * Prints progress to stderr and one JSON line last.
 */
import { tamaCatalog } from '../src/catalog/index.ts';
import { generateDemoRecords } from '../src/demo/demo-records.ts';
import { kpiCsv, kpiReport } from '../src/reports/kpis.ts';
import { boothHoursOf, nationalReport } from '../src/reports/national.ts';
import { openDatabase } from '../src/store/database.ts';
import { createTestDatabase } from '../src/store/testing.ts';
import type { KpiGroupBy } from '@madoguchi/shared';

const kind = process.argv.includes('--postgres') ? 'postgres' : 'sqlite';
const testDatabase = await createTestDatabase(kind);
const db = await openDatabase(testDatabase.location);
try {
  const catalog = tamaCatalog();
  const started = performance.now();
  const written = await generateDemoRecords(db, catalog, { from: '2025-11-01', to: '2026-11-01', seed: 7 });
  process.stderr.write(
    `generated ${written} consultations in ${Math.round(performance.now() - started)} ms\n`,
  );

  const booths = boothHoursOf(catalog);
  const views: Record<string, () => Promise<unknown>> = {};
  for (const groupBy of ['day', 'weekday', 'hour', 'booth', 'procedure', 'language'] as KpiGroupBy[]) {
    views[`year-by-${groupBy}`] = () =>
      kpiReport(db, { from: '2025-11-01', to: '2026-11-01', groupBy, isDemo: true });
  }
  views['year-csv-by-day'] = async () =>
    kpiCsv(await kpiReport(db, { from: '2025-11-01', to: '2026-11-01', groupBy: 'day', isDemo: true }));
  views['month-by-day'] = () =>
    kpiReport(db, { from: '2026-10-01', to: '2026-11-01', groupBy: 'day', isDemo: true });
  views['national-quarter-vs-quarter'] = () =>
    nationalReport(
      db,
      {
        from: '2026-08-01',
        to: '2026-11-01',
        baselineFrom: '2026-05-01',
        baselineTo: '2026-08-01',
        isDemo: true,
      },
      booths,
    );

  const results: Record<string, number> = {};
  for (const [name, view] of Object.entries(views)) {
    const times: number[] = [];
    for (let run = 0; run < 5; run++) {
      const t0 = performance.now();
      await view();
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    results[name] = Number(times[2]!.toFixed(1));
    process.stderr.write(`${name}: median ${results[name]} ms\n`);
  }
  const worst = Math.max(...Object.values(results));
  process.stdout.write(
    `${JSON.stringify({ database: kind, consultations: written, medianMs: results, worstMedianMs: worst })}\n`,
  );
} finally {
  await db.destroy();
  await testDatabase.drop();
}
