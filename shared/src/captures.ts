import { z } from 'zod';
import { captureIdSchema, consultationIdSchema } from './ids.ts';

/**
 * What a clerk can ask the kiosk for during a call: a full-resolution still of the document
 * camera, or the resident's signature on the pad. Both are stored with the consultation,
 * encrypted, and deleted when their retention period ends.
 */
export const captureKindSchema = z.enum(['document-still', 'signature']);
export type CaptureKind = z.infer<typeof captureKindSchema>;

/** Images the kiosk may upload, checked by content, not by name. */
export const captureMimeTypes = ['image/jpeg', 'image/png'] as const;
export const captureLimits = {
  maxBytes: 15 * 1024 * 1024,
  maxWidth: 8192,
  maxHeight: 8192,
  maxStrokesPerMessage: 50,
  maxPointsPerStroke: 2_000,
  maxStrokesPerSignature: 300,
} as const;

/** One point of a stroke: position in [0, 1] of the pad's width and height, pressure, ms since the first point. */
export const strokePointSchema = z.object({
  x: z.number().min(0).max(1),
  y: z.number().min(0).max(1),
  p: z.number().min(0).max(1),
  t: z.number().int().min(0).max(3_600_000),
});
export type StrokePoint = z.infer<typeof strokePointSchema>;

export const strokeSchema = z.object({
  points: z.array(strokePointSchema).min(1).max(captureLimits.maxPointsPerStroke),
});
export type Stroke = z.infer<typeof strokeSchema>;

export const captureRequestSchema = z
  .object({ consultationId: consultationIdSchema, kind: captureKindSchema })
  .strict();

export const captureStoredSchema = z.object({
  consultationId: consultationIdSchema,
  captureId: captureIdSchema,
  kind: captureKindSchema,
  mimeType: z.enum(captureMimeTypes),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  byteLength: z.number().int().positive(),
});
export type CaptureStored = z.infer<typeof captureStoredSchema>;

export const captureUploadResponseSchema = z.object({
  captureId: captureIdSchema,
  width: z.number().int(),
  height: z.number().int(),
});

/** Header that carries a kiosk's device credential on HTTP requests (`Kiosk <credential>`). */
export const kioskAuthorizationScheme = 'Kiosk';
