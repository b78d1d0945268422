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

  async recent(limit = 100): Promise<AuditLogEntry[]> {
    const rows = await this.#db
      .selectFrom('audit_log')
      .select(['seq', 'at', 'actor', 'action', 'subject', 'details'])
      .orderBy('seq', 'desc')
      .limit(limit)
      .execute();
    return rows.map(({ seq, details, ...entry }) => ({ ...entry, details: detailsOf(seq, details) }));
  }
}

export interface AuditLogEntry {
  at: number;
  actor: string;
  action: string;
  subject: string | null;
  details: Record<string, unknown> | null;
}

/** Details as recorded; a row whose details are not a JSON object shows their text, flagged. */
function detailsOf(seq: number, text: string | null): Record<string, unknown> | null {
  if (text === null) return null;
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed))
      return parsed as Record<string, unknown>;
  } catch {
    // Shown as text below.
  }
  return { unreadable: `entry ${seq}: ${text.slice(0, 200)}` };
}
