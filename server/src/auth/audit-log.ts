import type { DatabaseSync, StatementSync } from 'node:sqlite';

/** Who did what to what, for every security-relevant action. Ids only, never personal data. */
export class AuditLog {
  readonly #insert: StatementSync;
  readonly #db: DatabaseSync;
  readonly #now: () => number;

  constructor(db: DatabaseSync, now: () => number = Date.now) {
    this.#db = db;
    this.#now = now;
    this.#insert = db.prepare(
      'INSERT INTO audit_log (at, actor, action, subject, details) VALUES (?, ?, ?, ?, ?)',
    );
  }

  record(entry: {
    actor: string;
    action: string;
    subject?: string;
    details?: Record<string, unknown>;
  }): void {
    this.#insert.run(
      this.#now(),
      entry.actor,
      entry.action,
      entry.subject ?? null,
      entry.details ? JSON.stringify(entry.details) : null,
    );
  }

  recent(limit = 100): { at: number; actor: string; action: string; subject: string | null }[] {
    return this.#db
      .prepare('SELECT at, actor, action, subject FROM audit_log ORDER BY seq DESC LIMIT ?')
      .all(limit)
      .map((row) => ({
        at: Number(row.at),
        actor: String(row.actor),
        action: String(row.action),
        subject: row.subject === null ? null : String(row.subject),
      }));
  }
}
