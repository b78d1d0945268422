import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database, type DatabaseLocation } from './database.ts';

/**
 * Databases for tests: the embedded SQLite file always, and PostgreSQL when TEST_POSTGRES_URL
 * names a server the tests may create databases on (the test command starts one). Each test gets
 * a database of its own, dropped afterwards.
 */
export interface TestDatabase {
  location: DatabaseLocation;
  drop: () => Promise<void>;
}

export type TestDatabaseKind = DatabaseLocation['kind'];

/** The kinds the suite runs against here; refuses to run without PostgreSQL when told it must. */
export function testDatabaseKinds(): TestDatabaseKind[] {
  if (process.env.TEST_POSTGRES_URL) return ['sqlite', 'postgres'];
  if (process.env.TEST_REQUIRE_POSTGRES === '1') {
    throw new Error('TEST_REQUIRE_POSTGRES is set but TEST_POSTGRES_URL is not: start the test PostgreSQL');
  }
  return ['sqlite'];
}

export async function createTestDatabase(kind: TestDatabaseKind): Promise<TestDatabase> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'madoguchi-db-'));
    return {
      location: { kind: 'sqlite', file: path.join(dir, 'test.db') },
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const serverUrl = process.env.TEST_POSTGRES_URL;
  if (!serverUrl) throw new Error('TEST_POSTGRES_URL is not set');
  const name = `madoguchi_test_${randomUUID().replaceAll('-', '')}`;
  await onServer(serverUrl, `CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    location: { kind: 'postgres', url: url.toString() },
    drop: () => dropTestDatabase(url.toString()),
  };
}

/** Drops a database made by createTestDatabase, given its URL (e.g. remembered across a restart). */
export async function dropTestDatabase(databaseUrl: string): Promise<void> {
  const serverUrl = process.env.TEST_POSTGRES_URL;
  const name = new URL(databaseUrl).pathname.slice(1);
  if (!serverUrl || !/^madoguchi_test_[0-9a-f]{32}$/.test(name))
    throw new Error(`not a test database: ${name}`);
  await onServer(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}

async function onServer(serverUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

export interface OpenTestDatabase {
  db: Database;
  location: DatabaseLocation;
  /** Closes the connection and drops the database. */
  close: () => Promise<void>;
}

/** A fresh database of this kind, migrated and open. */
export async function openTestDatabase(kind: TestDatabaseKind): Promise<OpenTestDatabase> {
  const testDatabase = await createTestDatabase(kind);
  const db = await openDatabase(testDatabase.location);
  return {
    db,
    location: testDatabase.location,
    close: async () => {
      await db.destroy();
      await testDatabase.drop();
    },
  };
}
