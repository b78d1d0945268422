import type { Logger } from 'pino';
import type { Database } from './database.ts';
import type { QueueEventStore } from './queue-event-store.ts';

const batchSize = 500;

/**
 * When the records live in PostgreSQL, the queue's events — callers queued, offers, clerks'
 * state changes — are copied there from the local journal, in order and each once, so the city's
 * analyses see them beside the consultations. Copying runs after each change and at start; a
 * failed copy is logged and simply resumes from the archive's last event next time.
 */
export class QueueEventArchive {
  readonly #journal: QueueEventStore;
  readonly #db: Database;
  readonly #log: Logger;
  #running: Promise<void> | undefined;
  #isWanted = false;

  constructor(journal: QueueEventStore, db: Database, log: Logger) {
    this.#journal = journal;
    this.#db = db;
    this.#log = log;
  }

  /** Asks for a catch-up; requests made while one runs are folded into one more run. */
  schedule(): void {
    this.#isWanted = true;
    this.#running ??= this.#drain().finally(() => (this.#running = undefined));
  }

  /** Resolves when nothing is left to copy (or the last attempt failed and was logged). */
  async settled(): Promise<void> {
    while (this.#running) await this.#running;
  }

  /** Copies every journal event the archive does not have yet; returns how many. */
  catchUp(): Promise<number> {
    return archiveJournal(this.#journal, this.#db);
  }

  async #drain(): Promise<void> {
    while (this.#isWanted) {
      this.#isWanted = false;
      try {
        await this.catchUp();
      } catch (error) {
        this.#log.error({ err: error }, 'queue events could not be archived; will retry on the next change');
        return;
      }
    }
  }
}

/** Copies into `db`'s archive every event of `journal` it does not have yet; returns how many. */
export async function archiveJournal(journal: QueueEventStore, db: Database): Promise<number> {
  const last = await db
    .selectFrom('queue_event_archive')
    .select((row) => row.fn.max('seq').as('seq'))
    .where('journal_id', '=', journal.journalId)
    .executeTakeFirst();
  let after = Number(last?.seq ?? 0);
  let copied = 0;
  for (;;) {
    const rows = journal.rowsAfter(after, batchSize);
    if (rows.length === 0) return copied;
    await db
      .insertInto('queue_event_archive')
      .values(rows.map((row) => ({ journal_id: journal.journalId, ...row })))
      .onConflict((conflict) => conflict.columns(['journal_id', 'seq']).doNothing())
      .execute();
    copied += rows.length;
    after = rows.at(-1)!.seq;
  }
}
