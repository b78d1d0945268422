import type { Database } from '../store/database.ts';
import { AppError } from '../errors.ts';
import { hashToken, newEnrollmentCode, newToken } from './secrets.ts';

/**
 * A kiosk is enrolled once: an administrator creates a short-lived code for a kiosk id, an
 * operator types it into the kiosk's settings, and the kiosk receives a device credential bound to
 * that kiosk id. Credentials can be revoked (a stolen kiosk).
 */
export class KioskEnrollment {
  readonly #db: Database;
  readonly #codeTtlMs: number;
  readonly #now: () => number;

  constructor(db: Database, options: { codeTtlMs?: number; now?: () => number } = {}) {
    this.#db = db;
    this.#codeTtlMs = options.codeTtlMs ?? 10 * 60_000;
    this.#now = options.now ?? Date.now;
  }

  async createCode(kioskId: string, createdBy: string): Promise<{ code: string; expiresAt: number }> {
    const code = newEnrollmentCode();
    const now = this.#now();
    const expiresAt = now + this.#codeTtlMs;
    await this.#db
      .insertInto('kiosk_enrollment_codes')
      .values({
        code_hash: hashToken(code),
        kiosk_id: kioskId,
        created_by: createdBy,
        created_at: now,
        expires_at: expiresAt,
      })
      .execute();
    return { code, expiresAt };
  }

  /** Trades a valid, unused code for a device credential; the code cannot be used again. */
  async enroll(code: string): Promise<{ kioskId: string; credential: string }> {
    const now = this.#now();
    const credential = newToken();
    const kioskId = await this.#db.transaction().execute(async (trx) => {
      // Marking the code used is the claim: of two concurrent enrollments only one updates it.
      const claimed = await trx
        .updateTable('kiosk_enrollment_codes')
        .set({ used_at: now })
        .where('code_hash', '=', hashToken(code))
        .where('used_at', 'is', null)
        .where('expires_at', '>', now)
        .returning('kiosk_id')
        .executeTakeFirst();
      if (!claimed) return undefined;
      // One credential per kiosk: whoever held the old one (a kiosk replaced, a copied disk) is out.
      await trx
        .updateTable('kiosk_credentials')
        .set({ revoked_at: now })
        .where('kiosk_id', '=', claimed.kiosk_id)
        .where('revoked_at', 'is', null)
        .execute();
      await trx
        .insertInto('kiosk_credentials')
        .values({ token_hash: hashToken(credential), kiosk_id: claimed.kiosk_id, created_at: now })
        .execute();
      return claimed.kiosk_id;
    });
    if (kioskId === undefined) {
      throw new AppError('UNAUTHENTICATED', 'this enrollment code is wrong, used or expired');
    }
    return { kioskId, credential };
  }

  /** The kiosk id a credential belongs to, unless revoked. */
  async verify(credential: string): Promise<string | undefined> {
    const row = await this.#db
      .selectFrom('kiosk_credentials')
      .select('kiosk_id')
      .where('token_hash', '=', hashToken(credential))
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return row?.kiosk_id;
  }

  async isEnrolled(kioskId: string): Promise<boolean> {
    const row = await this.#db
      .selectFrom('kiosk_credentials')
      .select('kiosk_id')
      .where('kiosk_id', '=', kioskId)
      .where('revoked_at', 'is', null)
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Every credential of the kiosk stops working, and so does every code not yet used for it. */
  async revoke(kioskId: string): Promise<number> {
    const now = this.#now();
    await this.#db
      .updateTable('kiosk_enrollment_codes')
      .set({ expires_at: now })
      .where('kiosk_id', '=', kioskId)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .execute();
    const result = await this.#db
      .updateTable('kiosk_credentials')
      .set({ revoked_at: now })
      .where('kiosk_id', '=', kioskId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }
}
