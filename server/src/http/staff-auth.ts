import type { FastifyReply, FastifyRequest } from 'fastify';
import { csrfHeaderName, sessionCookieName, type StaffRole } from '@madoguchi/shared';
import type { StaffAccount, StaffAccounts } from '../auth/staff-accounts.ts';
import type { StaffSession, StaffSessions } from '../auth/staff-sessions.ts';
import { safeEqual } from '../auth/secrets.ts';
import { AppError } from '../errors.ts';

export interface AuthenticatedStaff {
  account: StaffAccount;
  session: StaffSession;
  token: string;
}

/** The staff member behind a request's session cookie, if the session is live and the account usable. */
export async function staffFromCookie(
  cookieValue: string | undefined,
  sessions: StaffSessions,
  accounts: StaffAccounts,
): Promise<AuthenticatedStaff | undefined> {
  if (!cookieValue) return undefined;
  const session = await sessions.find(cookieValue);
  if (!session) return undefined;
  const account = await accounts.find(session.staffId);
  if (!account || account.isDisabled) return undefined;
  return { account, session, token: cookieValue };
}

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * A preHandler that admits only staff of the given roles. State-changing requests must also
 * repeat the session's CSRF token in a header, which a page of another origin cannot read. An
 * account whose password was reset is refused everything but what `isAllowedBeforePasswordChange`
 * marks (reading its session, changing the password, logging out).
 */
export function requireStaff(
  deps: { sessions: StaffSessions; accounts: StaffAccounts },
  roles: readonly StaffRole[] | 'any',
  options: { isAllowedBeforePasswordChange?: boolean } = {},
) {
  return async (request: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    const staff = await staffFromCookie(request.cookies[sessionCookieName], deps.sessions, deps.accounts);
    if (!staff) throw new AppError('UNAUTHENTICATED', 'log in first');
    if (unsafeMethods.has(request.method)) {
      const header = request.headers[csrfHeaderName];
      if (typeof header !== 'string' || !safeEqual(header, staff.session.csrfToken)) {
        throw new AppError('FORBIDDEN', 'missing or wrong CSRF token');
      }
    }
    if (staff.account.mustChangePassword && options.isAllowedBeforePasswordChange !== true)
      throw new AppError('PASSWORD_CHANGE_REQUIRED', 'change the reset password first');
    if (roles !== 'any' && !roles.includes(staff.account.role))
      throw AppError.forbidden(`${request.method} ${request.routeOptions.url}`);
    request.staff = staff;
  };
}

declare module 'fastify' {
  interface FastifyRequest {
    staff?: AuthenticatedStaff;
  }
}
