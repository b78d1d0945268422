import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import pg from 'pg';
import type { TestServer } from './test-server.ts';

/** Every table's row count and a digest of its rows; the stored blobs by name and digest. */
export interface StoredState {
  tables: Record<string, { rows: number; digest: string }>;
  /** The routing queue's local journal when the records are in PostgreSQL. */
  queueJournal: Record<string, { rows: number; digest: string }> | undefined;
  blobs: Record<string, string>;
}

/**
 * Columns that record activity rather than state: a staff socket's commands, even refused ones,
 * keep its login session from idling out.
 */
const activityColumns: Record<string, readonly string[]> = { staff_sessions: ['last_seen_at'] };

const digestOf = (text: string) => createHash('sha256').update(text).digest('hex');

function summarise(table: string, rows: Record<string, unknown>[]): { rows: number; digest: string } {
  const ignored = activityColumns[table] ?? [];
  const lines = rows
    .map((row) =>
      JSON.stringify(
        Object.entries(row)
          .filter(([column]) => !ignored.includes(column))
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([column, value]) => [
            column,
            value instanceof Uint8Array ? Buffer.from(value).toString('base64') : String(value),
          ]),
      ),
    )
    .sort();
  return { rows: rows.length, digest: digestOf(lines.join('\n')) };
}

function sqliteState(file: string): Record<string, { rows: number; digest: string }> {
  const db = new DatabaseSync(file, { readOnly: true });
  try {
    const tables = db
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
      )
      .all() as { name: string }[];
    return Object.fromEntries(
      tables.map(({ name }) => [
        name,
        summarise(name, db.prepare(`SELECT * FROM "${name}"`).all() as Record<string, unknown>[]),
      ]),
    );
  } finally {
    db.close();
  }
}

async function postgresState(url: string): Promise<Record<string, { rows: number; digest: string }>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const tables = await client.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name",
    );
    const state: Record<string, { rows: number; digest: string }> = {};
    for (const { table_name: name } of tables.rows)
      state[name] = summarise(name, (await client.query(`SELECT * FROM "${name}"`)).rows);
    return state;
  } finally {
    await client.end();
  }
}

/** What the server has stored, to compare before and after something that must change nothing. */
export async function storedState(server: TestServer): Promise<StoredState> {
  const journal = path.join(server.dataDir, 'queue-journal.db');
  const tables = server.databaseUrl
    ? await postgresState(server.databaseUrl)
    : sqliteState(path.join(server.dataDir, 'madoguchi.db'));
  const blobsDir = path.join(server.dataDir, 'blobs');
  const blobs: Record<string, string> = {};
  if (existsSync(blobsDir)) {
    for (const name of (await readdir(blobsDir, { recursive: true })).sort()) {
      const file = path.join(blobsDir, name);
      const content = await readFile(file).catch(() => undefined);
      if (content) blobs[name] = digestOf(content.toString('base64'));
    }
  }
  return {
    tables,
    queueJournal: server.databaseUrl && existsSync(journal) ? sqliteState(journal) : undefined,
    blobs,
  };
}
