import type { FastifyPluginAsync } from 'fastify';
import { loginRequestSchema, sessionCookieName, type StaffSessionView } from '@madoguchi/shared';
import type { AuditLog } from '../../auth/audit-log.ts';
import type { StaffAccounts } from '../../auth/staff-accounts.ts';
import type { StaffSessions } from '../../auth/staff-sessions.ts';
import { AppError } from '../../errors.ts';
import type { RateCheck } from '../../signalling/rate-limits.ts';
import { parseBody } from '../../validation.ts';
import { requireStaff } from '../staff-auth.ts';

export interface AuthRoutesDeps {
  accounts: StaffAccounts;
  sessions: StaffSessions;
  audit: AuditLog;
  /** Login attempts per client address. */
  isLoginWithinRate: RateCheck;
  /** Ends the live sockets of a staff member (logout everywhere). */
  disconnectStaff: (staffId: string) => Promise<void>;
}

/** Staff login sessions: an HttpOnly, Secure, SameSite=Strict cookie with an expiry. */
export const authRoutes =
  (deps: AuthRoutesDeps): FastifyPluginAsync =>
  async (app) => {
    const signedIn = requireStaff(deps, 'any');

    app.post('/api/auth/login', async (request, reply): Promise<StaffSessionView> => {
      if (!(await deps.isLoginWithinRate(request.ip)))
        throw new AppError('RATE_LIMITED', 'too many login attempts');
      const { staffId, password } = parseBody(loginRequestSchema, request.body);
      let account;
      try {
        account = await deps.accounts.authenticate(staffId, password);
      } catch (error) {
        await deps.audit.record({ actor: staffId, action: 'login-failed', details: { ip: request.ip } });
        throw error;
      }
      const session = await deps.sessions.create(account.staffId);
      await deps.audit.record({ actor: account.staffId, action: 'login' });
      void reply.setCookie(sessionCookieName, session.token, {
        httpOnly: true,
        secure: true,
        sameSite: 'strict',
        path: '/',
        expires: new Date(session.expiresAt),
      });
      return {
        staffId: account.staffId as StaffSessionView['staffId'],
        displayName: account.displayName,
        role: account.role,
        csrfToken: session.csrfToken,
        expiresAt: new Date(session.expiresAt).toISOString(),
      };
    });

    app.get('/api/auth/session', { preHandler: signedIn }, async (request): Promise<StaffSessionView> => {
      const { account, session } = request.staff!;
      return {
        staffId: account.staffId as StaffSessionView['staffId'],
        displayName: account.displayName,
        role: account.role,
        csrfToken: session.csrfToken,
        expiresAt: new Date(session.expiresAt).toISOString(),
      };
    });

    app.post('/api/auth/logout', { preHandler: signedIn }, async (request, reply) => {
      const { account, token } = request.staff!;
      await deps.sessions.revoke(token);
      await deps.audit.record({ actor: account.staffId, action: 'logout' });
      void reply.clearCookie(sessionCookieName, { path: '/' });
      return {};
    });

    app.post('/api/auth/logout-everywhere', { preHandler: signedIn }, async (request, reply) => {
      const { account } = request.staff!;
      const ended = await deps.sessions.revokeAll(account.staffId);
      await deps.disconnectStaff(account.staffId);
      await deps.audit.record({
        actor: account.staffId,
        action: 'logout-everywhere',
        details: { sessions: ended },
      });
      void reply.clearCookie(sessionCookieName, { path: '/' });
      return { endedSessions: ended };
    });
  };
