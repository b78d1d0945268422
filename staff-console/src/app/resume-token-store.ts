import { resumeTokenSchema, staffIdSchema, type ResumeToken, type StaffId } from '@madoguchi/shared';

/** The part of the page's `sessionStorage` the console uses. */
export type ResumeStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

const KEY = 'madoguchi.console.resume';

/**
 * Keeps the socket's resume token in the tab's session storage while someone is signed in, so a
 * reloaded page re-attaches to its participant session (and its call) within the server's grace
 * period. The token is kept with the account it belongs to: another account signing in on the same
 * tab never presents it. Storage that refuses (a locked-down browser) only costs the resume.
 */
export class ResumeTokenStore {
  readonly #storage: ResumeStorage;

  constructor(storage: ResumeStorage) {
    this.#storage = storage;
  }

  /** The token kept for this account, if any. */
  read(staffId: StaffId): ResumeToken | undefined {
    let raw: string | null;
    try {
      raw = this.#storage.getItem(KEY);
    } catch {
      return undefined;
    }
    if (raw === null) return undefined;
    try {
      const kept: unknown = JSON.parse(raw);
      if (typeof kept !== 'object' || kept === null) return undefined;
      const { staffId: keptFor, resumeToken } = kept as Record<string, unknown>;
      const owner = staffIdSchema.safeParse(keptFor);
      const token = resumeTokenSchema.safeParse(resumeToken);
      return owner.success && owner.data === staffId && token.success ? token.data : undefined;
    } catch {
      return undefined;
    }
  }

  write(staffId: StaffId, resumeToken: ResumeToken): void {
    try {
      this.#storage.setItem(KEY, JSON.stringify({ staffId, resumeToken }));
    } catch {
      // Nothing else depends on it: without it a reload starts a new session.
    }
  }

  clear(): void {
    try {
      this.#storage.removeItem(KEY);
    } catch {
      // A store that cannot be read back holds nothing to clear.
    }
  }
}
