import { z } from 'zod';

/**
 * Every change of routing state is one of these events. They are plain JSON, carry the time they
 * happened (`at`, epoch ms) and are enough, replayed in order, to rebuild the engine exactly.
 */

const id = z.string().min(1).max(128);
const at = z.number().int().nonnegative();
const stepSchema = z.object({ afterMs: z.number().int().nonnegative(), skills: z.array(id).min(1) });

export const callerEnqueuedSchema = z.object({
  type: z.literal('caller-enqueued'),
  at,
  callerId: id,
  /** Queue order within a priority class. */
  seq: z.number().int().nonnegative(),
  procedureId: id,
  kioskId: id,
  language: id.nullable(),
  priority: z.number().int().min(0).max(9),
  /** Snapshot of the procedure's routing, so a later catalog change does not move waiting callers. */
  steps: z.array(stepSchema).min(1),
  /** Reservation not yet due: the caller is raised to `promoteTo` at this time. */
  promoteAt: at.nullable(),
  promoteTo: z.number().int().min(0).max(9).nullable(),
  typicalHandlingMs: z.number().int().positive(),
});

export const callerStepAdvancedSchema = z.object({
  type: z.literal('caller-step-advanced'),
  at,
  callerId: id,
  step: z.number().int().positive(),
});

export const callerPromotedSchema = z.object({
  type: z.literal('caller-promoted'),
  at,
  callerId: id,
  priority: z.number().int().min(0).max(9),
});

export const callerAbandonedSchema = z.object({ type: z.literal('caller-abandoned'), at, callerId: id });

export const offerMadeSchema = z.object({
  type: z.literal('offer-made'),
  at,
  callerId: id,
  clerkId: id,
  expiresAt: at,
});

export const offerAcceptedSchema = z.object({
  type: z.literal('offer-accepted'),
  at,
  callerId: id,
  clerkId: id,
});

/** Declined or expired: the caller returns to its place, the clerk becomes not-responding. */
export const offerRejectedSchema = z.object({
  type: z.literal('offer-rejected'),
  at,
  callerId: id,
  clerkId: id,
  reason: z.enum(['declined', 'expired']),
});

/** Taken back without blaming the clerk: the caller left, or the clerk went away or signed out. */
export const offerWithdrawnSchema = z.object({
  type: z.literal('offer-withdrawn'),
  at,
  callerId: id,
  clerkId: id,
  reason: z.enum(['caller-abandoned', 'clerk-away', 'clerk-signed-out']),
});

export const callCompletedSchema = z.object({
  type: z.literal('call-completed'),
  at,
  callerId: id,
  clerkId: id,
  procedureId: id,
  handledMs: z.number().int().nonnegative(),
  /** End of the clerk's wrap-up; null when the clerk is available at once. */
  wrapUpUntil: at.nullable(),
});

export const clerkSignedInSchema = z.object({
  type: z.literal('clerk-signed-in'),
  at,
  clerkId: id,
  skills: z.record(id, z.number().int().min(1).max(5)),
  languages: z.array(id).min(1),
});

export const clerkAvailableSchema = z.object({
  type: z.literal('clerk-available'),
  at,
  clerkId: id,
  cause: z.enum(['returned', 'wrap-up-ended']),
});

export const clerkAwaySchema = z.object({
  type: z.literal('clerk-away'),
  at,
  clerkId: id,
  reason: z.string().min(1).max(64),
});

export const clerkSignedOutSchema = z.object({ type: z.literal('clerk-signed-out'), at, clerkId: id });

export const queueEventSchema = z.discriminatedUnion('type', [
  callerEnqueuedSchema,
  callerStepAdvancedSchema,
  callerPromotedSchema,
  callerAbandonedSchema,
  offerMadeSchema,
  offerAcceptedSchema,
  offerRejectedSchema,
  offerWithdrawnSchema,
  callCompletedSchema,
  clerkSignedInSchema,
  clerkAvailableSchema,
  clerkAwaySchema,
  clerkSignedOutSchema,
]);
export type QueueEvent = z.infer<typeof queueEventSchema>;
export type QueueEventType = QueueEvent['type'];
export type QueueEventOf<T extends QueueEventType> = Extract<QueueEvent, { type: T }>;
