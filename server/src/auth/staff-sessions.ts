import type { DatabaseSync } from 'node:sqlite';
import { hashToken, newToken } from './secrets.ts';

export interface StaffSession {
  staffId: string;
  csrfToken: string;
  expiresAt: number;
}

/** Login sessions, identified by a cookie token stored only as its hash. */
export class StaffSessions {
  readonly #db: DatabaseSync;
  readonly #ttlMs: number;
  readonly #now: () => number;

  constructor(db: DatabaseSync, options: { ttlMs: number; now?: () => number }) {
    this.#db = db;
    this.#ttlMs = options.ttlMs;
    this.#now = options.now ?? Date.now;
  }

  create(staffId: string): StaffSession & { token: string } {
    const token = newToken();
    const csrfToken = newToken();
    const now = this.#now();
    const expiresAt = now + this.#ttlMs;
    this.#db
      .prepare(
        'INSERT INTO staff_sessions (token_hash, staff_id, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)',
      )
      .run(hashToken(token), staffId, csrfToken, now, expiresAt);
    return { token, staffId, csrfToken, expiresAt };
  }

  /** The live session of a token: not revoked, not expired. */
  find(token: string): StaffSession | undefined {
    const row = this.#db
      .prepare(
        'SELECT staff_id, csrf_token, expires_at FROM staff_sessions WHERE token_hash = ? AND revoked_at IS NULL AND expires_at > ?',
      )
      .get(hashToken(token), this.#now());
    if (!row) return undefined;
    return {
      staffId: String(row.staff_id),
      csrfToken: String(row.csrf_token),
      expiresAt: Number(row.expires_at),
    };
  }

  revoke(token: string): void {
    this.#db
      .prepare('UPDATE staff_sessions SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL')
      .run(this.#now(), hashToken(token));
  }

  /** Logout everywhere: every session of the staff member ends. */
  revokeAll(staffId: string): number {
    return Number(
      this.#db
        .prepare('UPDATE staff_sessions SET revoked_at = ? WHERE staff_id = ? AND revoked_at IS NULL')
        .run(this.#now(), staffId).changes,
    );
  }
}
