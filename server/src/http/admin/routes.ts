import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import {
  createStaffRequestSchema,
  kioskIdSchema,
  type KioskListing,
  type StaffAccountView,
} from '@madoguchi/shared';
import type { AuditLog } from '../../auth/audit-log.ts';
import type { KioskEnrollment } from '../../auth/kiosk-enrollment.ts';
import type { StaffAccounts } from '../../auth/staff-accounts.ts';
import type { StaffSessions } from '../../auth/staff-sessions.ts';
import { AppError } from '../../errors.ts';
import { parseBody } from '../../validation.ts';
import { requireStaff } from '../staff-auth.ts';

export interface AdminRoutesDeps {
  accounts: StaffAccounts;
  sessions: StaffSessions;
  enrollment: KioskEnrollment;
  audit: AuditLog;
  /** Whether the kiosk id is one of the catalogue's booths' kiosks. */
  isKnownKiosk: (kioskId: string) => boolean;
  isKnownBooth: (boothId: string) => boolean;
  /** The catalogue's kiosks with their booth, for enrollment. */
  kiosks: () => Promise<KioskListing[]>;
  /** Cuts off a kiosk's live socket once its credential is revoked. */
  disconnectKiosk: (kioskId: string) => void;
}

const kioskParamsSchema = z.object({ kioskId: kioskIdSchema });

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
