import { z } from 'zod';
import { resumeTokenSchema } from './ids.ts';

/**
 * With a resume token: the sequence number of the last fact this client received, so the server
 * replays every later one, including those sent to a socket that had silently died.
 */
const lastFactSeqSchema = z.number().int().min(0).optional();

/** A kiosk's device credential, received once at enrollment. */
export const kioskCredentialSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'a kiosk device credential');

/**
 * What a client presents when its socket connects. A kiosk shows its device credential; staff are
 * identified by their login session cookie (sent by the browser with the handshake), so the
 * socket never carries a password or a self-declared identity.
 */
export const handshakeAuthSchema = z.discriminatedUnion('role', [
  z.object({
    role: z.literal('kiosk'),
    credential: kioskCredentialSchema,
    resumeToken: resumeTokenSchema.optional(),
    lastFactSeq: lastFactSeqSchema,
  }),
  z.object({
    role: z.literal('staff'),
    resumeToken: resumeTokenSchema.optional(),
    lastFactSeq: lastFactSeqSchema,
  }),
]);
export type HandshakeAuth = z.infer<typeof handshakeAuthSchema>;
