/**
 * Moves the records of this installation's database into another, empty one — typically from the
 * embedded SQLite file of a pilot into PostgreSQL:
 *
 *   npm run db:copy -- --to postgres://user:password@host:5432/madoguchi
 *
 * Run it with the server stopped, then start the server with DATABASE_URL set to the target. The
 * queue starts afresh there (its past events are kept in the target's archive).
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { loadConfig } from '../config.ts';
import { copyDatabase } from '../store/copy-database.ts';
import { describeDatabase, openDatabase, type DatabaseLocation } from '../store/database.ts';
import { QueueEventStore } from '../store/queue-event-store.ts';

const { values } = parseArgs({ options: { to: { type: 'string' } } });
const to = z
  .string()
  .regex(/^postgres(?:ql)?:\/\/\S+$|^[^:]+\.db$/)
  .safeParse(values.to);
if (!to.success) {
  process.stderr.write(
    'usage: npm run db:copy -- --to postgres://user:password@host:5432/database | FILE.db\n',
  );
  process.exit(2);
}
const config = loadConfig();
const targetLocation: DatabaseLocation = to.data.endsWith('.db')
  ? { kind: 'sqlite', file: to.data }
  : { kind: 'postgres', url: to.data };
const journal = QueueEventStore.open(config.queueJournalFile);
const source = await openDatabase(config.database);
const target = await openDatabase(targetLocation).catch(async (error: unknown) => {
  await source.destroy();
  throw error;
});
try {
  const started = performance.now();
  const counts = await copyDatabase(source, target, {
    targetDialect: targetLocation.kind,
    journal,
  });
  process.stdout.write(
    `copied ${describeDatabase(config.database)} → ${describeDatabase(targetLocation)} in ${Math.round(
      performance.now() - started,
    )} ms\n${JSON.stringify(counts)}\n`,
  );
} catch (error) {
  process.stderr.write(
    `[${String((error as { code?: unknown }).code ?? 'FAILED')}] ${(error as Error).message}\n`,
  );
  process.exitCode = 1;
} finally {
  journal.close();
  await source.destroy();
  await target.destroy();
}
