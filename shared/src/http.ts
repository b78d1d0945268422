import { z } from 'zod';
import { wireErrorSchema } from './errors.ts';
import { procedureSchema, staffRoleSchema } from './consultation.ts';
import { kioskCredentialSchema } from './handshake.ts';
import { kioskIdSchema, staffIdSchema } from './ids.ts';

export const proceduresResponseSchema = z.object({ procedures: z.array(procedureSchema) });
export type ProceduresResponse = z.infer<typeof proceduresResponseSchema>;

export const healthResponseSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  mediaWorkers: z.object({ alive: z.number().int(), expected: z.number().int() }),
});
export type HealthResponse = z.infer<typeof healthResponseSchema>;

/** Body of every HTTP error response. */
export const httpErrorBodySchema = z.object({ error: wireErrorSchema });

/** Name of the HttpOnly cookie that carries a staff login session. */
export const sessionCookieName = 'madoguchi_session';
/** Header that must repeat the session's CSRF token on every state-changing request. */
export const csrfHeaderName = 'x-csrf-token';

export const loginRequestSchema = z
  .object({ staffId: staffIdSchema, password: z.string().min(1).max(256) })
  .strict();
export type LoginRequest = z.infer<typeof loginRequestSchema>;

export const staffSessionSchema = z.object({
  staffId: staffIdSchema,
  displayName: z.string(),
  role: staffRoleSchema,
  csrfToken: z.string(),
  expiresAt: z.iso.datetime(),
  /** The password was reset by an administrator: nothing else works until it is changed. */
  mustChangePassword: z.boolean().default(false),
  /** A TOTP second factor is confirmed for the account. */
  hasSecondFactor: z.boolean().default(false),
});
export type StaffSessionView = z.infer<typeof staffSessionSchema>;

/** The password was right; the account has a second factor, whose code comes next. No cookie yet. */
export const secondFactorChallengeSchema = z.object({
  isSecondFactorRequired: z.literal(true),
  /** Presented with the code; it is good for one login from the same address until `expiresAt`. */
  challenge: z.string(),
  expiresAt: z.iso.datetime(),
});
export type SecondFactorChallenge = z.infer<typeof secondFactorChallengeSchema>;
/** What a login answers: the session, or the second factor's challenge. */
export const loginResponseSchema = z.union([staffSessionSchema, secondFactorChallengeSchema]);
export type LoginResponse = z.infer<typeof loginResponseSchema>;
export const secondFactorLoginRequestSchema = z
  .object({
    challenge: z.string().min(1).max(100),
    /** Six digits from the authenticator app, or one of the recovery codes. */
    code: z.string().trim().min(1).max(40),
  })
  .strict();

/** The start of an enrolment: shown once, for the authenticator app. */
export const secondFactorEnrolmentSchema = z.object({
  /** The secret in base32, for typing in by hand. */
  secret: z.string(),
  /** otpauth://totp/… for an app that reads it (or a QR code of it). */
  uri: z.string(),
});
export type SecondFactorEnrolment = z.infer<typeof secondFactorEnrolmentSchema>;
export const secondFactorCodeRequestSchema = z.object({ code: z.string().trim().min(1).max(40) }).strict();
/** The enrolment is confirmed: single-use recovery codes, shown this once. */
export const recoveryCodesResponseSchema = z.object({ recoveryCodes: z.array(z.string()) });
export const secondFactorResetResponseSchema = z.object({
  staffId: staffIdSchema,
  /** False when the account had no second factor to remove. */
  wasEnrolled: z.boolean(),
});
export type SecondFactorResetResponse = z.infer<typeof secondFactorResetResponseSchema>;

export const enrollRequestSchema = z
  .object({ code: z.string().regex(/^\d{8}$/, 'an 8-digit code') })
  .strict();
export const enrollResponseSchema = z.object({ kioskId: kioskIdSchema, credential: kioskCredentialSchema });
export type EnrollResponse = z.infer<typeof enrollResponseSchema>;

export const boothIdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9._-]*$/);

export const createStaffRequestSchema = z
  .object({
    staffId: staffIdSchema,
    displayName: z.string().trim().min(1).max(64),
    role: staffRoleSchema,
    password: z.string().min(1).max(256),
    /** On-site staff work at one booth and see only its kiosks; required for them, refused for others. */
    boothId: boothIdSchema.optional(),
  })
  .strict()
  .refine((body) => (body.role === 'onsite') === (body.boothId !== undefined), {
    message: 'on-site staff need a booth; other roles have none',
    path: ['boothId'],
  });
export const staffAccountSchema = z.object({
  staffId: staffIdSchema,
  displayName: z.string(),
  role: staffRoleSchema,
  boothId: z.string().nullable(),
  isDisabled: z.boolean(),
  mustChangePassword: z.boolean().default(false),
  hasSecondFactor: z.boolean().default(false),
});
export type StaffAccountView = z.infer<typeof staffAccountSchema>;

/** A staff member changes their own password (also the forced change after a reset). */
export const changePasswordRequestSchema = z
  .object({
    currentPassword: z.string().min(1).max(256),
    newPassword: z.string().min(1).max(256),
  })
  .strict();
export type ChangePasswordRequest = z.infer<typeof changePasswordRequestSchema>;
export const changePasswordResponseSchema = z.object({
  /** Other sessions of the account that were ended. */
  endedSessions: z.number().int(),
});

/** An administrator gives an account another role (and booth, for on-site staff). */
export const changeRoleRequestSchema = z
  .object({ role: staffRoleSchema, boothId: boothIdSchema.optional() })
  .strict()
  .refine((body) => (body.role === 'onsite') === (body.boothId !== undefined), {
    message: 'on-site staff need a booth; other roles have none',
    path: ['boothId'],
  });
export type ChangeRoleRequest = z.infer<typeof changeRoleRequestSchema>;

/** A reset password, shown once to the administrator, to be changed at the next login. */
export const passwordResetResponseSchema = z.object({
  staffId: staffIdSchema,
  temporaryPassword: z.string(),
});
export type PasswordResetResponse = z.infer<typeof passwordResetResponseSchema>;
export const endSessionsResponseSchema = z.object({ endedSessions: z.number().int() });

export const enrollmentCodeResponseSchema = z.object({
  kioskId: kioskIdSchema,
  code: z.string(),
  expiresAt: z.iso.datetime(),
});
export const kioskRevocationResponseSchema = z.object({
  kioskId: kioskIdSchema,
  revokedCredentials: z.number().int(),
});

export const kioskListingSchema = z.object({
  kioskId: kioskIdSchema,
  boothId: z.string(),
  boothName: z.object({ ja: z.string(), en: z.string() }),
  /** Booths being planned (e.g. 永山) have kiosks that cannot take calls yet. */
  isBoothOpen: z.boolean(),
  /** Whether a device credential is active for this kiosk. */
  isEnrolled: z.boolean(),
});
export type KioskListing = z.infer<typeof kioskListingSchema>;
export const kioskListResponseSchema = z.object({ kiosks: z.array(kioskListingSchema) });

export const auditEntrySchema = z.object({
  at: z.iso.datetime(),
  actor: z.string(),
  action: z.string(),
  subject: z.string().nullable(),
  /** What else the action recorded (ids, counts, an address); never personal data. */
  details: z.record(z.string(), z.unknown()).nullable(),
});
export const auditLogResponseSchema = z.object({ entries: z.array(auditEntrySchema) });
export type AuditEntry = z.infer<typeof auditEntrySchema>;
