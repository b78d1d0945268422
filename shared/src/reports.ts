import { z } from 'zod';

/** Figures the city reports, for a period; every duration in seconds. */
export const kpiGroupBySchema = z.enum(['day', 'weekday', 'hour', 'booth', 'procedure', 'language']);
export type KpiGroupBy = z.infer<typeof kpiGroupBySchema>;

export const kpiQuerySchema = z
  .object({
    /** Inclusive start and exclusive end, as dates in Asia/Tokyo (YYYY-MM-DD). */
    from: z.iso.date(),
    to: z.iso.date(),
    groupBy: kpiGroupBySchema.default('day'),
    /** Demo records are kept apart from real ones and shown only when asked for. */
    demo: z.enum(['true', 'false']).default('false'),
  })
  .strict();
export type KpiQuery = z.infer<typeof kpiQuerySchema>;

export const kpiFiguresSchema = z.object({
  /** Residents who pressed call. */
  consultations: z.number().int(),
  answered: z.number().int(),
  /** Left before a clerk answered (cancelled or gone). */
  abandoned: z.number().int(),
  abandonmentRate: z.number().nullable(),
  waitMeanSec: z.number().nullable(),
  waitP90Sec: z.number().nullable(),
  /** Share answered within 60 s, of those answered or abandoned. */
  serviceLevel60s: z.number().nullable(),
  handlingMeanSec: z.number().nullable(),
  outcomes: z.record(z.string(), z.number().int()),
  surveys: z.number().int(),
  /** Share of survey answers 4 or 5: the city's KGI, against its 80 % target. */
  satisfiedShare: z.number().nullable(),
});
export type KpiFigures = z.infer<typeof kpiFiguresSchema>;

export const kpiReportSchema = z.object({
  from: z.iso.date(),
  to: z.iso.date(),
  groupBy: kpiGroupBySchema,
  isDemo: z.boolean(),
  satisfactionTarget: z.number(),
  total: kpiFiguresSchema,
  groups: z.array(z.object({ key: z.string(), figures: kpiFiguresSchema })),
});
export type KpiReport = z.infer<typeof kpiReportSchema>;

/** The national procedure book's KPIs for a period, with the change against a baseline period. */
export const nationalReportQuerySchema = z
  .object({
    from: z.iso.date(),
    to: z.iso.date(),
    baselineFrom: z.iso.date(),
    baselineTo: z.iso.date(),
    demo: z.enum(['true', 'false']).default('false'),
  })
  .strict();

export const nationalReportSchema = z.object({
  from: z.iso.date(),
  to: z.iso.date(),
  isDemo: z.boolean(),
  /** Remote-window usage: consultations per booth and per opening day. */
  usage: z.array(
    z.object({
      boothId: z.string(),
      consultations: z.number().int(),
      openingDays: z.number().int(),
      perOpeningDay: z.number().nullable(),
    }),
  ),
  /** Procedures handled remotely in the period (answered at least once). */
  proceduresHandled: z.array(z.object({ procedureId: z.string(), answered: z.number().int() })),
  /** Number of remote windows: booths open and their kiosks. */
  windows: z.object({ booths: z.number().int(), kiosks: z.number().int() }),
  waiting: z.object({
    meanSec: z.number().nullable(),
    p90Sec: z.number().nullable(),
    baselineMeanSec: z.number().nullable(),
    baselineP90Sec: z.number().nullable(),
  }),
  satisfaction: z.object({ share: z.number().nullable(), target: z.number(), answers: z.number().int() }),
});
export type NationalReport = z.infer<typeof nationalReportSchema>;
