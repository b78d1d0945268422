import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from './database.ts';
import { QueueEventStore } from './queue-event-store.ts';

describe('QueueEventStore on a real SQLite file', () => {
  let dir: string;
  let file: string;

  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'madoguchi-store-'));
    file = path.join(dir, 'db', 'queue-journal.db');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps events in order across a reopen', () => {
    const store = QueueEventStore.open(file);
    store.append([
      { type: 'clerk-signed-in', at: 1 },
      { type: 'caller-enqueued', at: 2 },
    ]);
    store.append([{ type: 'offer-made', at: 3 }]);
    store.close();

    const reopened = QueueEventStore.open(file);
    expect(reopened.loadAll()).toEqual([
      { type: 'clerk-signed-in', at: 1 },
      { type: 'caller-enqueued', at: 2 },
      { type: 'offer-made', at: 3 },
    ]);
    expect(reopened.count).toBe(3);
    reopened.close();
  });

  it('stores a command whole or not at all', () => {
    const store = QueueEventStore.open(file);
    store.append([{ type: 'kept', at: 1 }]);
    const broken = { type: 'bad', at: 2, toJSON: () => undefined } as unknown as { type: string; at: number };
    // The second event's payload serialises to undefined, which the NOT NULL column refuses.
    expect(() => store.append([{ type: 'lost', at: 2 }, broken])).toThrow();
    expect(store.loadAll()).toEqual([{ type: 'kept', at: 1 }]);
    store.close();
  });

  it('shares the embedded database file: events written before keep their place', async () => {
    const db = await openDatabase({ kind: 'sqlite', file });
    await db.destroy();
    const store = QueueEventStore.open(file);
    store.append([{ type: 'clerk-signed-in', at: 1 }]);
    store.close();
    const reopened = await openDatabase({ kind: 'sqlite', file });
    const rows = await reopened.selectFrom('queue_events').select(['seq', 'type']).execute();
    expect(rows).toEqual([{ seq: 1, type: 'clerk-signed-in' }]);
    await reopened.destroy();
  });

  it('names the row of a corrupt event', () => {
    QueueEventStore.open(file).close();
    const raw = new DatabaseSync(file);
    raw.prepare("INSERT INTO queue_events (at, type, payload) VALUES (1, 'x', '{not json')").run();
    raw.close();
    const store = QueueEventStore.open(file);
    expect(() => store.loadAll()).toThrow(/queue event 1 is not valid JSON/);
    store.close();
  });
});
