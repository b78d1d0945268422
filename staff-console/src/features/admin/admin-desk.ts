import {
  auditLogResponseSchema,
  enrollmentCodeResponseSchema,
  kioskListResponseSchema,
  endSessionsResponseSchema,
  kioskRevocationResponseSchema,
  passwordResetResponseSchema,
  staffAccountSchema,
  staffIdSchema,
  type AuditEntry,
  type KioskId,
  type KioskListing,
  type StaffAccountView,
  type StaffRole,
} from '@madoguchi/shared';
import { HttpError, staffListResponseSchema, type HttpClient } from '@madoguchi/shared/client';
import { AUDIT_LOG_LIMIT } from './audit-log.ts';

/** The server refuses shorter initial passwords (VALIDATION_FAILED); the form says so first. */
export const MIN_PASSWORD_LENGTH = 12;
const MAX_NAME_LENGTH = 64;

export type EnrollmentCode = ReturnType<typeof enrollmentCodeResponseSchema.parse>;

export interface AdminState {
  /** Null until loaded. */
  staff: readonly StaffAccountView[] | null;
  kiosks: readonly KioskListing[] | null;
  /** The code just issued, shown until dismissed or replaced. */
  enrollmentCode: EnrollmentCode | null;
  /** The kiosk whose credentials were just revoked, for the confirmation line. */
  revokedKioskId: KioskId | null;
  isCreatingStaff: boolean;
  /** The kiosk an enrollment or revocation request is on its way for. */
  busyKioskId: KioskId | null;
  /** The latest audit entries, newest first; null until the audit view first loads them. */
  audit: readonly AuditEntry[] | null;
  isLoadingAudit: boolean;
  /** The account an action (disable, reset, role, end sessions) is on its way for. */
  busyStaffId: string | null;
  /** A reset password, shown once to hand to its owner, until dismissed. */
  temporaryPassword: { staffId: string; password: string } | null;
  /** The last account action done, for the confirmation line. */
  doneAction: { staffId: string; action: AccountAction } | null;
}

export type AccountAction = 'disable' | 'enable' | 'password-reset' | 'end-sessions' | 'role';

export const emptyAdminState: AdminState = {
  staff: null,
  kiosks: null,
  enrollmentCode: null,
  revokedKioskId: null,
  isCreatingStaff: false,
  busyKioskId: null,
  audit: null,
  isLoadingAudit: false,
  busyStaffId: null,
  temporaryPassword: null,
  doneAction: null,
};

export interface NewStaffInput {
  staffId: string;
  displayName: string;
  role: StaffRole;
  password: string;
  /** The booth of on-site staff (ignored for other roles). */
  boothId: string | null;
}

export interface NewStaffRequest {
  staffId: string;
  displayName: string;
  role: StaffRole;
  password: string;
  boothId?: string;
}

export type NewStaffProblem =
  | 'invalid-staff-id'
  | 'invalid-name'
  | 'short-password'
  | 'missing-booth'
  | 'duplicate-staff-id'
  | 'rejected';

/** The booths of the listed kiosks, once each, in list order. */
export function boothsOf(
  kiosks: readonly KioskListing[],
): { boothId: string; boothName: KioskListing['boothName'] }[] {
  const seen = new Map<string, KioskListing['boothName']>();
  for (const kiosk of kiosks) if (!seen.has(kiosk.boothId)) seen.set(kiosk.boothId, kiosk.boothName);
  return [...seen].map(([boothId, boothName]) => ({ boothId, boothName }));
}

export type NewStaffResult =
  { ok: true; account: StaffAccountView } | { ok: false; problem: NewStaffProblem };

/** The form's own checks, the same the server makes, so most mistakes need no round trip. */
export function checkNewStaff(
  input: NewStaffInput,
): { ok: true; request: NewStaffRequest } | { ok: false; problem: NewStaffProblem } {
  const staffId = staffIdSchema.safeParse(input.staffId.trim());
  if (!staffId.success) return { ok: false, problem: 'invalid-staff-id' };
  const displayName = input.displayName.trim();
  if (!displayName || displayName.length > MAX_NAME_LENGTH) return { ok: false, problem: 'invalid-name' };
  if (input.password.length < MIN_PASSWORD_LENGTH) return { ok: false, problem: 'short-password' };
  if (input.role === 'onsite' && !input.boothId) return { ok: false, problem: 'missing-booth' };
  return {
    ok: true,
    request: {
      staffId: staffId.data,
      displayName,
      role: input.role,
      password: input.password,
      ...(input.role === 'onsite' && input.boothId ? { boothId: input.boothId } : {}),
    },
  };
}

export interface AdminDeskOptions {
  http: Pick<HttpClient, 'get' | 'post'>;
  /** The session's CSRF token, repeated on every change. */
  csrfToken: string;
  onChange: (state: AdminState) => void;
  /** Failures that are not about a form field (network, session ended, forbidden). */
  onError: (error: unknown) => void;
}

/**
 * The administrator's identity work over HTTP: staff accounts, kiosk enrollment codes and
 * revocation, and the audit log that records them. Lists are reloaded after every change, so the screen shows the server's truth.
 */
export class AdminDesk {
  readonly #options: AdminDeskOptions;
  #state: AdminState = emptyAdminState;
  #isClosed = false;

  constructor(options: AdminDeskOptions) {
    this.#options = options;
  }

  get state(): AdminState {
    return this.#state;
  }

  async load(): Promise<void> {
    try {
      const { http } = this.#options;
      const [staff, kiosks] = await Promise.all([
        http.get('/api/admin/staff', staffListResponseSchema),
        http.get('/api/admin/kiosks', kioskListResponseSchema),
      ]);
      this.#update({ staff: staff.staff, kiosks: kiosks.kiosks });
    } catch (error) {
      this.#fail(error);
    }
  }

  /**
   * Only when asked (the audit view opens or is refreshed), never with the identities: the server
   * records every read of the log in the log, so a read nobody looks at would be noise there.
   */
  async loadAudit(): Promise<void> {
    if (this.#state.isLoadingAudit) return;
    this.#update({ isLoadingAudit: true });
    try {
      const { entries } = await this.#options.http.get(
        `/api/admin/audit?limit=${AUDIT_LOG_LIMIT}`,
        auditLogResponseSchema,
      );
      this.#update({ audit: entries });
    } catch (error) {
      this.#fail(error);
    } finally {
      this.#update({ isLoadingAudit: false });
    }
  }

  async createStaff(input: NewStaffInput): Promise<NewStaffResult> {
    const checked = checkNewStaff(input);
    if (!checked.ok) return checked;
    if (this.#state.isCreatingStaff) return { ok: false, problem: 'rejected' };
    this.#update({ isCreatingStaff: true });
    try {
      const account = await this.#options.http.post('/api/admin/staff', staffAccountSchema, {
        body: checked.request,
        csrfToken: this.#options.csrfToken,
      });
      this.#update({ isCreatingStaff: false });
      void this.load();
      return { ok: true, account };
    } catch (error) {
      this.#update({ isCreatingStaff: false });
      if (error instanceof HttpError && error.code === 'INVALID_STATE') {
        return { ok: false, problem: 'duplicate-staff-id' };
      }
      if (error instanceof HttpError && error.code === 'VALIDATION_FAILED') {
        return { ok: false, problem: 'rejected' };
      }
      this.#fail(error);
      return { ok: false, problem: 'rejected' };
    }
  }

  async createEnrollmentCode(kioskId: KioskId): Promise<void> {
    if (this.#state.busyKioskId) return;
    this.#update({ busyKioskId: kioskId, enrollmentCode: null, revokedKioskId: null });
    try {
      const code = await this.#options.http.post(
        `/api/admin/kiosks/${encodeURIComponent(kioskId)}/enrollment-codes`,
        enrollmentCodeResponseSchema,
        { csrfToken: this.#options.csrfToken },
      );
      this.#update({ enrollmentCode: code });
    } catch (error) {
      this.#fail(error);
    } finally {
      this.#update({ busyKioskId: null });
    }
  }

  async revokeKiosk(kioskId: KioskId): Promise<void> {
    if (this.#state.busyKioskId) return;
    this.#update({ busyKioskId: kioskId, revokedKioskId: null });
    try {
      await this.#options.http.post(
        `/api/admin/kiosks/${encodeURIComponent(kioskId)}/revoke`,
        kioskRevocationResponseSchema,
        { csrfToken: this.#options.csrfToken },
      );
      this.#update({ revokedKioskId: kioskId });
      void this.load();
    } catch (error) {
      this.#fail(error);
    } finally {
      this.#update({ busyKioskId: null });
    }
  }

  dismissEnrollmentCode(): void {
    this.#update({ enrollmentCode: null });
  }

  /**
   * Disables or re-enables an account, resets its password (the temporary one is shown once) or
   * ends its sessions; the server cuts the account's open sockets and refuses, with a code, what
   * an administrator may not do (their own account, the last administrator).
   */
  async changeAccount(staffId: string, action: Exclude<AccountAction, 'role'>): Promise<void> {
    const url = `/api/admin/staff/${encodeURIComponent(staffId)}/${action}`;
    await this.#accountRequest(staffId, action, async () => {
      const { csrfToken } = this.#options;
      if (action === 'password-reset') {
        const { temporaryPassword } = await this.#options.http.post(url, passwordResetResponseSchema, {
          csrfToken,
        });
        this.#update({ temporaryPassword: { staffId, password: temporaryPassword } });
      } else if (action === 'end-sessions') {
        await this.#options.http.post(url, endSessionsResponseSchema, { csrfToken });
      } else {
        await this.#options.http.post(url, staffAccountSchema, { csrfToken });
      }
    });
  }

  /** Gives an account another role (on-site staff with their booth); its sessions end. */
  async changeRole(staffId: string, role: StaffRole, boothId: string | null): Promise<void> {
    await this.#accountRequest(staffId, 'role', async () => {
      await this.#options.http.post(
        `/api/admin/staff/${encodeURIComponent(staffId)}/role`,
        staffAccountSchema,
        {
          body: role === 'onsite' && boothId ? { role, boothId } : { role },
          csrfToken: this.#options.csrfToken,
        },
      );
    });
  }

  dismissTemporaryPassword(): void {
    this.#update({ temporaryPassword: null });
  }

  async #accountRequest(staffId: string, action: AccountAction, send: () => Promise<void>): Promise<void> {
    if (this.#state.busyStaffId) return;
    this.#update({ busyStaffId: staffId, doneAction: null, temporaryPassword: null });
    try {
      await send();
      this.#update({ doneAction: { staffId, action } });
      void this.load();
    } catch (error) {
      this.#fail(error);
    } finally {
      this.#update({ busyStaffId: null });
    }
  }

  /** Stops reporting: late answers after a logout change nothing. */
  close(): void {
    this.#isClosed = true;
  }

  #fail(error: unknown): void {
    if (!this.#isClosed) this.#options.onError(error);
  }

  #update(patch: Partial<AdminState>): void {
    if (this.#isClosed) return;
    this.#state = { ...this.#state, ...patch };
    this.#options.onChange(this.#state);
  }
}
