import { z } from 'zod';

/**
 * One JSON object per line; see TRACE-FORMAT.md. Times `t` are seconds since the header's
 * `startAt` (fractions allowed). Lines may come in any order; equal times keep file order.
 */

const id = z.string().min(1).max(128);
const seconds = z
  .number()
  .nonnegative()
  .max(10 * 366 * 86_400);
const duration = z.number().nonnegative().max(86_400);

export const traceHeaderSchema = z
  .object({
    type: z.literal('header'),
    version: z.literal(1),
    /** Wall-clock time of t = 0 (ISO 8601 with offset). Default 2026-04-06T08:00:00+09:00. */
    startAt: z.iso.datetime({ offset: true }).optional(),
    /** `seed` applies the Tama catalog's kiosk hours; `always` (default) never refuses a caller. */
    serviceHours: z.enum(['seed', 'always']).optional(),
    offerTimeoutSec: duration.optional(),
    wrapUpSec: duration.optional(),
    /** How long a clerk takes to accept an offer they will accept. Default 3 s. */
    acceptDelaySec: duration.optional(),
    /** Routing of each procedure; default: the Tama catalog's procedures. */
    procedures: z
      .array(
        z
          .object({
            id,
            steps: z.array(z.object({ afterSec: duration, skills: z.array(id).min(1) }).strict()).min(1),
            typicalHandlingSec: z.number().positive().max(86_400),
            isReservable: z.boolean().optional(),
          })
          .strict(),
      )
      .min(1)
      .optional(),
  })
  .strict();

export const traceClerkSchema = z
  .object({
    type: z.literal('clerk'),
    /** Start of the shift: the clerk signs in. */
    t: seconds,
    clerkId: id,
    skills: z.record(id, z.number().int().min(1).max(5)),
    languages: z.array(id).min(1),
    /** End of the shift: the clerk signs out (after the call in progress, if any). */
    shiftEndT: seconds,
    /** Away periods (lunch, counter duty); each starts after the call in progress, if any. */
    breaks: z.array(z.object({ t: seconds, untilT: seconds, reason: id }).strict()).default([]),
  })
  .strict()
  .refine((c) => c.shiftEndT > c.t, { message: 'shiftEndT must be after t', path: ['shiftEndT'] });

export const traceArrivalSchema = z
  .object({
    type: z.literal('arrival'),
    t: seconds,
    callerId: id,
    procedureId: id,
    kioskId: id.default('kiosk'),
    /** Spoken language needed (ISO 639-1), or null / absent when any clerk will do. */
    language: id.nullable().default(null),
    priority: z.enum(['walk-in', 'reservation']).default('walk-in'),
    /** Slot time of a reservation (default: the arrival time). */
    reservationDueT: seconds.optional(),
    /** Talk time once answered. */
    handlingSec: duration,
    /** The resident gives up if not answered this long after arriving. Absent: never. */
    abandonAfterSec: duration.optional(),
  })
  .strict();

export const traceResponseSchema = z
  .object({
    type: z.literal('clerk-response'),
    t: seconds,
    clerkId: id,
    /** What the clerk does with the first offer they get at or after `t`. */
    response: z.enum(['decline', 'ignore']),
    /** After declining or letting the offer expire, the clerk is back this much later. Default 30 s. */
    returnAfterSec: duration.default(30),
  })
  .strict();

export const traceLineSchema = z.discriminatedUnion('type', [
  traceHeaderSchema,
  traceClerkSchema,
  traceArrivalSchema,
  traceResponseSchema,
]);
export type TraceLine = z.infer<typeof traceLineSchema>;
export type TraceHeader = z.infer<typeof traceHeaderSchema>;
export type TraceClerk = z.infer<typeof traceClerkSchema>;
export type TraceArrival = z.infer<typeof traceArrivalSchema>;
export type TraceResponse = z.infer<typeof traceResponseSchema>;

export class TraceError extends Error {
  override readonly name = 'TraceError';
  readonly code = 'TRACE_INVALID';
  readonly line: number;

  constructor(line: number, message: string) {
    super(`line ${line}: ${message}`);
    this.line = line;
  }
}

/** Parses JSON Lines text; blank lines are skipped. Throws `TraceError` naming the first bad line. */
export function parseTrace(text: string): TraceLine[] {
  const lines: TraceLine[] = [];
  text.split('\n').forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '') return;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch (error) {
      throw new TraceError(line, `not JSON (${(error as Error).message})`);
    }
    const parsed = traceLineSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new TraceError(line, `${issue.path.join('.') || '(line)'}: ${issue.message}`);
    }
    if (parsed.data.type === 'header' && lines.length > 0)
      throw new TraceError(line, 'the header must be the first line');
    lines.push(parsed.data);
  });
  return lines;
}
