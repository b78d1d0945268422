import type { DatabaseSync } from 'node:sqlite';
import { AppError } from '../errors.ts';
import { hashToken, newEnrollmentCode, newToken } from './secrets.ts';

/**
 * A kiosk is enrolled once: an administrator creates a short-lived code for a kiosk id, an
 * operator types it into the kiosk's settings, and the kiosk receives a device credential bound to
 * that kiosk id. Credentials can be revoked (a stolen kiosk).
 */
export class KioskEnrollment {
  readonly #db: DatabaseSync;
  readonly #codeTtlMs: number;
  readonly #now: () => number;

  constructor(db: DatabaseSync, options: { codeTtlMs?: number; now?: () => number } = {}) {
    this.#db = db;
    this.#codeTtlMs = options.codeTtlMs ?? 10 * 60_000;
    this.#now = options.now ?? Date.now;
  }

  createCode(kioskId: string, createdBy: string): { code: string; expiresAt: number } {
    const code = newEnrollmentCode();
    const now = this.#now();
    const expiresAt = now + this.#codeTtlMs;
    this.#db
      .prepare(
        'INSERT INTO kiosk_enrollment_codes (code_hash, kiosk_id, created_by, created_at, expires_at) VALUES (?, ?, ?, ?, ?)',
      )
      .run(hashToken(code), kioskId, createdBy, now, expiresAt);
    return { code, expiresAt };
  }

  /** Trades a valid, unused code for a device credential; the code cannot be used again. */
  enroll(code: string): { kioskId: string; credential: string } {
    const now = this.#now();
    const row = this.#db
      .prepare(
        'SELECT kiosk_id FROM kiosk_enrollment_codes WHERE code_hash = ? AND used_at IS NULL AND expires_at > ?',
      )
      .get(hashToken(code), now);
    if (!row) throw new AppError('UNAUTHENTICATED', 'this enrollment code is wrong, used or expired');
    const kioskId = String(row.kiosk_id);
    const credential = newToken();
    this.#db.exec('BEGIN IMMEDIATE');
    try {
      this.#db
        .prepare('UPDATE kiosk_enrollment_codes SET used_at = ? WHERE code_hash = ?')
        .run(now, hashToken(code));
      this.#db
        .prepare('INSERT INTO kiosk_credentials (token_hash, kiosk_id, created_at) VALUES (?, ?, ?)')
        .run(hashToken(credential), kioskId, now);
      this.#db.exec('COMMIT');
    } catch (error) {
      this.#db.exec('ROLLBACK');
      throw error;
    }
    return { kioskId, credential };
  }

  /** The kiosk id a credential belongs to, unless revoked. */
  verify(credential: string): string | undefined {
    const row = this.#db
      .prepare('SELECT kiosk_id FROM kiosk_credentials WHERE token_hash = ? AND revoked_at IS NULL')
      .get(hashToken(credential));
    return row ? String(row.kiosk_id) : undefined;
  }

  isEnrolled(kioskId: string): boolean {
    return (
      this.#db
        .prepare('SELECT 1 FROM kiosk_credentials WHERE kiosk_id = ? AND revoked_at IS NULL LIMIT 1')
        .get(kioskId) !== undefined
    );
  }

  /** Every credential of the kiosk stops working. */
  revoke(kioskId: string): number {
    return Number(
      this.#db
        .prepare('UPDATE kiosk_credentials SET revoked_at = ? WHERE kiosk_id = ? AND revoked_at IS NULL')
        .run(this.#now(), kioskId).changes,
    );
  }
}
