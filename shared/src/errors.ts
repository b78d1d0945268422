import { z } from 'zod';
import { catalogIssueSchema } from './catalog/issues.ts';

/**
 * Every error a client can receive carries one of these codes. Messages are for people and logs;
 * clients branch on the code only.
 */
export const errorCodes = [
  /** The payload did not match the event's schema. */
  'VALIDATION_FAILED',
  /** The handshake carried no valid identity. */
  'UNAUTHENTICATED',
  /** Too many failed logins; the message says until when the account is locked. */
  'ACCOUNT_LOCKED',
  /** The account's password was reset: it must be changed before anything else is allowed. */
  'PASSWORD_CHANGE_REQUIRED',
  /** A password change was refused: the current password is wrong, or the new one too weak or reused. */
  'PASSWORD_REJECTED',
  /** A second-factor code (TOTP or recovery code) is wrong, or was used already. */
  'SECOND_FACTOR_REJECTED',
  /** An administrator may not do this to their own account (disable it, change its role, reset it). */
  'SELF_CHANGE_REFUSED',
  /** The change would leave no active administrator. */
  'LAST_ADMINISTRATOR',
  /** The caller's role may not send this event. */
  'FORBIDDEN',
  /** The referenced consultation, transport, producer or consumer does not exist for this caller. */
  'NOT_FOUND',
  /** The request is valid but not in the current state (e.g. accepting a call already taken). */
  'INVALID_STATE',
  /** The media server refused the parameters (e.g. unsupported codec, bad DTLS fingerprint). */
  'MEDIA_REJECTED',
  /** No media capacity is available right now (all workers down or full). */
  'MEDIA_UNAVAILABLE',
  /** The resume token is unknown or its grace period has passed. */
  'SESSION_EXPIRED',
  /** A catalogue failed its rules; `issues` name each path and what is wrong. */
  'CATALOG_INVALID',
  /** A save named a revision that is no longer the latest: someone else saved meanwhile. */
  'REVISION_CONFLICT',
  /** A catalogue change would strand live work (someone waiting, a kiosk in a call); `issues` say where. */
  'CATALOG_IN_USE',
  /** Too many requests. */
  'RATE_LIMITED',
  /** The server did not answer in time (client-side only). */
  'TIMEOUT',
  /** Anything unexpected; details are only in the server log. */
  'INTERNAL',
] as const;

export const errorCodeSchema = z.enum(errorCodes);
export type ErrorCode = z.infer<typeof errorCodeSchema>;

export const wireErrorSchema = z.object({
  code: errorCodeSchema,
  message: z.string().max(500),
  /** Per-field problems, for refusals about a document (a catalogue). */
  issues: z.array(catalogIssueSchema).max(200).optional(),
});
export type WireError = z.infer<typeof wireErrorSchema>;
