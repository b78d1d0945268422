import type { Database } from '../store/database.ts';
import { hashToken, newToken } from './secrets.ts';

export interface StaffSession {
  staffId: string;
  csrfToken: string;
  expiresAt: number;
  /** Identifies the session in logs and to the socket server without being a credential. */
  key: string;
}

export interface StaffSessionsOptions {
  /** Absolute lifetime of a login, however busy. */
  ttlMs: number;
  /** A session without a request or socket command for this long ends. */
  idleMs: number;
  now?: () => number;
}

/** Login sessions, identified by a cookie token stored only as its hash. */
export class StaffSessions {
  readonly #db: Database;
  readonly #ttlMs: number;
  readonly #idleMs: number;
  // Activity is written at most this often per session: a busy console does not write each request.
  readonly #touchEveryMs: number;
  readonly #now: () => number;

  constructor(db: Database, options: StaffSessionsOptions) {
    this.#db = db;
    this.#ttlMs = options.ttlMs;
    this.#idleMs = options.idleMs;
    this.#touchEveryMs = Math.min(60_000, Math.floor(options.idleMs / 10));
    this.#now = options.now ?? Date.now;
  }

  async create(staffId: string): Promise<StaffSession & { token: string }> {
    const token = newToken();
    const csrfToken = newToken();
    const now = this.#now();
    const expiresAt = now + this.#ttlMs;
    const key = hashToken(token);
    await this.#db
      .insertInto('staff_sessions')
      .values({
        token_hash: key,
        staff_id: staffId,
        csrf_token: csrfToken,
        created_at: now,
        expires_at: expiresAt,
        last_seen_at: now,
      })
      .execute();
    return { token, staffId, csrfToken, expiresAt, key };
  }

  /** The live session of a token (not revoked, not expired, not idle too long), marked as used now. */
  async find(token: string): Promise<StaffSession | undefined> {
    const key = hashToken(token);
    const session = await this.#findLive(key);
    if (session) await this.touch(key, session.lastSeenAt);
    return (
      session && { staffId: session.staffId, csrfToken: session.csrfToken, expiresAt: session.expiresAt, key }
    );
  }

  /** Whether the session of this key is still live, without counting as activity. */
  async isLive(key: string): Promise<boolean> {
    return (await this.#findLive(key)) !== undefined;
  }

  /** Records activity on the session (a socket command), unless it was recorded a moment ago. */
  async touch(key: string, lastSeenAt?: number): Promise<void> {
    const now = this.#now();
    if (lastSeenAt !== undefined && now - lastSeenAt < this.#touchEveryMs) return;
    await this.#db
      .updateTable('staff_sessions')
      .set({ last_seen_at: now })
      .where('token_hash', '=', key)
      .where('revoked_at', 'is', null)
      .where('last_seen_at', '<', now - this.#touchEveryMs)
      .execute();
  }

  async revoke(token: string): Promise<void> {
    await this.#db
      .updateTable('staff_sessions')
      .set({ revoked_at: this.#now() })
      .where('token_hash', '=', hashToken(token))
      .where('revoked_at', 'is', null)
      .execute();
  }

  /** Every session of the staff member ends (except the one of `exceptKey`, when given). */
  async revokeAll(staffId: string, options: { exceptKey?: string } = {}): Promise<number> {
    let query = this.#db
      .updateTable('staff_sessions')
      .set({ revoked_at: this.#now() })
      .where('staff_id', '=', staffId)
      .where('revoked_at', 'is', null);
    if (options.exceptKey !== undefined) query = query.where('token_hash', '!=', options.exceptKey);
    const result = await query.executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  async #findLive(key: string) {
    const now = this.#now();
    const row = await this.#db
      .selectFrom('staff_sessions')
      .select(['staff_id', 'csrf_token', 'expires_at', 'last_seen_at', 'created_at'])
      .where('token_hash', '=', key)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', now)
      .executeTakeFirst();
    if (!row) return undefined;
    const lastSeenAt = row.last_seen_at ?? row.created_at;
    if (now - lastSeenAt >= this.#idleMs) return undefined;
    return { staffId: row.staff_id, csrfToken: row.csrf_token, expiresAt: row.expires_at, lastSeenAt };
  }
}
