import { z } from 'zod';
import { wireErrorSchema } from './errors.ts';
import { procedureSchema } from './consultation.ts';

export const proceduresResponseSchema = z.object({ procedures: z.array(procedureSchema) });
export type ProceduresResponse = z.infer<typeof proceduresResponseSchema>;

export const healthResponseSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  mediaWorkers: z.object({ alive: z.number().int(), expected: z.number().int() }),
});
export type HealthResponse = z.infer<typeof healthResponseSchema>;

/** Body of every HTTP error response. */
export const httpErrorBodySchema = z.object({ error: wireErrorSchema });
