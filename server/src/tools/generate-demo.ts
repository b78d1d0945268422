/**
 * Fills a month of demonstration records (marked as demo, never mixed with real ones) into the
 * configured database, for trying the dashboard:
 *
 *   npm run demo:generate -- --month 2026-10 [--seed 7]
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { loadCatalog } from '../catalog/load-catalog.ts';
import { loadConfig } from '../config.ts';
import { generateDemoRecords } from '../demo/demo-records.ts';
import { CatalogRevisions } from '../store/catalog-revisions.ts';
import { describeDatabase, openDatabase } from '../store/database.ts';

const { values } = parseArgs({ options: { month: { type: 'string' }, seed: { type: 'string' } } });
const month = values.month ?? '';
if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) {
  process.stderr.write('usage: npm run demo:generate -- --month YYYY-MM [--seed N]\n');
  process.exit(2);
}
const [year, monthNumber] = month.split('-').map(Number) as [number, number];
const to = new Date(Date.UTC(year, monthNumber, 1)).toISOString().slice(0, 10);
const config = loadConfig();
const db = await openDatabase(config.database);
try {
  // The catalogue in force: the latest revision saved in the console, else the file.
  const latest = await new CatalogRevisions(db).latest();
  const catalog = loadCatalog(
    latest ? latest.document : JSON.parse(await readFile(config.catalogFile, 'utf8')),
  );
  const written = await generateDemoRecords(db, catalog, {
    from: `${month}-01`,
    to,
    seed: Number(values.seed ?? 7),
  });
  process.stdout.write(
    `${written} demo consultations for ${month} written to ${describeDatabase(config.database)}\n`,
  );
} catch (error) {
  process.stderr.write(
    `[${String((error as { code?: unknown }).code ?? 'FAILED')}] ${(error as Error).message}\n`,
  );
  process.exitCode = 1;
} finally {
  await db.destroy();
}
