import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { captureIdSchema, captureLimits, type StrokePoint } from '@madoguchi/shared';
import type { KioskEnrollment } from '../../auth/kiosk-enrollment.ts';
import type { StaffAccounts } from '../../auth/staff-accounts.ts';
import type { StaffSessions } from '../../auth/staff-sessions.ts';
import type { CaptureService } from '../../captures/capture-service.ts';
import { AppError } from '../../errors.ts';
import { imageContentTypes, kioskFromAuthorization } from '../kiosk-auth.ts';
import { parseBody } from '../../validation.ts';
import { requireStaff } from '../staff-auth.ts';

const paramsSchema = z.object({ captureId: captureIdSchema });

export interface CaptureRoutesDeps {
  captures: CaptureService;
  enrollment: KioskEnrollment;
  sessions: StaffSessions;
  accounts: StaffAccounts;
}

/** Upload of stills and signature images by kiosks; viewing by the staff allowed to see them. */
export const captureRoutes =
  (deps: CaptureRoutesDeps): FastifyPluginAsync =>
  async (app) => {
    // Images arrive as raw bytes; the type is decided by their content, not by this header.
    app.addContentTypeParser(
      imageContentTypes,
      { parseAs: 'buffer', bodyLimit: captureLimits.maxBytes },
      (_request, body, done) => done(null, body),
    );

    app.put('/api/captures/:captureId', { bodyLimit: captureLimits.maxBytes }, async (request) => {
      const kioskId = await kioskFromAuthorization(request.headers.authorization, deps.enrollment);
      const { captureId } = parseBody(paramsSchema, request.params);
      if (!Buffer.isBuffer(request.body)) throw AppError.validation('image: send JPEG or PNG bytes');
      const contentType = request.headers['content-type']?.split(';')[0]?.trim();
      return { captureId, ...(await deps.captures.upload(kioskId, captureId, contentType, request.body)) };
    });

    const staff = requireStaff(deps, ['clerk', 'supervisor', 'admin']);

    app.get('/api/captures/:captureId', { preHandler: staff }, async (request, reply) => {
      const { captureId } = parseBody(paramsSchema, request.params);
      const { account } = request.staff!;
      const { mimeType, bytes } = await deps.captures.view(account, captureId);
      void reply.header('content-type', mimeType).header('cache-control', 'no-store');
      return bytes;
    });

    app.get('/api/captures/:captureId/strokes', { preHandler: staff }, async (request, reply) => {
      const { captureId } = parseBody(paramsSchema, request.params);
      void reply.header('cache-control', 'no-store');
      return {
        strokes: (await deps.captures.strokesOf(request.staff!.account, captureId)) as {
          points: StrokePoint[];
        }[],
      };
    });
  };
