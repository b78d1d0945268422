import { sessionCookieName, type HandshakeAuth, type KioskId, type StaffId } from '@madoguchi/shared';
import type { KioskEnrollment } from '../auth/kiosk-enrollment.ts';
import type { StaffAccounts } from '../auth/staff-accounts.ts';
import type { StaffSessions } from '../auth/staff-sessions.ts';
import { AppError } from '../errors.ts';
import { staffFromCookie } from '../http/staff-auth.ts';
import type { Identity } from '../sessions/participant.ts';

export interface IdentifyDeps {
  enrollment: KioskEnrollment;
  sessions: StaffSessions;
  accounts: StaffAccounts;
  /** Kiosk ids of the catalogue's booths. */
  isKnownKiosk: (kioskId: string) => boolean;
  /** Clerks need skills in the catalogue to be routed calls. */
  isRoutableClerk: (staffId: string) => boolean;
  parseCookie: (header: string) => Record<string, string | undefined>;
}

/** Who a socket speaks for and, for staff, the login session it was opened with. */
export interface Identified {
  identity: Identity;
  /** Ends with the socket when this session ends (logout, expiry, disable, role change). */
  staffSession?: { staffId: string; key: string };
}

/**
 * Who a socket speaks for: a kiosk by its device credential, staff by their login session cookie.
 * Throws UNAUTHENTICATED otherwise, PASSWORD_CHANGE_REQUIRED for an account whose password was reset.
 */
export function createIdentify(deps: IdentifyDeps) {
  return async (auth: HandshakeAuth, cookieHeader: string | undefined): Promise<Identified> => {
    if (auth.role === 'kiosk') {
      const kioskId = await deps.enrollment.verify(auth.credential);
      if (!kioskId || !deps.isKnownKiosk(kioskId)) {
        throw new AppError('UNAUTHENTICATED', 'this kiosk is not enrolled (or was revoked)');
      }
      return { identity: { role: 'kiosk', kioskId: kioskId as KioskId } };
    }
    const cookies = cookieHeader ? deps.parseCookie(cookieHeader) : {};
    const staff = await staffFromCookie(cookies[sessionCookieName], deps.sessions, deps.accounts);
    if (!staff) throw new AppError('UNAUTHENTICATED', 'log in first');
    const { account } = staff;
    if (account.mustChangePassword) {
      throw new AppError('PASSWORD_CHANGE_REQUIRED', 'change the reset password first');
    }
    if (account.role === 'clerk' && !deps.isRoutableClerk(account.staffId)) {
      throw new AppError('UNAUTHENTICATED', 'this clerk has no skills in the catalogue yet');
    }
    return {
      identity: {
        role: account.role,
        staffId: account.staffId as StaffId,
        displayName: account.displayName,
        boothId: account.boothId,
      },
      staffSession: { staffId: account.staffId, key: staff.session.key },
    };
  };
}

export type Identify = ReturnType<typeof createIdentify>;
