import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, StoreError, type Database } from './database.ts';
import { migrations } from './migrations.ts';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from './testing.ts';

describe.each(testDatabaseKinds())('the database on %s', (kind) => {
  let testDatabase: TestDatabase | undefined;
  let db: Database | undefined;

  afterEach(async () => {
    await db?.destroy();
    db = undefined;
    await testDatabase?.drop();
  });

  it('applies every migration once, however often it is opened', async () => {
    testDatabase = await createTestDatabase(kind);
    await (await openDatabase(testDatabase.location)).destroy();
    db = await openDatabase(testDatabase.location);
    const { rows } = await sql<{
      version: number;
    }>`SELECT version FROM schema_migrations ORDER BY version`.execute(db);
    expect(rows.map((row) => Number(row.version))).toEqual(migrations.map((migration) => migration.version));
  });

  it('reports a failing migration with its code and leaves no half-applied schema', async () => {
    testDatabase = await createTestDatabase(kind);
    const broken = {
      version: 1,
      name: 'broken',
      up: async (trx: Database) => {
        await sql`CREATE TABLE half_done (x integer)`.execute(trx);
        await sql`CREATE TABLE (`.execute(trx);
      },
    };
    const failure = await openDatabase(testDatabase.location, { migrations: [broken] }).catch(
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(StoreError);
    expect(failure).toMatchObject({ code: 'STORE_MIGRATION_FAILED' });
    db = await openDatabase(testDatabase.location, { migrations: [] });
    const probe = await sql`SELECT COUNT(*) AS n FROM half_done`.execute(db).catch(() => 'missing');
    expect(probe).toBe('missing');
  });

  it('reads epoch-millisecond times back as exact numbers', async () => {
    testDatabase = await createTestDatabase(kind);
    db = await openDatabase(testDatabase.location);
    const at = Date.UTC(2026, 10, 27, 8, 30, 0, 123);
    await db
      .insertInto('audit_log')
      .values({ at, actor: 'admin', action: 'probe', subject: null, details: null })
      .execute();
    const row = await db.selectFrom('audit_log').select(['seq', 'at']).executeTakeFirstOrThrow();
    expect(row).toEqual({ seq: 1, at });
  });
});

describe('an unreachable PostgreSQL server', () => {
  it('is reported with STORE_UNAVAILABLE', async () => {
    const failure = await openDatabase({ kind: 'postgres', url: 'postgres://nobody@127.0.0.1:1/none' }).catch(
      (error: unknown) => error,
    );
    expect(failure).toMatchObject({ code: 'STORE_UNAVAILABLE' });
  });
});
