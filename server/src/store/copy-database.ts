import { sql, type Kysely } from 'kysely';
import type { Database, SqlDialect } from './database.ts';
import { StoreError } from './database.ts';
import { archiveJournal } from './queue-event-archive.ts';
import type { QueueEventStore } from './queue-event-store.ts';
import type { Tables } from './tables.ts';

/** Every table with its key, in an order that respects the references between them. */
const tablesInOrder: readonly { table: keyof Tables; key: readonly string[] }[] = [
  { table: 'staff_accounts', key: ['staff_id'] },
  { table: 'staff_sessions', key: ['token_hash'] },
  { table: 'kiosk_enrollment_codes', key: ['code_hash'] },
  { table: 'kiosk_credentials', key: ['token_hash'] },
  { table: 'audit_log', key: ['seq'] },
  { table: 'catalog_revisions', key: ['revision'] },
  { table: 'consultations', key: ['consultation_id'] },
  { table: 'wrap_ups', key: ['consultation_id', 'staff_id'] },
  { table: 'handover_tasks', key: ['task_id'] },
  { table: 'surveys', key: ['consultation_id'] },
  { table: 'captures', key: ['capture_id'] },
  { table: 'queue_event_archive', key: ['journal_id', 'seq'] },
  { table: 'login_failures', key: ['staff_id', 'address'] },
  { table: 'signature_proofs', key: ['capture_id'] },
  { table: 'staff_second_factors', key: ['staff_id'] },
  { table: 'staff_recovery_codes', key: ['staff_id', 'code_hash'] },
  { table: 'login_challenges', key: ['token_hash'] },
];

/** Tables whose key is a sequence the target must continue after the copied rows. */
const sequences = [{ table: 'audit_log', column: 'seq' }] as const;

const batchSize = 500;

/** Any table by its name: the copy goes over every table alike. */
type AnyTables = Kysely<Record<string, Record<string, unknown>>>;

export type CopiedCounts = Partial<Record<keyof Tables, number>>;

/**
 * Copies every record from one database into another that has none yet (e.g. from the embedded
 * SQLite file of a pilot into PostgreSQL), table by table, in batches, keeping every value;
 * then checks each table holds as many rows as the source. The queue's journal goes into the
 * target's archive: the queue starts afresh on the target, its history kept.
 */
export async function copyDatabase(
  source: Database,
  target: Database,
  options: { targetDialect: SqlDialect; journal: QueueEventStore },
): Promise<CopiedCounts> {
  const from = source as unknown as AnyTables;
  const to = target as unknown as AnyTables;
  for (const { table } of tablesInOrder) {
    const row = await to
      .selectFrom(table)
      .select(sql<number>`1`.as('one'))
      .limit(1)
      .executeTakeFirst();
    if (row)
      throw new StoreError(
        'STORE_NOT_EMPTY',
        `the target database already has ${table}: copy only into an empty one`,
      );
  }
  const counts: CopiedCounts = {};
  await target.transaction().execute(async (trx) => {
    const into = trx as unknown as AnyTables;
    for (const { table, key } of tablesInOrder) {
      let copied = 0;
      for (let offset = 0; ; offset += batchSize) {
        let query = from.selectFrom(table).selectAll();
        for (const column of key) query = query.orderBy(column);
        const rows = await query.limit(batchSize).offset(offset).execute();
        if (rows.length === 0) break;
        await into.insertInto(table).values(rows).execute();
        copied += rows.length;
      }
      counts[table] = copied;
    }
    // The queue's journal becomes archived history on the target.
    counts.queue_event_archive =
      (counts.queue_event_archive ?? 0) + (await archiveJournal(options.journal, trx));
    if (options.targetDialect === 'postgres') {
      for (const { table, column } of sequences) {
        await sql`SELECT setval(pg_get_serial_sequence(${table}, ${column}), COALESCE(MAX(${sql.ref(column)}), 0) + 1, false) FROM ${sql.table(table)}`.execute(
          trx,
        );
      }
    }
  });
  for (const { table } of tablesInOrder) {
    const row = await to
      .selectFrom(table)
      .select(sql<number>`COUNT(*)`.as('n'))
      .executeTakeFirst();
    if (Number(row?.n ?? 0) !== counts[table]) {
      throw new StoreError(
        'STORE_CORRUPT',
        `${table}: copied ${counts[table]} rows but the target holds ${row?.n}`,
      );
    }
  }
  return counts;
}
