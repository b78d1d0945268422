import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import { StoreError } from './database.ts';

/** Any event with a type and a time; the routing engine's events are of this shape. */
export interface StoredEvent {
  type: string;
  at: number;
}

/**
 * The routing queue's event log. `append` writes a command's events in one transaction, so a
 * command is stored whole or not at all; `loadAll` returns them in order for a rebuild.
 *
 * It is always a local SQLite file written synchronously: the routing engine is one in-process
 * state machine, and a command counts as done only once its events are on disk, with no network
 * round trip and no other command in between. With the default embedded database it is that
 * file's `queue_events` table; with PostgreSQL it is a journal file beside the server.
 */
export class QueueEventStore {
  /** Opens the log in `file`, creating its table if the file has none yet. */
  static open(file: string): QueueEventStore {
    mkdirSync(path.dirname(file), { recursive: true });
    const db = new DatabaseSync(file);
    db.exec(`
      PRAGMA journal_mode = WAL;
      PRAGMA synchronous = FULL;
      PRAGMA busy_timeout = 5000;
      CREATE TABLE IF NOT EXISTS queue_events (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        at INTEGER NOT NULL,
        type TEXT NOT NULL,
        payload TEXT NOT NULL
      );
      CREATE TABLE IF NOT EXISTS queue_journal (journal_id TEXT NOT NULL);
    `);
    // A journal's own id tells its events apart from another journal's (say, after a move to a
    // new machine) wherever they are archived.
    let journalId = db.prepare('SELECT journal_id FROM queue_journal').get()?.journal_id;
    if (journalId === undefined) {
      journalId = randomUUID();
      db.prepare('INSERT INTO queue_journal (journal_id) VALUES (?)').run(journalId);
    }
    return new QueueEventStore(db, String(journalId));
  }

  readonly journalId: string;
  readonly #db: DatabaseSync;
  readonly #insert: StatementSync;
  readonly #selectAll: StatementSync;
  readonly #selectAfter: StatementSync;

  private constructor(db: DatabaseSync, journalId: string) {
    this.#db = db;
    this.journalId = journalId;
    this.#insert = db.prepare('INSERT INTO queue_events (at, type, payload) VALUES (?, ?, ?)');
    this.#selectAll = db.prepare('SELECT seq, payload FROM queue_events ORDER BY seq');
    this.#selectAfter = db.prepare(
      'SELECT seq, at, type, payload FROM queue_events WHERE seq > ? ORDER BY seq LIMIT ?',
    );
  }

  append(events: readonly StoredEvent[]): void {
    if (events.length === 0) return;
    this.#db.exec('BEGIN IMMEDIATE');
    try {
      for (const event of events) this.#insert.run(event.at, event.type, JSON.stringify(event));
      this.#db.exec('COMMIT');
    } catch (error) {
      this.#db.exec('ROLLBACK');
      throw error;
    }
  }

  /** Every stored event, oldest first, as parsed JSON (the engine validates each on rebuild). */
  loadAll(): unknown[] {
    return this.#selectAll.all().map((row) => {
      try {
        return JSON.parse(String(row.payload)) as unknown;
      } catch (error) {
        throw new StoreError('STORE_CORRUPT', `queue event ${String(row.seq)} is not valid JSON`, {
          cause: error,
        });
      }
    });
  }

  /** Stored rows after `seq`, oldest first, at most `limit` (for the archive to catch up). */
  rowsAfter(seq: number, limit: number): { seq: number; at: number; type: string; payload: string }[] {
    return this.#selectAfter.all(seq, limit).map((row) => ({
      seq: Number(row.seq),
      at: Number(row.at),
      type: String(row.type),
      payload: String(row.payload),
    }));
  }

  close(): void {
    this.#db.close();
  }

  get count(): number {
    const row = this.#db.prepare('SELECT COUNT(*) AS n FROM queue_events').get();
    return Number(row?.n ?? 0);
  }
}
