import type { DatabaseSync } from 'node:sqlite';
import { hash, verify } from '@node-rs/argon2';
import type { StaffRole } from '@madoguchi/shared';
import { AppError } from '../errors.ts';

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
  readonly #db: DatabaseSync;
  readonly #maxFailures: number;
  readonly #lockoutMs: number;
  readonly #now: () => number;

  constructor(db: DatabaseSync, options: StaffAccountsOptions = {}) {
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
    if (this.find(account.staffId)) throw AppError.invalidState(`staff id ${account.staffId} already exists`);
    const passwordHash = await hash(account.password, hashOptions);
    this.#db
      .prepare(
        'INSERT INTO staff_accounts (staff_id, display_name, role, password_hash, booth_id, created_at) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(
        account.staffId,
        account.displayName,
        account.role,
        passwordHash,
        account.boothId ?? null,
        this.#now(),
      );
    return {
      staffId: account.staffId,
      displayName: account.displayName,
      role: account.role,
      boothId: account.boothId ?? null,
      isDisabled: false,
    };
  }

  find(staffId: string): StaffAccount | undefined {
    const row = this.#db
      .prepare(
        'SELECT staff_id, display_name, role, booth_id, is_disabled FROM staff_accounts WHERE staff_id = ?',
      )
      .get(staffId);
    if (!row) return undefined;
    return {
      staffId: String(row.staff_id),
      displayName: String(row.display_name),
      role: String(row.role) as StaffRole,
      boothId: row.booth_id === null ? null : String(row.booth_id),
      isDisabled: Number(row.is_disabled) === 1,
    };
  }

  count(role?: StaffRole): number {
    const row = role
      ? this.#db.prepare('SELECT COUNT(*) AS n FROM staff_accounts WHERE role = ?').get(role)
      : this.#db.prepare('SELECT COUNT(*) AS n FROM staff_accounts').get();
    return Number(row?.n ?? 0);
  }

  list(): StaffAccount[] {
    return this.#db
      .prepare('SELECT staff_id FROM staff_accounts ORDER BY staff_id')
      .all()
      .flatMap((row) => this.find(String(row.staff_id)) ?? []);
  }

  setDisabled(staffId: string, isDisabled: boolean): void {
    const result = this.#db
      .prepare('UPDATE staff_accounts SET is_disabled = ? WHERE staff_id = ?')
      .run(isDisabled ? 1 : 0, staffId);
    if (result.changes === 0) throw AppError.notFound(`staff id ${staffId}`);
  }

  /**
   * The account, if the password is right and the account usable. Every refusal looks the same to
   * the caller except a lock, which says until when.
   */
  async authenticate(staffId: string, password: string): Promise<StaffAccount> {
    const row = this.#db
      .prepare('SELECT password_hash, failed_logins, locked_until FROM staff_accounts WHERE staff_id = ?')
      .get(staffId);
    const now = this.#now();
    if (!row) {
      decoyHash ??= hash('decoy password that never matches', hashOptions);
      await verify(await decoyHash, password);
      throw wrongCredentials();
    }
    const lockedUntil = row.locked_until === null ? 0 : Number(row.locked_until);
    if (lockedUntil > now) {
      throw new AppError(
        'ACCOUNT_LOCKED',
        `too many failed attempts; try again after ${new Date(lockedUntil).toISOString()}`,
      );
    }
    const isRight = await verify(String(row.password_hash), password);
    const account = this.find(staffId)!;
    if (!isRight) {
      const failures = Number(row.failed_logins) + 1;
      const excess = failures - this.#maxFailures;
      const lockUntil = excess >= 0 ? now + Math.min(this.#lockoutMs * 2 ** excess, 86_400_000) : null;
      this.#db
        .prepare('UPDATE staff_accounts SET failed_logins = ?, locked_until = ? WHERE staff_id = ?')
        .run(failures, lockUntil, staffId);
      throw wrongCredentials();
    }
    if (account.isDisabled) throw wrongCredentials();
    this.#db
      .prepare('UPDATE staff_accounts SET failed_logins = 0, locked_until = NULL WHERE staff_id = ?')
      .run(staffId);
    return account;
  }
}

function wrongCredentials(): AppError {
  return new AppError('UNAUTHENTICATED', 'staff id or password is wrong');
}
