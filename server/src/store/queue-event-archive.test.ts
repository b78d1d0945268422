import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from './database.ts';
import { QueueEventArchive } from './queue-event-archive.ts';
import { QueueEventStore } from './queue-event-store.ts';
import { openTestDatabase, testDatabaseKinds, type OpenTestDatabase } from './testing.ts';

describe.each(testDatabaseKinds())('QueueEventArchive into %s', (kind) => {
  let dir: string;
  let database: OpenTestDatabase;
  let db: Database;
  const journals: QueueEventStore[] = [];
  const journal = (name: string) => {
    const opened = QueueEventStore.open(path.join(dir, `${name}.db`));
    journals.push(opened);
    return opened;
  };
  const archived = () =>
    db
      .selectFrom('queue_event_archive')
      .select(['journal_id', 'seq', 'type'])
      .orderBy('at')
      .orderBy('seq')
      .execute();

  beforeEach(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'madoguchi-archive-'));
    database = await openTestDatabase(kind);
    db = database.db;
  });
  afterEach(async () => {
    for (const opened of journals.splice(0)) opened.close();
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('copies the journal in order, each event once, and then only what is new', async () => {
    const first = journal('first');
    const archive = new QueueEventArchive(first, db, pino({ level: 'silent' }));
    first.append([
      { type: 'clerk-signed-in', at: 1 },
      { type: 'caller-enqueued', at: 2 },
    ]);
    expect(await archive.catchUp()).toBe(2);
    expect(await archive.catchUp()).toBe(0);
    first.append([{ type: 'offer-made', at: 3 }]);
    expect(await archive.catchUp()).toBe(1);
    expect(await archived()).toEqual([
      { journal_id: first.journalId, seq: 1, type: 'clerk-signed-in' },
      { journal_id: first.journalId, seq: 2, type: 'caller-enqueued' },
      { journal_id: first.journalId, seq: 3, type: 'offer-made' },
    ]);
  });

  it('keeps the events of a new journal (another machine) apart from the old one’s', async () => {
    const old = journal('old');
    const replacement = journal('new');
    expect(replacement.journalId).not.toBe(old.journalId);
    old.append([{ type: 'from-old', at: 1 }]);
    replacement.append([{ type: 'from-new', at: 2 }]);
    await new QueueEventArchive(old, db, pino({ level: 'silent' })).catchUp();
    await new QueueEventArchive(replacement, db, pino({ level: 'silent' })).catchUp();
    expect((await archived()).map((row) => [row.seq, row.type])).toEqual([
      [1, 'from-old'],
      [1, 'from-new'],
    ]);
  });

  it('copies a long journal in batches, and scheduled runs fold into one', async () => {
    const long = journal('long');
    long.append(Array.from({ length: 1_234 }, (_, i) => ({ type: 'tick', at: i })));
    const archive = new QueueEventArchive(long, db, pino({ level: 'silent' }));
    archive.schedule();
    archive.schedule();
    archive.schedule();
    await archive.settled();
    expect(await archived()).toHaveLength(1_234);
  });

  it('survives a failed copy and resumes from what the archive has', async () => {
    const flaky = journal('flaky');
    const lines: string[] = [];
    const log = pino({ level: 'error' }, { write: (line: string) => lines.push(line) });
    flaky.append([{ type: 'kept', at: 1 }]);
    const closed = await openDatabase(database.location);
    await closed.destroy();
    const failing = new QueueEventArchive(flaky, closed, log);
    failing.schedule();
    await failing.settled();
    expect(lines.join('')).toContain('queue events could not be archived');
    expect(await new QueueEventArchive(flaky, db, pino({ level: 'silent' })).catchUp()).toBe(1);
  });
});
