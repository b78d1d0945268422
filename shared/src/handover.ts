import { z } from 'zod';
import { consultationIdSchema, kioskIdSchema, staffIdSchema } from './ids.ts';

/** How a consultation ended, as the clerk records it at wrap-up. */
export const consultationOutcomeSchema = z.enum([
  'completed',
  /** The resident must come to city hall (e.g. an original document is needed in person). */
  'needs-visit',
  /** Passed to another department or organisation. */
  'referred',
  'resident-left',
  'technical-failure',
]);
export type ConsultationOutcome = z.infer<typeof consultationOutcomeSchema>;

/** What the booth's on-site staff (リアル窓口) do for the resident after a remote consultation. */
export const handoverKindSchema = z.enum([
  'hand-over-certificate',
  'receive-original-document',
  'online-service-help',
]);
export type HandoverKind = z.infer<typeof handoverKindSchema>;

export const taskIdSchema = z.uuid().brand<'TaskId'>();
export type TaskId = z.infer<typeof taskIdSchema>;

export const handoverTaskSchema = z.object({
  taskId: taskIdSchema,
  consultationId: consultationIdSchema,
  kioskId: kioskIdSchema,
  boothId: z.string(),
  kind: handoverKindSchema,
  note: z.string().max(300),
  status: z.enum(['open', 'done', 'problem']),
  createdBy: staffIdSchema,
  createdAt: z.iso.datetime(),
  resolvedBy: staffIdSchema.nullable(),
  resolvedAt: z.iso.datetime().nullable(),
  problemNote: z.string().max(300).nullable(),
});
export type HandoverTask = z.infer<typeof handoverTaskSchema>;

export const kioskStateSchema = z.enum(['offline', 'idle', 'waiting', 'in-call', 'out-of-service']);
export type KioskState = z.infer<typeof kioskStateSchema>;

/** What the on-site staff of one booth see: its kiosks, and the tasks handed to them. */
export const boothBoardSchema = z.object({
  boothId: z.string(),
  kiosks: z.array(z.object({ kioskId: kioskIdSchema, state: kioskStateSchema })),
  tasks: z.array(handoverTaskSchema),
});
export type BoothBoard = z.infer<typeof boothBoardSchema>;
