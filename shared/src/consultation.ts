import { z } from 'zod';
import {
  consultationIdSchema,
  kioskIdSchema,
  participantIdSchema,
  procedureIdSchema,
  staffIdSchema,
} from './ids.ts';

/**
 * Languages a resident can choose at the kiosk (やさしい日本語 is plain Japanese for residents who
 * read little Japanese); the clerk sees the choice. The staff console itself speaks ja and en.
 */
export const languageSchema = z.enum(['ja', 'ja-easy', 'en', 'zh-Hans', 'ko', 'vi']);
export type Language = z.infer<typeof languageSchema>;

/** Languages of the staff console. */
export const staffLanguageSchema = z.enum(['ja', 'en']);
export type StaffLanguage = z.infer<typeof staffLanguageSchema>;

/** Who is on the other end of a socket: a booth's kiosk, or a member of staff by role. */
export const participantRoleSchema = z.enum(['kiosk', 'clerk', 'onsite', 'supervisor', 'admin']);
export type ParticipantRole = z.infer<typeof participantRoleSchema>;

/**
 * Staff roles: headquarters clerk, on-site staff at a booth (リアル窓口), supervisor, administrator.
 */
export const staffRoleSchema = z.enum(['clerk', 'onsite', 'supervisor', 'admin']);
export type StaffRole = z.infer<typeof staffRoleSchema>;

export const consultationStatusSchema = z.enum(['waiting', 'offered', 'active', 'ended']);
export type ConsultationStatus = z.infer<typeof consultationStatusSchema>;

export const consultationEndReasonSchema = z.enum([
  /** A participant ended the call. */
  'hung-up',
  /** The resident cancelled before anyone answered. */
  'cancelled',
  /** A participant's connection was lost and did not come back within the grace period. */
  'participant-left',
  /** The media worker carrying the consultation died. */
  'media-failure',
]);
export type ConsultationEndReason = z.infer<typeof consultationEndReasonSchema>;

export const staffStatusSchema = z.enum([
  'offline',
  'available',
  'offered',
  'busy',
  /** After a call, for the notes; the clerk becomes available again by itself. */
  'wrap-up',
  'away',
  /** Let an offered call ring out; no calls until the clerk says they are available again. */
  'not-responding',
]);
export type StaffStatus = z.infer<typeof staffStatusSchema>;

export const awayReasonSchema = z.enum(['break', 'meeting', 'training', 'other']);
export type AwayReason = z.infer<typeof awayReasonSchema>;

const timestamp = z.iso.datetime();

export const consultationViewSchema = z.object({
  consultationId: consultationIdSchema,
  procedureId: procedureIdSchema,
  kioskId: kioskIdSchema,
  language: languageSchema,
  status: consultationStatusSchema,
  staff: z.array(
    z.object({ participantId: participantIdSchema, staffId: staffIdSchema, displayName: z.string() }),
  ),
  requestedAt: timestamp,
  answeredAt: timestamp.nullable(),
  endedAt: timestamp.nullable(),
  endReason: consultationEndReasonSchema.nullable(),
  /** A transfer to another procedure in progress: the resident stays on the line until it is answered. */
  transfer: z.object({ procedureId: procedureIdSchema, status: z.enum(['waiting', 'offered']) }).nullable(),
});
export type ConsultationView = z.infer<typeof consultationViewSchema>;

/** A text in every resident language (the server fills gaps from ja or en). */
export const localizedTextSchema = z.object({
  ja: z.string().min(1),
  'ja-easy': z.string().min(1),
  en: z.string().min(1),
  'zh-Hans': z.string().min(1),
  ko: z.string().min(1),
  vi: z.string().min(1),
});
export type LocalizedText = z.infer<typeof localizedTextSchema>;

export const procedureSchema = z.object({
  id: procedureIdSchema,
  name: localizedTextSchema,
});
export type Procedure = z.infer<typeof procedureSchema>;
