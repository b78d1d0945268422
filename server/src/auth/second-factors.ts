import { randomInt } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import { AppError } from '../errors.ts';
import type { Database } from '../store/database.ts';
import type { SecretBox } from './secret-box.ts';
import { hashToken, newToken } from './secrets.ts';

export interface SecondFactorsOptions {
  /** Seals the TOTP secrets; the database holds them only sealed. */
  box: SecretBox;
  /** The issuer an authenticator app shows beside the account. */
  issuer?: string;
  /** How long the step between a right password and the code may take. */
  challengeTtlMs?: number;
  now?: () => number;
}

/** What an authenticator app needs, shown once at enrolment. */
export interface Enrolment {
  /** The secret in base32, to type in when the URI cannot be scanned. */
  secret: string;
  /** otpauth://totp/… with issuer, account, algorithm, digits and period. */
  uri: string;
}

export type SecondFactorMethod = 'totp' | 'recovery-code';

/** How many recovery codes an enrolment hands out. */
export const recoveryCodeCount = 10;
// RFC 6238 defaults, which every authenticator app understands.
const totpParameters = { algorithm: 'SHA1', digits: 6, period: 30 } as const;
/** A code of the step before or after is accepted too: clocks drift, people type slowly. */
const totpWindow = 1;
// No 0/o, 1/l/i: the codes are printed and typed back by hand.
const recoveryAlphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
/** 16 letters of 31: about 79 bits, so storing its SHA-256 is enough. */
const recoveryCodeLength = 16;

/**
 * TOTP second factors of staff accounts (RFC 6238 through otpauth) and their single-use recovery
 * codes. A secret is stored sealed, and counts only once a first code confirmed it; a code is
 * accepted once (its step is remembered). Recovery codes are stored as hashes. Between the right
 * password and the code a login is a challenge: a bearer token, stored as its hash, bound to the
 * account and the address the password came from.
 */
export class SecondFactors {
  readonly #db: Database;
  readonly #box: SecretBox;
  readonly #issuer: string;
  readonly #challengeTtlMs: number;
  readonly #now: () => number;

  constructor(db: Database, options: SecondFactorsOptions) {
    this.#db = db;
    this.#box = options.box;
    this.#issuer = options.issuer ?? 'madoguchi';
    this.#challengeTtlMs = options.challengeTtlMs ?? 5 * 60_000;
    this.#now = options.now ?? Date.now;
  }

  /**
   * A fresh secret for the account, replacing one not yet confirmed; refused (INVALID_STATE) while
   * a confirmed one exists (an administrator resets it first).
   */
  async beginEnrolment(staffId: string): Promise<Enrolment> {
    const existing = await this.#row(staffId);
    if (existing?.confirmed_at != null)
      throw AppError.invalidState(`${staffId} already has a second factor; an administrator can reset it`);
    const secret = new Secret({ size: 20 });
    const sealed = this.#box.seal(secret.base32, staffId);
    await this.#db
      .insertInto('staff_second_factors')
      .values({ staff_id: staffId, secret_sealed: sealed, created_at: this.#now(), confirmed_at: null })
      .onConflict((conflict) =>
        conflict.column('staff_id').doUpdateSet({ secret_sealed: sealed, created_at: this.#now() }),
      )
      .execute();
    return { secret: secret.base32, uri: this.#totp(staffId, secret).toString() };
  }

  /**
   * The first code proves the app holds the secret: from then on the account needs a code at
   * login. Returns the recovery codes, in clear this once. A wrong code is refused
   * (SECOND_FACTOR_REJECTED) and leaves the enrolment pending.
   */
  async confirmEnrolment(staffId: string, code: string): Promise<string[]> {
    const row = await this.#row(staffId);
    if (!row || row.confirmed_at !== null)
      throw AppError.invalidState(`${staffId} has no enrolment waiting for its first code`);
    const step = this.#acceptedStep(staffId, row.secret_sealed, code, null);
    if (step === null) throw rejected('the code does not match the new secret');
    const now = this.#now();
    const codes = Array.from({ length: recoveryCodeCount }, newRecoveryCode);
    await this.#db.transaction().execute(async (trx) => {
      const confirmed = await trx
        .updateTable('staff_second_factors')
        .set({ confirmed_at: now, last_used_step: step })
        .where('staff_id', '=', staffId)
        .where('confirmed_at', 'is', null)
        .where('secret_sealed', '=', row.secret_sealed)
        .executeTakeFirst();
      if (confirmed.numUpdatedRows === 0n)
        throw AppError.invalidState(`the enrolment of ${staffId} changed meanwhile`);
      await trx.deleteFrom('staff_recovery_codes').where('staff_id', '=', staffId).execute();
      await trx
        .insertInto('staff_recovery_codes')
        .values(
          codes.map((recoveryCode) => ({
            staff_id: staffId,
            code_hash: hashToken(normalisedRecoveryCode(recoveryCode)),
            created_at: now,
          })),
        )
        .execute();
    });
    return codes;
  }

  /**
   * Accepts a current TOTP code not used before, or an unused recovery code (which is then used
   * up); refuses anything else with SECOND_FACTOR_REJECTED. Counting failures is the caller's.
   */
  async verify(staffId: string, code: string): Promise<SecondFactorMethod> {
    const row = await this.#row(staffId);
    if (!row || row.confirmed_at === null) throw rejected(`${staffId} has no second factor`);
    const typed = code.trim();
    if (/^\d{6}$/.test(typed)) {
      const step = this.#acceptedStep(staffId, row.secret_sealed, typed, row.last_used_step);
      if (step === null) throw rejected('the code is wrong or was used already');
      // Only a later step than the last one used gets in, even when two logins race.
      const taken = await this.#db
        .updateTable('staff_second_factors')
        .set({ last_used_step: step })
        .where('staff_id', '=', staffId)
        .where((where) => where.or([where('last_used_step', 'is', null), where('last_used_step', '<', step)]))
        .executeTakeFirst();
      if (taken.numUpdatedRows === 0n) throw rejected('the code was used already');
      return 'totp';
    }
    const used = await this.#db
      .updateTable('staff_recovery_codes')
      .set({ used_at: this.#now() })
      .where('staff_id', '=', staffId)
      .where('code_hash', '=', hashToken(normalisedRecoveryCode(typed)))
      .where('used_at', 'is', null)
      .executeTakeFirst();
    if (used.numUpdatedRows === 0n) throw rejected('the recovery code is wrong or was used already');
    return 'recovery-code';
  }

  /** Recovery codes not used yet, or null without a confirmed second factor. */
  async remainingRecoveryCodes(staffId: string): Promise<number | null> {
    const row = await this.#row(staffId);
    if (!row || row.confirmed_at === null) return null;
    const count = await this.#db
      .selectFrom('staff_recovery_codes')
      .select((row) => row.fn.countAll<number>().as('n'))
      .where('staff_id', '=', staffId)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    return Number(count?.n ?? 0);
  }

  /** Removes the account's second factor and recovery codes; whether there was one. */
  async reset(staffId: string): Promise<boolean> {
    return this.#db.transaction().execute(async (trx) => {
      await trx.deleteFrom('staff_recovery_codes').where('staff_id', '=', staffId).execute();
      await trx.deleteFrom('login_challenges').where('staff_id', '=', staffId).execute();
      const removed = await trx
        .deleteFrom('staff_second_factors')
        .where('staff_id', '=', staffId)
        .executeTakeFirst();
      return removed.numDeletedRows > 0n;
    });
  }

  /** The step between a right password and the code. */
  async createChallenge(staffId: string, address: string): Promise<{ token: string; expiresAt: number }> {
    const token = newToken();
    const now = this.#now();
    const expiresAt = now + this.#challengeTtlMs;
    await this.#db.deleteFrom('login_challenges').where('expires_at', '<', now).execute();
    await this.#db
      .insertInto('login_challenges')
      .values({
        token_hash: hashToken(token),
        staff_id: staffId,
        address,
        created_at: now,
        expires_at: expiresAt,
      })
      .execute();
    return { token, expiresAt };
  }

  /** The account of a live, unused challenge from this address, or undefined. */
  async challengeOf(token: string, address: string): Promise<string | undefined> {
    const row = await this.#db
      .selectFrom('login_challenges')
      .select('staff_id')
      .where('token_hash', '=', hashToken(token))
      .where('address', '=', address)
      .where('used_at', 'is', null)
      .where('expires_at', '>', this.#now())
      .executeTakeFirst();
    return row?.staff_id;
  }

  /** Uses the challenge up; false if another request did first. */
  async completeChallenge(token: string): Promise<boolean> {
    const result = await this.#db
      .updateTable('login_challenges')
      .set({ used_at: this.#now() })
      .where('token_hash', '=', hashToken(token))
      .where('used_at', 'is', null)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  #row(staffId: string) {
    return this.#db
      .selectFrom('staff_second_factors')
      .select(['secret_sealed', 'confirmed_at', 'last_used_step'])
      .where('staff_id', '=', staffId)
      .executeTakeFirst();
  }

  #totp(staffId: string, secret: Secret): TOTP {
    return new TOTP({ issuer: this.#issuer, label: staffId, secret, ...totpParameters });
  }

  /** The step the code belongs to, if it is right for now (± the window) and later than `lastStep`. */
  #acceptedStep(staffId: string, sealed: string, code: string, lastStep: number | null): number | null {
    if (!/^\d{6}$/.test(code.trim())) return null;
    const totp = this.#totp(staffId, Secret.fromBase32(this.#box.open(sealed, staffId)));
    const timestamp = this.#now();
    const delta = totp.validate({ token: code.trim(), timestamp, window: totpWindow });
    if (delta === null) return null;
    const step = totp.counter({ timestamp }) + delta;
    return lastStep !== null && step <= Number(lastStep) ? null : step;
  }
}

function newRecoveryCode(): string {
  let code = '';
  for (let i = 0; i < recoveryCodeLength; i += 1) {
    if (i > 0 && i % 4 === 0) code += '-';
    code += recoveryAlphabet[randomInt(recoveryAlphabet.length)];
  }
  return code;
}

/** As typed back: hyphens, spaces and capitals do not matter. */
function normalisedRecoveryCode(code: string): string {
  return code.toLowerCase().replace(/[\s-]/g, '');
}

function rejected(message: string): AppError {
  return new AppError('SECOND_FACTOR_REJECTED', message);
}
