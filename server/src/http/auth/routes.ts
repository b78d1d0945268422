import type { FastifyPluginAsync } from 'fastify';
import {
  changePasswordRequestSchema,
  loginRequestSchema,
  sessionCookieName,
  type StaffSessionView,
} from '@madoguchi/shared';
import type { AuditLog } from '../../auth/audit-log.ts';
import type { StaffAccount, StaffAccounts } from '../../auth/staff-accounts.ts';
import type { StaffSession, StaffSessions } from '../../auth/staff-sessions.ts';
import { AppError } from '../../errors.ts';
import type { RateCheck } from '../../signalling/rate-limits.ts';
import type { SocketServer } from '../../signalling/socket-server.ts';
import { parseBody } from '../../validation.ts';
import { requireStaff } from '../staff-auth.ts';

export interface AuthRoutesDeps {
  accounts: StaffAccounts;
  sessions: StaffSessions;
  audit: AuditLog;
  /** Login attempts per client address. */
  isLoginWithinRate: RateCheck;
  /** Ends the live sockets of a staff member's sessions (all of them, one, or all but one). */
  disconnectStaff: SocketServer['disconnectStaff'];
}

function viewOf(account: StaffAccount, session: StaffSession): StaffSessionView {
  return {
    staffId: account.staffId as StaffSessionView['staffId'],
    displayName: account.displayName,
    role: account.role,
    csrfToken: session.csrfToken,
    expiresAt: new Date(session.expiresAt).toISOString(),
    mustChangePassword: account.mustChangePassword,
  };
}

/** Staff login sessions: an HttpOnly, Secure, SameSite=Strict cookie with an expiry. */
export const authRoutes =
  (deps: AuthRoutesDeps): FastifyPluginAsync =>
  async (app) => {
    // What an account whose password was reset may still do: see itself, change it, leave.
    const signedIn = requireStaff(deps, 'any', { isAllowedBeforePasswordChange: true });

    app.post('/api/auth/login', async (request, reply): Promise<StaffSessionView> => {
      if (!(await deps.isLoginWithinRate(request.ip)))
        throw new AppError('RATE_LIMITED', 'too many login attempts');
      const { staffId, password } = parseBody(loginRequestSchema, request.body);
      let account;
      try {
        account = await deps.accounts.authenticate(staffId, password, request.ip);
      } catch (error) {
        await deps.audit.record({ actor: staffId, action: 'login-failed', details: { ip: request.ip } });
        throw error;
      }
      const session = await deps.sessions.create(account.staffId);
      await deps.audit.record({
        actor: account.staffId,
        action: 'login',
        ...(account.mustChangePassword ? { details: { mustChangePassword: true } } : {}),
      });
      void reply.setCookie(sessionCookieName, session.token, {
        httpOnly: true,
        secure: true,
        sameSite: 'strict',
        path: '/',
        expires: new Date(session.expiresAt),
      });
      return viewOf(account, session);
    });

    app.get('/api/auth/session', { preHandler: signedIn }, async (request): Promise<StaffSessionView> => {
      const { account, session } = request.staff!;
      return viewOf(account, session);
    });

    app.post('/api/auth/password', { preHandler: signedIn }, async (request) => {
      const { account, session } = request.staff!;
      const { currentPassword, newPassword } = parseBody(changePasswordRequestSchema, request.body);
      try {
        await deps.accounts.changePassword(account.staffId, currentPassword, newPassword);
      } catch (error) {
        const code = error instanceof AppError ? error.code : 'INTERNAL';
        request.log.info({ staffId: account.staffId, code }, 'password change refused');
        await deps.audit.record({
          actor: account.staffId,
          action: 'password-change-refused',
          subject: account.staffId,
          details: { code },
        });
        throw error;
      }
      // Whoever else held a session (a stolen cookie, a forgotten PC) is out; this one stays.
      const ended = await deps.sessions.revokeAll(account.staffId, { exceptKey: session.key });
      deps.disconnectStaff(account.staffId, 'password-changed', { exceptSessionKey: session.key });
      await deps.audit.record({
        actor: account.staffId,
        action: 'password-changed',
        subject: account.staffId,
        details: { endedSessions: ended, wasReset: account.mustChangePassword },
      });
      return { endedSessions: ended };
    });

    app.post('/api/auth/logout', { preHandler: signedIn }, async (request, reply) => {
      const { account, token, session } = request.staff!;
      await deps.sessions.revoke(token);
      deps.disconnectStaff(account.staffId, 'logged-out', { sessionKey: session.key });
      await deps.audit.record({ actor: account.staffId, action: 'logout' });
      void reply.clearCookie(sessionCookieName, { path: '/' });
      return {};
    });

    app.post('/api/auth/logout-everywhere', { preHandler: signedIn }, async (request, reply) => {
      const { account } = request.staff!;
      const ended = await deps.sessions.revokeAll(account.staffId);
      deps.disconnectStaff(account.staffId, 'logged-out');
      await deps.audit.record({
        actor: account.staffId,
        action: 'logout-everywhere',
        details: { sessions: ended },
      });
      void reply.clearCookie(sessionCookieName, { path: '/' });
      return { endedSessions: ended };
    });
  };
