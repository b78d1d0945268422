import type { FastifyPluginAsync } from 'fastify';
import { enrollRequestSchema, type EnrollResponse } from '@madoguchi/shared';
import type { AuditLog } from '../../auth/audit-log.ts';
import type { KioskEnrollment } from '../../auth/kiosk-enrollment.ts';
import { AppError } from '../../errors.ts';
import type { RateCheck } from '../../signalling/rate-limits.ts';
import { parseBody } from '../../validation.ts';

/** A kiosk trades the enrollment code an operator typed in for its device credential. */
export const kioskRoutes =
  (deps: { enrollment: KioskEnrollment; audit: AuditLog; isWithinRate: RateCheck }): FastifyPluginAsync =>
  async (app) => {
    app.post('/api/kiosk/enroll', async (request): Promise<EnrollResponse> => {
      // Codes are 8 digits and short-lived; a per-address limit keeps guessing hopeless.
      if (!(await deps.isWithinRate(request.ip)))
        throw new AppError('RATE_LIMITED', 'too many enrollment attempts');
      const { code } = parseBody(enrollRequestSchema, request.body);
      const { kioskId, credential } = await deps.enrollment.enroll(code);
      await deps.audit.record({
        actor: `kiosk:${kioskId}`,
        action: 'kiosk-enrolled',
        subject: kioskId,
        details: { ip: request.ip },
      });
      return { kioskId: kioskId as EnrollResponse['kioskId'], credential };
    });
  };
