import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { Logger } from 'pino';
import { migrations as defaultMigrations, type Migration } from './migrations.ts';
import { nodeSqliteDialect } from './node-sqlite-dialect.ts';
import type { Tables } from './tables.ts';

export type Database = Kysely<Tables>;

/** Where the records live: one embedded SQLite file (the default) or a PostgreSQL server. */
export type DatabaseLocation = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };

export type SqlDialect = DatabaseLocation['kind'];

export class StoreError extends Error {
  readonly code: 'STORE_CORRUPT' | 'STORE_MIGRATION_FAILED' | 'STORE_UNAVAILABLE' | 'STORE_NOT_EMPTY';

  constructor(code: StoreError['code'], message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreError';
    this.code = code;
  }
}

/**
 * Opens the database and brings its schema up to date. SQLite runs in WAL mode with
 * `synchronous = FULL`, because an acknowledged record must survive a power cut; PostgreSQL keeps
 * its own durable defaults.
 */
export async function openDatabase(
  location: DatabaseLocation,
  options: { migrations?: readonly Migration[]; log?: Logger } = {},
): Promise<Database> {
  const { migrations = defaultMigrations, log } = options;
  const db = location.kind === 'sqlite' ? openSqlite(location.file) : openPostgres(location.url, log);
  try {
    await migrate(db, location.kind, migrations);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return db;
}

function openSqlite(file: string): Database {
  mkdirSync(path.dirname(file), { recursive: true });
  const database = new DatabaseSync(file);
  database.exec(`
    PRAGMA journal_mode = WAL;
    PRAGMA synchronous = FULL;
    PRAGMA foreign_keys = ON;
    PRAGMA busy_timeout = 5000;
  `);
  return new Kysely<Tables>({ dialect: nodeSqliteDialect(database) });
}

// BIGINT (epoch-millisecond times, counts) comes back from pg as a string by default; every such
// value here is far below 2^53, so a number is exact.
const pgTypes = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.INT8
      ? Number
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

function openPostgres(url: string, log: Logger | undefined): Database {
  const pool = new pg.Pool({ connectionString: url, max: 10, types: pgTypes });
  // An idle connection the server closes (a restart, a failover) is only reported: the pool opens
  // a new one for the next query. Unheard, the error would end the process.
  pool.on('error', (error) => log?.warn({ err: error }, 'an idle database connection was closed'));
  return new Kysely<Tables>({ dialect: new PostgresDialect({ pool }) });
}

async function migrate(db: Database, dialect: SqlDialect, migrations: readonly Migration[]): Promise<void> {
  try {
    await db.schema
      .createTable('schema_migrations')
      .ifNotExists()
      .addColumn('version', 'integer', (column) => column.primaryKey())
      .addColumn('name', 'text', (column) => column.notNull())
      .addColumn('applied_at', 'text', (column) => column.notNull())
      .execute();
  } catch (error) {
    throw new StoreError('STORE_UNAVAILABLE', `the database cannot be reached: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const applied = new Set(
    (await sql<{ version: number }>`SELECT version FROM schema_migrations`.execute(db)).rows.map((row) =>
      Number(row.version),
    ),
  );
  for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
    if (applied.has(migration.version)) continue;
    try {
      await db.transaction().execute(async (trx) => {
        await migration.up(trx, dialect);
        await sql`INSERT INTO schema_migrations (version, name, applied_at)
                  VALUES (${migration.version}, ${migration.name}, ${new Date().toISOString()})`.execute(trx);
      });
    } catch (error) {
      throw new StoreError(
        'STORE_MIGRATION_FAILED',
        `migration ${migration.version} (${migration.name}) failed: ${(error as Error).message}`,
        { cause: error },
      );
    }
  }
}

/** The location for messages: the file, or the server and database without the password. */
export function describeDatabase(location: DatabaseLocation): string {
  if (location.kind === 'sqlite') return location.file;
  const url = new URL(location.url);
  return `postgres://${url.host}${url.pathname}`;
}
