import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
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
/** A supervisor's reason for opening a capture, recorded in the audit log with the view. */
const viewQuerySchema = z.object({ reason: z.string().trim().min(1).max(500).optional() });

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

    app.put(
      '/api/captures/:captureId',
      {
        bodyLimit: captureLimits.maxBytes,
        // Before a byte of the body is read: an anonymous upload costs the server nothing.
        onRequest: async (request) => {
          request.kioskId = await kioskFromAuthorization(request.headers.authorization, deps.enrollment);
        },
      },
      async (request) => {
        const kioskId = request.kioskId!;
        const { captureId } = parseBody(paramsSchema, request.params);
        if (!Buffer.isBuffer(request.body)) throw AppError.validation('image: send JPEG or PNG bytes');
        const contentType = request.headers['content-type']?.split(';')[0]?.trim();
        return { captureId, ...(await deps.captures.upload(kioskId, captureId, contentType, request.body)) };
      },
    );

    // Administrators never: they run the system, they do not serve residents.
    const staff = requireStaff(deps, ['clerk', 'supervisor']);
    const viewerOf = (request: FastifyRequest) => ({
      ...request.staff!.account,
      reason: parseBody(viewQuerySchema, request.query, 'query').reason,
    });

    app.get('/api/captures/:captureId', { preHandler: staff }, async (request, reply) => {
      const { captureId } = parseBody(paramsSchema, request.params);
      const { mimeType, bytes } = await deps.captures.view(viewerOf(request), captureId);
      void reply.header('content-type', mimeType).header('cache-control', 'no-store');
      return bytes;
    });

    app.get('/api/captures/:captureId/strokes', { preHandler: staff }, async (request, reply) => {
      const { captureId } = parseBody(paramsSchema, request.params);
      void reply.header('cache-control', 'no-store');
      return {
        strokes: (await deps.captures.strokesOf(viewerOf(request), captureId)) as {
          points: StrokePoint[];
        }[],
      };
    });
  };
