import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, StoreError } from './database.ts';
import { migrations } from './migrations.ts';
import { QueueEventStore } from './queue-event-store.ts';

describe('QueueEventStore on a real SQLite file', () => {
  let dir: string;
  let file: string;

  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'madoguchi-store-'));
    file = path.join(dir, 'db', 'madoguchi.db');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps events in order across a reopen', () => {
    const db = openDatabase(file);
    new QueueEventStore(db).append([
      { type: 'clerk-signed-in', at: 1 },
      { type: 'caller-enqueued', at: 2 },
    ]);
    new QueueEventStore(db).append([{ type: 'offer-made', at: 3 }]);
    db.close();

    const reopened = openDatabase(file);
    const store = new QueueEventStore(reopened);
    expect(store.loadAll()).toEqual([
      { type: 'clerk-signed-in', at: 1 },
      { type: 'caller-enqueued', at: 2 },
      { type: 'offer-made', at: 3 },
    ]);
    expect(store.count).toBe(3);
    reopened.close();
  });

  it('stores a command whole or not at all', () => {
    const db = openDatabase(file);
    const store = new QueueEventStore(db);
    store.append([{ type: 'kept', at: 1 }]);
    const broken = { type: 'bad', at: 2, toJSON: () => undefined } as unknown as { type: string; at: number };
    // The second event's payload serialises to undefined, which the NOT NULL column refuses.
    expect(() => store.append([{ type: 'lost', at: 2 }, broken])).toThrow();
    expect(store.loadAll()).toEqual([{ type: 'kept', at: 1 }]);
    db.close();
  });

  it('applies migrations once, however often it is opened', () => {
    openDatabase(file).close();
    const db = openDatabase(file);
    const rows = db.prepare('SELECT version FROM schema_migrations').all();
    expect(rows).toHaveLength(migrations.length);
    expect(migrations.length).toBeGreaterThan(0);
    db.close();
  });

  it('reports a migration that fails with its code and leaves no half-applied schema', () => {
    expect(() =>
      openDatabase(file, [{ version: 1, name: 'broken', sql: 'CREATE TABLE ok (x); CREATE TABLE (' }]),
    ).toThrow(StoreError);
    const db = openDatabase(file, []);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'ok'").all();
    expect(tables).toEqual([]);
    db.close();
  });

  it('names the row of a corrupt event', () => {
    const db = openDatabase(file);
    db.prepare("INSERT INTO queue_events (at, type, payload) VALUES (1, 'x', '{not json')").run();
    expect(() => new QueueEventStore(db).loadAll()).toThrow(/queue event 1 is not valid JSON/);
    db.close();
  });
});
