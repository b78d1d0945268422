import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import {
  changePasswordRequestSchema,
  loginRequestSchema,
  secondFactorCodeRequestSchema,
  secondFactorLoginRequestSchema,
  sessionCookieName,
  type LoginResponse,
  type SecondFactorEnrolment,
  type StaffSessionView,
} from '@madoguchi/shared';
import type { AuditLog } from '../../auth/audit-log.ts';
import type { SecondFactors } from '../../auth/second-factors.ts';
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
  secondFactors: SecondFactors;
  audit: AuditLog;
  /** Login attempts (passwords and second-factor codes) per client address. */
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
    hasSecondFactor: account.hasSecondFactor,
  };
}

/** Wrong codes at enrolment are counted apart from logins, like wrong current passwords. */
const enrolmentAddress = 'second-factor-enrolment';

/** Staff login sessions: an HttpOnly, Secure, SameSite=Strict cookie with an expiry. */
export const authRoutes =
  (deps: AuthRoutesDeps): FastifyPluginAsync =>
  async (app) => {
    // What an account whose password was reset may still do: see itself, change it, leave.
    const signedIn = requireStaff(deps, 'any', { isAllowedBeforePasswordChange: true });
    const mayHaveSecondFactor = requireStaff(deps, ['admin', 'supervisor']);

    const startSession = async (
      account: StaffAccount,
      reply: FastifyReply,
      details?: Record<string, unknown>,
    ): Promise<StaffSessionView> => {
      const session = await deps.sessions.create(account.staffId);
      const recorded = { ...details, ...(account.mustChangePassword ? { mustChangePassword: true } : {}) };
      await deps.audit.record({
        actor: account.staffId,
        action: 'login',
        ...(Object.keys(recorded).length > 0 ? { details: recorded } : {}),
      });
      void reply.setCookie(sessionCookieName, session.token, {
        httpOnly: true,
        secure: true,
        sameSite: 'strict',
        path: '/',
        expires: new Date(session.expiresAt),
      });
      return viewOf(account, session);
    };

    app.post('/api/auth/login', async (request, reply): Promise<LoginResponse> => {
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
      if (!account.hasSecondFactor) return startSession(account, reply);
      // No cookie until the code: a stolen password alone opens nothing.
      const challenge = await deps.secondFactors.createChallenge(account.staffId, request.ip);
      await deps.audit.record({
        actor: account.staffId,
        action: 'login-second-factor-asked',
        details: { ip: request.ip },
      });
      return {
        isSecondFactorRequired: true,
        challenge: challenge.token,
        expiresAt: new Date(challenge.expiresAt).toISOString(),
      };
    });

    app.post('/api/auth/login/second-factor', async (request, reply): Promise<StaffSessionView> => {
      if (!(await deps.isLoginWithinRate(request.ip)))
        throw new AppError('RATE_LIMITED', 'too many login attempts');
      const { challenge, code } = parseBody(secondFactorLoginRequestSchema, request.body);
      const staffId = await deps.secondFactors.challengeOf(challenge, request.ip);
      if (staffId === undefined) throw new AppError('UNAUTHENTICATED', 'the login has expired; log in again');
      // A wrong code counts like a wrong password, from this address for this account.
      await deps.accounts.refuseIfLocked(staffId, request.ip);
      let method;
      try {
        method = await deps.secondFactors.verify(staffId, code);
      } catch (error) {
        if (error instanceof AppError && error.code === 'SECOND_FACTOR_REJECTED')
          await deps.accounts.countFailedAttempt(staffId, request.ip);
        await deps.audit.record({
          actor: staffId,
          action: 'second-factor-failed',
          details: { ip: request.ip, code: error instanceof AppError ? error.code : 'INTERNAL' },
        });
        throw error;
      }
      const account = await deps.accounts.find(staffId);
      if (!account || account.isDisabled || !(await deps.secondFactors.completeChallenge(challenge)))
        throw new AppError('UNAUTHENTICATED', 'the login has expired; log in again');
      await deps.accounts.clearFailures(staffId, request.ip);
      const remaining =
        method === 'recovery-code' ? await deps.secondFactors.remainingRecoveryCodes(staffId) : null;
      return startSession(account, reply, {
        secondFactor: method,
        ...(remaining !== null ? { recoveryCodesLeft: remaining } : {}),
      });
    });

    app.post(
      '/api/auth/second-factor/enrolment',
      { preHandler: mayHaveSecondFactor },
      async (request): Promise<SecondFactorEnrolment> => {
        const { account } = request.staff!;
        const enrolment = await deps.secondFactors.beginEnrolment(account.staffId);
        await deps.audit.record({
          actor: account.staffId,
          action: 'second-factor-enrolment-started',
          subject: account.staffId,
        });
        return enrolment;
      },
    );

    app.post('/api/auth/second-factor/confirm', { preHandler: mayHaveSecondFactor }, async (request) => {
      const { account } = request.staff!;
      const { code } = parseBody(secondFactorCodeRequestSchema, request.body);
      await deps.accounts.refuseIfLocked(account.staffId, enrolmentAddress);
      let recoveryCodes;
      try {
        recoveryCodes = await deps.secondFactors.confirmEnrolment(account.staffId, code);
      } catch (error) {
        const errorCode = error instanceof AppError ? error.code : 'INTERNAL';
        if (errorCode === 'SECOND_FACTOR_REJECTED')
          await deps.accounts.countFailedAttempt(account.staffId, enrolmentAddress);
        await deps.audit.record({
          actor: account.staffId,
          action: 'second-factor-enrolment-refused',
          subject: account.staffId,
          details: { code: errorCode },
        });
        throw error;
      }
      await deps.audit.record({
        actor: account.staffId,
        action: 'second-factor-enrolled',
        subject: account.staffId,
        details: { recoveryCodes: recoveryCodes.length },
      });
      return { recoveryCodes };
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
