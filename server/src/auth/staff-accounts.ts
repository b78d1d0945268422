import { hash, verify } from '@node-rs/argon2';
import type { StaffRole } from '@madoguchi/shared';
import { AppError } from '../errors.ts';
import type { Database } from '../store/database.ts';

export interface StaffAccount {
  staffId: string;
  displayName: string;
  role: StaffRole;
  /** The booth of on-site staff; null for everyone else. */
  boothId: string | null;
  isDisabled: boolean;
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
    };
  }

  async find(staffId: string): Promise<StaffAccount | undefined> {
    const row = await this.#selectAccounts().where('staff_id', '=', staffId).executeTakeFirst();
    return row && accountOf(row);
  }

  async count(role?: StaffRole): Promise<number> {
    let query = this.#db.selectFrom('staff_accounts').select((row) => row.fn.countAll<number>().as('n'));
    if (role) query = query.where('role', '=', role);
    const row = await query.executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  async list(): Promise<StaffAccount[]> {
    const rows = await this.#selectAccounts().orderBy('staff_id').execute();
    return rows.map(accountOf);
  }

  async setDisabled(staffId: string, isDisabled: boolean): Promise<void> {
    const result = await this.#db
      .updateTable('staff_accounts')
      .set({ is_disabled: isDisabled ? 1 : 0 })
      .where('staff_id', '=', staffId)
      .executeTakeFirst();
    if (result.numUpdatedRows === 0n) throw AppError.notFound(`staff id ${staffId}`);
  }

  /**
   * The account, if the password is right and the account usable. Every refusal looks the same to
   * the caller except a lock, which says until when.
   */
  async authenticate(staffId: string, password: string): Promise<StaffAccount> {
    const row = await this.#db
      .selectFrom('staff_accounts')
      .select(['password_hash', 'failed_logins', 'locked_until'])
      .where('staff_id', '=', staffId)
      .executeTakeFirst();
    const now = this.#now();
    if (!row) {
      decoyHash ??= hash('decoy password that never matches', hashOptions);
      await verify(await decoyHash, password);
      throw wrongCredentials();
    }
    const lockedUntil = row.locked_until ?? 0;
    if (lockedUntil > now) {
      throw new AppError(
        'ACCOUNT_LOCKED',
        `too many failed attempts; try again after ${new Date(lockedUntil).toISOString()}`,
      );
    }
    const isRight = await verify(row.password_hash, password);
    if (!isRight) {
      const failures = row.failed_logins + 1;
      const excess = failures - this.#maxFailures;
      const lockUntil = excess >= 0 ? now + Math.min(this.#lockoutMs * 2 ** excess, 86_400_000) : null;
      await this.#db
        .updateTable('staff_accounts')
        .set({ failed_logins: failures, locked_until: lockUntil })
        .where('staff_id', '=', staffId)
        .execute();
      throw wrongCredentials();
    }
    const account = (await this.find(staffId))!;
    if (account.isDisabled) throw wrongCredentials();
    await this.#db
      .updateTable('staff_accounts')
      .set({ failed_logins: 0, locked_until: null })
      .where('staff_id', '=', staffId)
      .execute();
    return account;
  }

  #selectAccounts() {
    return this.#db
      .selectFrom('staff_accounts')
      .select(['staff_id', 'display_name', 'role', 'booth_id', 'is_disabled']);
  }
}

function accountOf(row: {
  staff_id: string;
  display_name: string;
  role: StaffRole;
  booth_id: string | null;
  is_disabled: number;
}): StaffAccount {
  return {
    staffId: row.staff_id,
    displayName: row.display_name,
    role: row.role,
    boothId: row.booth_id,
    isDisabled: row.is_disabled === 1,
  };
}

function wrongCredentials(): AppError {
  return new AppError('UNAUTHENTICATED', 'staff id or password is wrong');
}
