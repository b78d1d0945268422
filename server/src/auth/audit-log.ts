import { auditChainGenesis, auditEntryHash } from '../store/audit-chain.ts';
import type { Database } from '../store/database.ts';

/**
 * Who did what to what, for every security-relevant action. Ids only, never personal data.
 * Append-only (the database refuses updates and deletes) and hash-chained: each entry carries the
 * hash of the one before and its own, so `npm run audit:verify` finds any entry changed, removed
 * or reordered since.
 */
export class AuditLog {
  readonly #db: Database;
  readonly #now: () => number;
  /** Entries are chained one at a time: each needs the hash of the one written before it. */
  #last: Promise<unknown> = Promise.resolve();

  constructor(db: Database, now: () => number = Date.now) {
    this.#db = db;
    this.#now = now;
  }

  record(entry: {
    actor: string;
    action: string;
    subject?: string;
    details?: Record<string, unknown>;
  }): Promise<void> {
    const content = {
      at: this.#now(),
      actor: entry.actor,
      action: entry.action,
      subject: entry.subject ?? null,
      details: entry.details ? JSON.stringify(entry.details) : null,
    };
    const written = this.#last.then(() =>
      this.#db.transaction().execute(async (trx) => {
        const previous = await trx
          .selectFrom('audit_log')
          .select('hash')
          .orderBy('seq', 'desc')
          .limit(1)
          .executeTakeFirst();
        const prevHash = previous?.hash ?? auditChainGenesis;
        await trx
          .insertInto('audit_log')
          .values({ ...content, prev_hash: prevHash, hash: auditEntryHash(prevHash, content) })
          .execute();
      }),
    );
    // A failed write is the caller's to handle; the next one still chains onto the last stored.
    this.#last = written.catch(() => undefined);
    return written;
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

/** The first entry whose chain does not hold, if any. */
export interface AuditChainBreak {
  seq: number;
  reason: string;
}

/**
 * Walks the whole log in order, recomputing each entry's hash from the one before: the first
 * entry changed, removed (the next one names a hash that is not its predecessor's) or inserted
 * is reported.
 */
export async function verifyAuditChain(
  db: Database,
): Promise<{ entries: number; firstBreak: AuditChainBreak | undefined }> {
  let previous = auditChainGenesis;
  let entries = 0;
  let after = -1;
  for (;;) {
    const rows = await db
      .selectFrom('audit_log')
      .select(['seq', 'at', 'actor', 'action', 'subject', 'details', 'prev_hash', 'hash'])
      .where('seq', '>', after)
      .orderBy('seq')
      .limit(1000)
      .execute();
    if (rows.length === 0) return { entries, firstBreak: undefined };
    for (const row of rows) {
      const seq = Number(row.seq);
      if (row.prev_hash !== previous)
        return {
          entries,
          firstBreak: { seq, reason: 'its previous hash is not the hash of the entry before it' },
        };
      const hash = auditEntryHash(previous, row);
      if (row.hash !== hash)
        return { entries, firstBreak: { seq, reason: 'its content does not match its hash' } };
      previous = hash;
      entries++;
      after = seq;
    }
  }
}
