import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { captureLimits, consultationIdSchema, documentIdSchema } from '@madoguchi/shared';
import type { KioskEnrollment } from '../../auth/kiosk-enrollment.ts';
import type { StaffAccounts } from '../../auth/staff-accounts.ts';
import type { StaffSessions } from '../../auth/staff-sessions.ts';
import type { SharedDocuments } from '../../captures/shared-documents.ts';
import { AppError } from '../../errors.ts';
import { imageContentTypes, kioskFromAuthorization } from '../kiosk-auth.ts';
import { parseBody } from '../../validation.ts';
import { requireStaff } from '../staff-auth.ts';

/** A clerk shows a form or an explanation on the kiosk; the kiosk fetches it. */
export const documentRoutes =
  (deps: {
    documents: SharedDocuments;
    enrollment: KioskEnrollment;
    sessions: StaffSessions;
    accounts: StaffAccounts;
  }): FastifyPluginAsync =>
  async (app) => {
    app.addContentTypeParser(
      imageContentTypes,
      { parseAs: 'buffer', bodyLimit: captureLimits.maxBytes },
      (_request, body, done) => done(null, body),
    );
    const clerk = requireStaff(deps, ['clerk']);

    app.post(
      '/api/consultations/:consultationId/documents',
      // Checked before the body is read, so an anonymous upload costs the server nothing.
      { onRequest: clerk, bodyLimit: captureLimits.maxBytes },
      async (request) => {
        const { consultationId } = parseBody(
          z.object({ consultationId: consultationIdSchema }),
          request.params,
        );
        if (!Buffer.isBuffer(request.body)) throw AppError.validation('document: send JPEG or PNG bytes');
        const contentType = request.headers['content-type']?.split(';')[0]?.trim();
        const { documentId, width, height } = deps.documents.push(
          request.staff!.account.staffId,
          consultationId,
          contentType,
          request.body,
        );
        return { documentId, width, height };
      },
    );

    app.get('/api/documents/:documentId', async (request, reply) => {
      const kioskId = await kioskFromAuthorization(request.headers.authorization, deps.enrollment);
      const { documentId } = parseBody(z.object({ documentId: documentIdSchema }), request.params);
      const { mimeType, bytes } = deps.documents.read(kioskId, documentId);
      void reply.header('content-type', mimeType).header('cache-control', 'no-store');
      return bytes;
    });
  };
