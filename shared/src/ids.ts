import { z } from 'zod';

/**
 * Branded identifiers. Server-generated ids are UUIDs; ids coming from configuration (procedures,
 * kiosks, staff) are short slugs. Branding keeps a consultation id from being passed as a producer id.
 */
const uuid = () => z.uuid();
const slug = () =>
  z
    .string()
    .min(1)
    .max(64)
    .regex(/^[a-z0-9][a-z0-9._-]*$/, 'lowercase letters, digits, ".", "_" or "-"');

export const consultationIdSchema = uuid().brand<'ConsultationId'>();
export type ConsultationId = z.infer<typeof consultationIdSchema>;

export const participantIdSchema = uuid().brand<'ParticipantId'>();
export type ParticipantId = z.infer<typeof participantIdSchema>;

export const transportIdSchema = uuid().brand<'TransportId'>();
export type TransportId = z.infer<typeof transportIdSchema>;

export const producerIdSchema = uuid().brand<'ProducerId'>();
export type ProducerId = z.infer<typeof producerIdSchema>;

export const consumerIdSchema = uuid().brand<'ConsumerId'>();
export type ConsumerId = z.infer<typeof consumerIdSchema>;

export const captureIdSchema = uuid().brand<'CaptureId'>();
export type CaptureId = z.infer<typeof captureIdSchema>;

export const procedureIdSchema = slug().brand<'ProcedureId'>();
export type ProcedureId = z.infer<typeof procedureIdSchema>;

export const kioskIdSchema = slug().brand<'KioskId'>();
export type KioskId = z.infer<typeof kioskIdSchema>;

export const staffIdSchema = slug().brand<'StaffId'>();
export type StaffId = z.infer<typeof staffIdSchema>;

/** Opaque secret that lets a client re-attach to its session after its socket dropped. */
export const resumeTokenSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{43}$/, 'a 32-byte base64url token')
  .brand<'ResumeToken'>();
export type ResumeToken = z.infer<typeof resumeTokenSchema>;
