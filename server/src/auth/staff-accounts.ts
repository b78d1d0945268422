import { randomInt } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { sql } from 'kysely';
import type { StaffRole } from '@madoguchi/shared';
import { demoPassword } from '../demo/demo-identities.ts';
import { AppError } from '../errors.ts';
import type { Database } from '../store/database.ts';

export interface StaffAccount {
  staffId: string;
  displayName: string;
  role: StaffRole;
  /** The booth of on-site staff; null for everyone else. */
  boothId: string | null;
  isDisabled: boolean;
  /** Set by a password reset: the account may do nothing but change it. */
  mustChangePassword: boolean;
  /** A confirmed TOTP second factor: a login needs a code after the password. */
  hasSecondFactor: boolean;
}

export interface StaffAccountsOptions {
  /** Consecutive failures before the account locks. */
  maxFailures?: number;
  /** First lock; each further failure doubles it, up to a day. */
  lockoutMs?: number;
  now?: () => number;
}

/** Passwords shorter than this are refused (a passphrase is easier to remember than symbols). */
export const minimumPasswordLength = 12;

// argon2id with the OWASP-recommended minimum (19 MiB, 2 passes): memory-hard, ~30 ms here.
const hashOptions = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;
/** How long failed logins are remembered, and the longest lock. */
const failureMemoryMs = 86_400_000;
/** The "address" under which wrong current passwords in a password change are counted. */
const passwordChangeAddress = 'password-change';

// Verified against when the account does not exist, so timing does not reveal which ids do.
let decoyHash: Promise<string> | undefined;

/** Staff accounts and password checks with lockout and back-off. */
export class StaffAccounts {
  readonly #db: Database;
  readonly #maxFailures: number;
  readonly #lockoutMs: number;
  readonly #now: () => number;

  constructor(db: Database, options: StaffAccountsOptions = {}) {
    this.#db = db;
    this.#maxFailures = options.maxFailures ?? 5;
    this.#lockoutMs = options.lockoutMs ?? 60_000;
    this.#now = options.now ?? Date.now;
  }

  async create(account: {
    staffId: string;
    displayName: string;
    role: StaffRole;
    password: string;
    boothId?: string | undefined;
  }): Promise<StaffAccount> {
    if ((account.role === 'onsite') !== (account.boothId !== undefined)) {
      throw AppError.validation('boothId: on-site staff need a booth; other roles have none');
    }
    if (account.password.length < minimumPasswordLength) {
      throw AppError.validation(`password: at least ${minimumPasswordLength} characters`);
    }
    if (await this.find(account.staffId)) {
      throw AppError.invalidState(`staff id ${account.staffId} already exists`);
    }
    const passwordHash = await hash(account.password, hashOptions);
    await this.#db
      .insertInto('staff_accounts')
      .values({
        staff_id: account.staffId,
        display_name: account.displayName,
        role: account.role,
        password_hash: passwordHash,
        booth_id: account.boothId ?? null,
        created_at: this.#now(),
      })
      .execute();
    return {
      staffId: account.staffId,
      displayName: account.displayName,
      role: account.role,
      boothId: account.boothId ?? null,
      isDisabled: false,
      mustChangePassword: false,
      hasSecondFactor: false,
    };
  }

  async find(staffId: string): Promise<StaffAccount | undefined> {
    const row = await this.#selectAccounts()
      .where('staff_accounts.staff_id', '=', staffId)
      .executeTakeFirst();
    return row && accountOf(row);
  }

  async count(role?: StaffRole): Promise<number> {
    let query = this.#db.selectFrom('staff_accounts').select((row) => row.fn.countAll<number>().as('n'));
    if (role) query = query.where('role', '=', role);
    const row = await query.executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  async list(): Promise<StaffAccount[]> {
    const rows = await this.#selectAccounts().orderBy('staff_accounts.staff_id').execute();
    return rows.map(accountOf);
  }

  /** Disables or re-enables an account; refuses (LAST_ADMINISTRATOR) to disable the last active administrator. */
  async setDisabled(staffId: string, isDisabled: boolean): Promise<void> {
    await this.#changeKeepingAnAdministrator(staffId, { is_disabled: isDisabled ? 1 : 0 }, isDisabled);
  }

  /** Administrators who can still log in. */
  async countActiveAdministrators(): Promise<number> {
    const row = await this.#db
      .selectFrom('staff_accounts')
      .select((row) => row.fn.countAll<number>().as('n'))
      .where('role', '=', 'admin')
      .where('is_disabled', '=', 0)
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  /** Gives an account another role; refuses (LAST_ADMINISTRATOR) to demote the last active administrator. */
  async setRole(staffId: string, role: StaffRole, boothId: string | undefined): Promise<void> {
    if ((role === 'onsite') !== (boothId !== undefined)) {
      throw AppError.validation('boothId: on-site staff need a booth; other roles have none');
    }
    await this.#changeKeepingAnAdministrator(staffId, { role, booth_id: boothId ?? null }, role !== 'admin');
  }

  /**
   * Applies a change that may take away an administrator, unless it would leave none. Two
   * administrators demoting each other at once must not both succeed: the transaction first
   * writes every active administrator's row, which makes the other wait (row locks in
   * PostgreSQL, the write lock in SQLite) and then count what it committed.
   */
  async #changeKeepingAnAdministrator(
    staffId: string,
    change: { is_disabled?: number; role?: StaffRole; booth_id?: string | null },
    isRemovingAdministrator: boolean,
  ): Promise<void> {
    await this.#db.transaction().execute(async (trx) => {
      await trx
        .updateTable('staff_accounts')
        .set((row) => ({ role: row.ref('role') }))
        .where('role', '=', 'admin')
        .where('is_disabled', '=', 0)
        .execute();
      const target = await trx
        .selectFrom('staff_accounts')
        .select(['role', 'is_disabled'])
        .where('staff_id', '=', staffId)
        .executeTakeFirst();
      if (!target) throw AppError.notFound(`staff id ${staffId}`);
      if (isRemovingAdministrator && target.role === 'admin' && target.is_disabled === 0) {
        const row = await trx
          .selectFrom('staff_accounts')
          .select((row) => row.fn.countAll<number>().as('n'))
          .where('role', '=', 'admin')
          .where('is_disabled', '=', 0)
          .executeTakeFirst();
        if (Number(row?.n ?? 0) <= 1)
          throw new AppError('LAST_ADMINISTRATOR', `${staffId} is the last active administrator`);
      }
      await trx.updateTable('staff_accounts').set(change).where('staff_id', '=', staffId).execute();
    });
  }

  /**
   * Replaces the password with a generated one, shown once to the administrator; the account must
   * change it at its next login. A lock from failed attempts ends with it.
   */
  async resetPassword(staffId: string): Promise<string> {
    const temporary = newTemporaryPassword();
    const result = await this.#db
      .updateTable('staff_accounts')
      .set({
        password_hash: await hash(temporary, hashOptions),
        must_change_password: 1,
        password_changed_at: this.#now(),
        failed_logins: 0,
        locked_until: null,
      })
      .where('staff_id', '=', staffId)
      .executeTakeFirst();
    if (result.numUpdatedRows === 0n) throw AppError.notFound(`staff id ${staffId}`);
    await this.#db.deleteFrom('login_failures').where('staff_id', '=', staffId).execute();
    return temporary;
  }

  /**
   * The owner changes their password, proving the current one (a wrong one counts as a failed
   * login). The new one must be long enough, differ from the current one and not be the
   * demonstration password.
   */
  async changePassword(staffId: string, currentPassword: string, newPassword: string): Promise<void> {
    const row = await this.#db
      .selectFrom('staff_accounts')
      .select(['password_hash', 'failed_logins', 'locked_until'])
      .where('staff_id', '=', staffId)
      .executeTakeFirst();
    if (!row) throw AppError.notFound(`staff id ${staffId}`);
    // Counted apart from logins: a session's owner guessing cannot lock the login page.
    await this.#refuseIfLocked(staffId, passwordChangeAddress);
    if (!(await verify(row.password_hash, currentPassword))) {
      await this.#countFailure(staffId, passwordChangeAddress);
      throw new AppError('PASSWORD_REJECTED', 'the current password is wrong');
    }
    if (newPassword.length < minimumPasswordLength)
      throw new AppError(
        'PASSWORD_REJECTED',
        `the new password needs at least ${minimumPasswordLength} characters`,
      );
    if (newPassword === currentPassword)
      throw new AppError('PASSWORD_REJECTED', 'the new password must differ from the current one');
    if (newPassword === demoPassword)
      throw new AppError('PASSWORD_REJECTED', 'the published demonstration password is not allowed');
    await this.#db
      .updateTable('staff_accounts')
      .set({
        password_hash: await hash(newPassword, hashOptions),
        must_change_password: 0,
        password_changed_at: this.#now(),
        failed_logins: 0,
        locked_until: null,
      })
      .where('staff_id', '=', staffId)
      .execute();
  }

  /**
   * The account, if the password is right and the account usable. Every refusal looks the same to
   * the caller except a lock, which says until when. For an account with a second factor the
   * failures counted so far stay until the code is right too: entering the password again must
   * not buy a guesser of codes another five tries.
   */
  async authenticate(staffId: string, password: string, address = 'unknown'): Promise<StaffAccount> {
    const row = await this.#db
      .selectFrom('staff_accounts')
      .select(['password_hash', 'failed_logins', 'locked_until'])
      .where('staff_id', '=', staffId)
      .executeTakeFirst();
    if (!row) {
      decoyHash ??= hash('decoy password that never matches', hashOptions);
      await verify(await decoyHash, password);
      throw wrongCredentials();
    }
    await this.#refuseIfLocked(staffId, address);
    const isRight = await verify(row.password_hash, password);
    if (!isRight) {
      await this.#countFailure(staffId, address);
      throw wrongCredentials();
    }
    const account = (await this.find(staffId))!;
    if (account.isDisabled) throw wrongCredentials();
    if (!account.hasSecondFactor) await this.clearFailures(staffId, address);
    return account;
  }

  /** A login completed (both factors): the failures from this address are forgotten. */
  async clearFailures(staffId: string, address: string): Promise<void> {
    await this.#db
      .updateTable('staff_accounts')
      .set({ failed_logins: 0, locked_until: null })
      .where('staff_id', '=', staffId)
      .execute();
    await this.#db
      .deleteFrom('login_failures')
      .where('staff_id', '=', staffId)
      .where('address', '=', address)
      .execute();
  }

  /** A wrong second-factor code counts like a wrong password, under the same account and address. */
  async countFailedAttempt(staffId: string, address: string): Promise<void> {
    await this.#countFailure(staffId, address);
  }

  /** Refuses (ACCOUNT_LOCKED) an attempt from an address that failed too often for this account. */
  async refuseIfLocked(staffId: string, address: string): Promise<void> {
    await this.#refuseIfLocked(staffId, address);
  }

  /**
   * Locks are per account and address: a stranger guessing a clerk's password (staff ids are shown
   * to kiosks) locks out only their own address, never the clerk at their desk.
   */
  async #refuseIfLocked(staffId: string, address: string): Promise<void> {
    const row = await this.#db
      .selectFrom('login_failures')
      .select('locked_until')
      .where('staff_id', '=', staffId)
      .where('address', '=', address)
      .executeTakeFirst();
    const lockedUntil = Number(row?.locked_until ?? 0);
    if (lockedUntil > this.#now()) {
      throw new AppError(
        'ACCOUNT_LOCKED',
        `too many failed attempts; try again after ${new Date(lockedUntil).toISOString()}`,
      );
    }
  }

  /**
   * One statement counts the failure and returns the new count, so parallel guesses each count;
   * a lock only ever lengthens. Failures older than a day are forgotten.
   */
  async #countFailure(staffId: string, address: string): Promise<void> {
    const now = this.#now();
    const { failures } = await this.#db
      .insertInto('login_failures')
      .values({ staff_id: staffId, address, failures: 1, locked_until: null, last_failed_at: now })
      .onConflict((conflict) =>
        conflict.columns(['staff_id', 'address']).doUpdateSet({
          failures: sql<number>`CASE WHEN login_failures.last_failed_at < ${now - failureMemoryMs}
            THEN 1 ELSE login_failures.failures + 1 END`,
          last_failed_at: now,
        }),
      )
      .returning('failures')
      .executeTakeFirstOrThrow();
    const excess = Number(failures) - this.#maxFailures;
    if (excess < 0) return;
    const lockUntil = now + Math.min(this.#lockoutMs * 2 ** excess, failureMemoryMs);
    await this.#db
      .updateTable('login_failures')
      .set({
        locked_until: sql<number>`CASE WHEN locked_until IS NULL OR locked_until < ${lockUntil}
          THEN ${lockUntil} ELSE locked_until END`,
      })
      .where('staff_id', '=', staffId)
      .where('address', '=', address)
      .execute();
  }

  #selectAccounts() {
    return this.#db
      .selectFrom('staff_accounts')
      .leftJoin('staff_second_factors', 'staff_second_factors.staff_id', 'staff_accounts.staff_id')
      .select([
        'staff_accounts.staff_id',
        'display_name',
        'role',
        'booth_id',
        'is_disabled',
        'must_change_password',
        'staff_second_factors.confirmed_at',
      ]);
  }
}

function accountOf(row: {
  staff_id: string;
  display_name: string;
  role: StaffRole;
  booth_id: string | null;
  is_disabled: number;
  must_change_password: number;
  confirmed_at: number | null;
}): StaffAccount {
  return {
    staffId: row.staff_id,
    displayName: row.display_name,
    role: row.role,
    boothId: row.booth_id,
    isDisabled: row.is_disabled === 1,
    mustChangePassword: row.must_change_password === 1,
    hasSecondFactor: row.confirmed_at !== null,
  };
}

// No 0/O, 1/l/I: the administrator reads it out or writes it down for its owner.
const temporaryAlphabet = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** 16 characters of a 56-letter alphabet: about 93 bits, used once. */
function newTemporaryPassword(): string {
  let password = '';
  for (let i = 0; i < 16; i += 1) password += temporaryAlphabet[randomInt(temporaryAlphabet.length)];
  return password;
}

function wrongCredentials(): AppError {
  return new AppError('UNAUTHENTICATED', 'staff id or password is wrong');
}
