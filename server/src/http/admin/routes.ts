import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  changeRoleRequestSchema,
  createStaffRequestSchema,
  kioskIdSchema,
  staffIdSchema,
  type PasswordResetResponse,
  type SecondFactorResetResponse,
  type KioskListing,
  type StaffAccountView,
} from '@madoguchi/shared';
import type { AuditLog } from '../../auth/audit-log.ts';
import type { KioskEnrollment } from '../../auth/kiosk-enrollment.ts';
import type { SecondFactors } from '../../auth/second-factors.ts';
import type { StaffAccounts } from '../../auth/staff-accounts.ts';
import type { StaffSessions } from '../../auth/staff-sessions.ts';
import { AppError } from '../../errors.ts';
import type { SocketServer } from '../../signalling/socket-server.ts';
import { parseBody } from '../../validation.ts';
import { requireStaff } from '../staff-auth.ts';

export interface AdminRoutesDeps {
  accounts: StaffAccounts;
  sessions: StaffSessions;
  secondFactors: SecondFactors;
  enrollment: KioskEnrollment;
  audit: AuditLog;
  /** Whether the kiosk id is one of the catalogue's booths' kiosks. */
  isKnownKiosk: (kioskId: string) => boolean;
  isKnownBooth: (boothId: string) => boolean;
  /** The catalogue's kiosks with their booth, for enrollment. */
  kiosks: () => Promise<KioskListing[]>;
  /** Cuts off a kiosk's live socket once its credential is revoked. */
  disconnectKiosk: (kioskId: string) => void;
  /** Cuts off the live sockets of a staff member whose sessions were ended. */
  disconnectStaff: SocketServer['disconnectStaff'];
}

const kioskParamsSchema = z.object({ kioskId: kioskIdSchema });
const staffParamsSchema = z.object({ staffId: staffIdSchema });
type AccountAction =
  'disable' | 'enable' | 'reset-password' | 'change-role' | 'end-sessions' | 'reset-second-factor';

/** Administration of identities: staff accounts, kiosk enrollment and revocation. Every change audited. */
export const adminRoutes =
  (deps: AdminRoutesDeps): FastifyPluginAsync =>
  async (app) => {
    const admin = requireStaff(deps, ['admin']);

    app.get('/api/admin/staff', { preHandler: admin }, async (): Promise<{ staff: StaffAccountView[] }> => ({
      staff: (await deps.accounts.list()) as StaffAccountView[],
    }));

    app.post('/api/admin/staff', { preHandler: admin }, async (request): Promise<StaffAccountView> => {
      const body = parseBody(createStaffRequestSchema, request.body);
      if (body.boothId !== undefined && !deps.isKnownBooth(body.boothId))
        throw AppError.notFound(`booth ${body.boothId}`);
      const account = await deps.accounts.create(body);
      await deps.audit.record({
        actor: request.staff!.account.staffId,
        action: 'staff-created',
        subject: account.staffId,
        details: { role: account.role },
      });
      return account as StaffAccountView;
    });

    /**
     * The account an administrator acts on, after the rules every action shares: it exists, and
     * an administrator does not disable, demote or reset themselves (someone else must). A refusal
     * is audited like the action would have been.
     */
    const targetOf = async (
      request: FastifyRequest,
      action: AccountAction,
      options: { isRefusedOnSelf: boolean },
    ) => {
      const { staffId } = parseBody(staffParamsSchema, request.params);
      const actor = request.staff!.account.staffId;
      const account = await deps.accounts.find(staffId);
      if (!account) throw AppError.notFound(`staff id ${staffId}`);
      if (options.isRefusedOnSelf && staffId === actor)
        await refuse(
          request,
          action,
          staffId,
          new AppError('SELF_CHANGE_REFUSED', `ask another administrator to ${action} your own account`),
        );
      return { account, actor };
    };
    const refuse = async (
      request: FastifyRequest,
      action: AccountAction,
      subject: string,
      error: AppError,
    ): Promise<never> => {
      const actor = request.staff!.account.staffId;
      request.log.info({ actor, subject, action, code: error.code }, 'account change refused');
      await deps.audit.record({
        actor,
        action: 'staff-change-refused',
        subject,
        details: { action, code: error.code },
      });
      throw error;
    };
    /** Runs a change the store may refuse (the last administrator), auditing a refusal. */
    const guarded = async (
      request: FastifyRequest,
      action: AccountAction,
      subject: string,
      change: () => Promise<void>,
    ) => {
      try {
        await change();
      } catch (error) {
        if (error instanceof AppError && error.code === 'LAST_ADMINISTRATOR')
          await refuse(request, action, subject, error);
        throw error;
      }
    };
    /** Ends every session of the account and cuts its sockets; returns how many sessions ended. */
    const endSessions = async (
      staffId: string,
      reason: Parameters<AdminRoutesDeps['disconnectStaff']>[1],
    ) => {
      const ended = await deps.sessions.revokeAll(staffId);
      deps.disconnectStaff(staffId, reason);
      return ended;
    };

    app.post(
      '/api/admin/staff/:staffId/disable',
      { preHandler: admin },
      async (request): Promise<StaffAccountView> => {
        const { account, actor } = await targetOf(request, 'disable', { isRefusedOnSelf: true });
        await guarded(request, 'disable', account.staffId, () =>
          deps.accounts.setDisabled(account.staffId, true),
        );
        const endedSessions = await endSessions(account.staffId, 'account-disabled');
        await deps.audit.record({
          actor,
          action: 'staff-disabled',
          subject: account.staffId,
          details: { endedSessions },
        });
        return { ...account, isDisabled: true } as StaffAccountView;
      },
    );

    app.post(
      '/api/admin/staff/:staffId/enable',
      { preHandler: admin },
      async (request): Promise<StaffAccountView> => {
        const { account, actor } = await targetOf(request, 'enable', { isRefusedOnSelf: false });
        await deps.accounts.setDisabled(account.staffId, false);
        await deps.audit.record({ actor, action: 'staff-enabled', subject: account.staffId });
        return { ...account, isDisabled: false } as StaffAccountView;
      },
    );

    app.post(
      '/api/admin/staff/:staffId/password-reset',
      { preHandler: admin },
      async (request): Promise<PasswordResetResponse> => {
        const { account, actor } = await targetOf(request, 'reset-password', { isRefusedOnSelf: true });
        const temporaryPassword = await deps.accounts.resetPassword(account.staffId);
        const endedSessions = await endSessions(account.staffId, 'password-reset');
        await deps.audit.record({
          actor,
          action: 'staff-password-reset',
          subject: account.staffId,
          details: { endedSessions },
        });
        return { staffId: account.staffId as PasswordResetResponse['staffId'], temporaryPassword };
      },
    );

    app.post(
      '/api/admin/staff/:staffId/role',
      { preHandler: admin },
      async (request): Promise<StaffAccountView> => {
        const { account, actor } = await targetOf(request, 'change-role', { isRefusedOnSelf: true });
        const { role, boothId } = parseBody(changeRoleRequestSchema, request.body);
        if (boothId !== undefined && !deps.isKnownBooth(boothId)) throw AppError.notFound(`booth ${boothId}`);
        if (role === account.role && (boothId ?? null) === account.boothId)
          throw AppError.invalidState(`${account.staffId} already has this role`);
        await guarded(request, 'change-role', account.staffId, () =>
          deps.accounts.setRole(account.staffId, role, boothId),
        );
        // Whatever the old role allowed on open sockets and pages ends with the sessions.
        const endedSessions = await endSessions(account.staffId, 'role-changed');
        await deps.audit.record({
          actor,
          action: 'staff-role-changed',
          subject: account.staffId,
          details: { from: account.role, to: role, ...(boothId ? { boothId } : {}), endedSessions },
        });
        return { ...account, role, boothId: boothId ?? null } as StaffAccountView;
      },
    );

    app.post(
      '/api/admin/staff/:staffId/second-factor-reset',
      { preHandler: admin },
      async (request): Promise<SecondFactorResetResponse> => {
        // The owner lost their device: they log in with the password alone and enrol again.
        const { account, actor } = await targetOf(request, 'reset-second-factor', { isRefusedOnSelf: true });
        const wasEnrolled = await deps.secondFactors.reset(account.staffId);
        await deps.audit.record({
          actor,
          action: 'staff-second-factor-reset',
          subject: account.staffId,
          details: { wasEnrolled },
        });
        return { staffId: account.staffId as SecondFactorResetResponse['staffId'], wasEnrolled };
      },
    );

    app.post('/api/admin/staff/:staffId/end-sessions', { preHandler: admin }, async (request) => {
      const { account, actor } = await targetOf(request, 'end-sessions', { isRefusedOnSelf: false });
      const endedSessions = await endSessions(account.staffId, 'ended-by-administrator');
      await deps.audit.record({
        actor,
        action: 'staff-sessions-ended',
        subject: account.staffId,
        details: { endedSessions },
      });
      return { endedSessions };
    });

    app.get('/api/admin/audit', { preHandler: admin }, async (request) => {
      const { limit } = parseBody(
        z.object({ limit: z.coerce.number().int().min(1).max(1000).default(200) }),
        request.query,
      );
      await deps.audit.record({ actor: request.staff!.account.staffId, action: 'audit-log-viewed' });
      return {
        entries: (await deps.audit.recent(limit)).map((entry) => ({
          ...entry,
          at: new Date(entry.at).toISOString(),
        })),
      };
    });

    app.get('/api/admin/kiosks', { preHandler: admin }, async () => ({ kiosks: await deps.kiosks() }));

    app.post('/api/admin/kiosks/:kioskId/enrollment-codes', { preHandler: admin }, async (request) => {
      const { kioskId } = parseBody(kioskParamsSchema, request.params);
      if (!deps.isKnownKiosk(kioskId)) throw AppError.notFound(`kiosk ${kioskId}`);
      const actor = request.staff!.account.staffId;
      const { code, expiresAt } = await deps.enrollment.createCode(kioskId, actor);
      await deps.audit.record({ actor, action: 'kiosk-enrollment-code-created', subject: kioskId });
      return { kioskId, code, expiresAt: new Date(expiresAt).toISOString() };
    });

    app.post('/api/admin/kiosks/:kioskId/revoke', { preHandler: admin }, async (request) => {
      const { kioskId } = parseBody(kioskParamsSchema, request.params);
      const revokedCredentials = await deps.enrollment.revoke(kioskId);
      deps.disconnectKiosk(kioskId);
      await deps.audit.record({
        actor: request.staff!.account.staffId,
        action: 'kiosk-revoked',
        subject: kioskId,
      });
      return { kioskId, revokedCredentials };
    });
  };
