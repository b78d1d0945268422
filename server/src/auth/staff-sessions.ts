import type { Database } from '../store/database.ts';
import { hashToken, newToken } from './secrets.ts';

export interface StaffSession {
  staffId: string;
  csrfToken: string;
  expiresAt: number;
}

/** Login sessions, identified by a cookie token stored only as its hash. */
export class StaffSessions {
  readonly #db: Database;
  readonly #ttlMs: number;
  readonly #now: () => number;

  constructor(db: Database, options: { ttlMs: number; now?: () => number }) {
    this.#db = db;
    this.#ttlMs = options.ttlMs;
    this.#now = options.now ?? Date.now;
  }

  async create(staffId: string): Promise<StaffSession & { token: string }> {
    const token = newToken();
    const csrfToken = newToken();
    const now = this.#now();
    const expiresAt = now + this.#ttlMs;
    await this.#db
      .insertInto('staff_sessions')
      .values({
        token_hash: hashToken(token),
        staff_id: staffId,
        csrf_token: csrfToken,
        created_at: now,
        expires_at: expiresAt,
      })
      .execute();
    return { token, staffId, csrfToken, expiresAt };
  }

  /** The live session of a token: not revoked, not expired. */
  async find(token: string): Promise<StaffSession | undefined> {
    const row = await this.#db
      .selectFrom('staff_sessions')
      .select(['staff_id', 'csrf_token', 'expires_at'])
      .where('token_hash', '=', hashToken(token))
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', this.#now())
      .executeTakeFirst();
    return row && { staffId: row.staff_id, csrfToken: row.csrf_token, expiresAt: row.expires_at };
  }

  async revoke(token: string): Promise<void> {
    await this.#db
      .updateTable('staff_sessions')
      .set({ revoked_at: this.#now() })
      .where('token_hash', '=', hashToken(token))
      .where('revoked_at', 'is', null)
      .execute();
  }

  /** Logout everywhere: every session of the staff member ends. */
  async revokeAll(staffId: string): Promise<number> {
    const result = await this.#db
      .updateTable('staff_sessions')
      .set({ revoked_at: this.#now() })
      .where('staff_id', '=', staffId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }
}
