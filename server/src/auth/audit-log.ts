import type { Database } from '../store/database.ts';

/** Who did what to what, for every security-relevant action. Ids only, never personal data. */
export class AuditLog {
  readonly #db: Database;
  readonly #now: () => number;

  constructor(db: Database, now: () => number = Date.now) {
    this.#db = db;
    this.#now = now;
  }

  async record(entry: {
    actor: string;
    action: string;
    subject?: string;
    details?: Record<string, unknown>;
  }): Promise<void> {
    await this.#db
      .insertInto('audit_log')
      .values({
        at: this.#now(),
        actor: entry.actor,
        action: entry.action,
        subject: entry.subject ?? null,
        details: entry.details ? JSON.stringify(entry.details) : null,
      })
      .execute();
  }

  async recent(
    limit = 100,
  ): Promise<{ at: number; actor: string; action: string; subject: string | null }[]> {
    return this.#db
      .selectFrom('audit_log')
      .select(['at', 'actor', 'action', 'subject'])
      .orderBy('seq', 'desc')
      .limit(limit)
      .execute();
  }
}
