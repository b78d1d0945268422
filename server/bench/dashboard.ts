/**
 * Dashboard query time over a year of demo records on SQLite (target: every view under 200 ms).
 * Prints progress to stderr and one JSON line last.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { tamaCatalog } from '../src/catalog/index.ts';
import { generateDemoRecords } from '../src/demo/demo-records.ts';
import { kpiCsv, kpiReport } from '../src/reports/kpis.ts';
import { boothHoursOf, nationalReport } from '../src/reports/national.ts';
import { openDatabase } from '../src/store/database.ts';
import type { KpiGroupBy } from '@madoguchi/shared';

const dir = mkdtempSync(path.join(os.tmpdir(), 'madoguchi-dashboard-'));
const db = openDatabase(path.join(dir, 'bench.db'));
try {
  const catalog = tamaCatalog();
  const started = performance.now();
  const written = generateDemoRecords(db, catalog, { from: '2025-11-01', to: '2026-11-01', seed: 7 });
  process.stderr.write(
    `generated ${written} consultations in ${Math.round(performance.now() - started)} ms\n`,
  );

  const booths = boothHoursOf(catalog);
  const views: Record<string, () => unknown> = {};
  for (const groupBy of ['day', 'weekday', 'hour', 'booth', 'procedure', 'language'] as KpiGroupBy[]) {
    views[`year-by-${groupBy}`] = () =>
      kpiReport(db, { from: '2025-11-01', to: '2026-11-01', groupBy, isDemo: true });
  }
  views['year-csv-by-day'] = () =>
    kpiCsv(kpiReport(db, { from: '2025-11-01', to: '2026-11-01', groupBy: 'day', isDemo: true }));
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
      view();
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    results[name] = Number(times[2]!.toFixed(1));
    process.stderr.write(`${name}: median ${results[name]} ms\n`);
  }
  const worst = Math.max(...Object.values(results));
  process.stdout.write(
    `${JSON.stringify({ consultations: written, medianMs: results, worstMedianMs: worst })}\n`,
  );
} finally {
  db.close();
  rmSync(dir, { recursive: true, force: true });
}
