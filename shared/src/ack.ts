import { z } from 'zod';
import { wireErrorSchema } from './errors.ts';

/** Every command is answered through its acknowledgement with exactly one of these shapes. */
export const ackSchema = <T extends z.ZodType>(data: T) =>
  z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), data }),
    z.object({ ok: z.literal(false), error: wireErrorSchema }),
  ]);

export type Ack<T> = { ok: true; data: T } | { ok: false; error: z.infer<typeof wireErrorSchema> };
