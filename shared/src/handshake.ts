import { z } from 'zod';
import { kioskIdSchema, resumeTokenSchema, staffIdSchema } from './ids.ts';

/**
 * What a client presents when its socket connects. Identity is self-declared until staff accounts
 * and kiosk enrollment exist; the shape already separates the two kinds of client.
 */
export const handshakeAuthSchema = z.discriminatedUnion('role', [
  z.object({
    role: z.literal('kiosk'),
    kioskId: kioskIdSchema,
    resumeToken: resumeTokenSchema.optional(),
  }),
  z.object({
    role: z.literal('clerk'),
    staffId: staffIdSchema,
    displayName: z.string().trim().min(1).max(64),
    resumeToken: resumeTokenSchema.optional(),
  }),
  z.object({
    role: z.literal('supervisor'),
    staffId: staffIdSchema,
    displayName: z.string().trim().min(1).max(64),
    resumeToken: resumeTokenSchema.optional(),
  }),
]);
export type HandshakeAuth = z.infer<typeof handshakeAuthSchema>;
