import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuditLog } from '../auth/audit-log.ts';
import { StaffAccounts } from '../auth/staff-accounts.ts';
import { tamaCatalog } from '../catalog/seed.ts';
import { generateDemoRecords } from '../demo/demo-records.ts';
import { kpiReport } from '../reports/kpis.ts';
import { copyDatabase } from './copy-database.ts';
import { openDatabase, type Database } from './database.ts';
import { QueueEventStore } from './queue-event-store.ts';
import { openTestDatabase, testDatabaseKinds, type OpenTestDatabase } from './testing.ts';

describe.each(testDatabaseKinds())('copying the embedded SQLite records into %s', (kind) => {
  let dir: string;
  let sourceFile: string;
  let source: Database;
  let journal: QueueEventStore;
  let database: OpenTestDatabase;
  let target: Database;

  beforeEach(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'madoguchi-copy-'));
    sourceFile = path.join(dir, 'madoguchi.db');
    source = await openDatabase({ kind: 'sqlite', file: sourceFile });
    journal = QueueEventStore.open(sourceFile);
    database = await openTestDatabase(kind);
    target = database.db;
  });
  afterEach(async () => {
    journal.close();
    await source.destroy();
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('copies every record, keeps the figures identical, and continues the audit sequence', async () => {
    await generateDemoRecords(source, tamaCatalog(), { from: '2026-10-01', to: '2026-11-01', seed: 7 });
    await new StaffAccounts(source).create({
      staffId: 'admin',
      displayName: '管理者',
      role: 'admin',
      password: 'correct horse battery staple',
    });
    const audit = new AuditLog(source);
    await audit.record({ actor: 'admin', action: 'login' });
    await audit.record({ actor: 'admin', action: 'kiosk-revoked', subject: 'seiseki-2' });
    journal.append([
      { type: 'clerk-signed-in', at: 1 },
      { type: 'caller-enqueued', at: 2 },
    ]);

    const counts = await copyDatabase(source, target, { targetDialect: kind, journal });
    expect(counts).toMatchObject({ staff_accounts: 1, audit_log: 2, queue_event_archive: 2 });
    expect(counts.consultations).toBeGreaterThan(900);

    const month = { from: '2026-10-01', to: '2026-11-01', groupBy: 'procedure', isDemo: true } as const;
    expect(await kpiReport(target, month)).toEqual(await kpiReport(source, month));
    expect(
      await new StaffAccounts(target).authenticate('admin', 'correct horse battery staple'),
    ).toMatchObject({
      role: 'admin',
    });
    // New entries follow the copied ones.
    await new AuditLog(target).record({ actor: 'admin', action: 'audit-log-viewed' });
    const entries = await target.selectFrom('audit_log').select(['seq', 'action']).orderBy('seq').execute();
    expect(entries).toEqual([
      { seq: 1, action: 'login' },
      { seq: 2, action: 'kiosk-revoked' },
      { seq: 3, action: 'audit-log-viewed' },
    ]);
    const archived = await target.selectFrom('queue_event_archive').select(['journal_id', 'type']).execute();
    expect(archived).toEqual([
      { journal_id: journal.journalId, type: 'clerk-signed-in' },
      { journal_id: journal.journalId, type: 'caller-enqueued' },
    ]);
  });

  it('refuses a target that already holds records, and changes nothing in it', async () => {
    await new AuditLog(target).record({ actor: 'someone', action: 'login' });
    await new AuditLog(source).record({ actor: 'admin', action: 'login' });
    await expect(copyDatabase(source, target, { targetDialect: kind, journal })).rejects.toMatchObject({
      code: 'STORE_NOT_EMPTY',
    });
    expect(await target.selectFrom('audit_log').select('actor').execute()).toEqual([{ actor: 'someone' }]);
  });
});
