import { z } from 'zod';
import { documentIdSchema } from '../events.ts';
import { staffAccountSchema } from '../http.ts';

// Answers the server gives whose schemas the contract in `http.ts` does not have yet; they belong
// there, next to the routes' request schemas, and move once the contract is next touched.

/** `GET /api/admin/staff`. */
export const staffListResponseSchema = z.object({ staff: z.array(staffAccountSchema) });
export type StaffListResponse = z.infer<typeof staffListResponseSchema>;

/** `POST /api/auth/logout`. */
export const logoutResponseSchema = z.object({});

/** `POST /api/auth/logout-everywhere`: how many sessions (this one included) ended. */
export const logoutEverywhereResponseSchema = z.object({ endedSessions: z.number().int() });

/** `POST /api/consultations/<consultationId>/documents`: the pushed image, as stored. */
export const documentUploadResponseSchema = z.object({
  documentId: documentIdSchema,
  width: z.number().int().positive(),
  height: z.number().int().positive(),
});
export type DocumentUploadResponse = z.infer<typeof documentUploadResponseSchema>;
