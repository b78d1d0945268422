import { z } from 'zod';
import { kioskIdSchema, procedureIdSchema, staffIdSchema } from '../ids.ts';

/**
 * Domain configuration of a municipality's remote windows: what residents can ask for, who can
 * answer, where the kiosks stand and when the service runs. Everything here is data (a JSON file),
 * so a city can change its procedures, staff and holidays without a code change. The server and the
 * administrators' console validate it with these same rules.
 */

const slug = () =>
  z
    .string()
    .min(1)
    .max(64)
    .regex(/^[a-z0-9][a-z0-9._-]*$/, 'lowercase letters, digits, ".", "_" or "-"');
const text = z.string().trim().min(1).max(200);
/** Marks the refinements that compare two values, so a form can say "out of order" in its own words. */
const order = { issue: 'order' } as const;

/** Languages the kiosk UI can be shown in. `ja-easy` is やさしい日本語 (plain Japanese). */
export const uiLanguageSchema = z.enum(['ja', 'ja-easy', 'en', 'zh-Hans', 'ko', 'vi']);
export type UiLanguage = z.infer<typeof uiLanguageSchema>;

/** Names shown to residents: Japanese and English are required, the others fall back to them. */
export const localizedNamesSchema = z
  .object({
    ja: text,
    en: text,
    'ja-easy': text.optional(),
    'zh-Hans': text.optional(),
    ko: text.optional(),
    vi: text.optional(),
  })
  .strict();
export type LocalizedNames = z.infer<typeof localizedNamesSchema>;

/** A language a clerk can hold a conversation in (ISO 639-1), independent of the UI language. */
export const spokenLanguageSchema = z.string().regex(/^[a-z]{2,3}$/, 'an ISO 639 language code such as "ja"');
export type SpokenLanguage = z.infer<typeof spokenLanguageSchema>;

export const skillIdSchema = slug().brand<'SkillId'>();
export type SkillId = z.infer<typeof skillIdSchema>;

export const skillGroupIdSchema = slug().brand<'SkillGroupId'>();
export type SkillGroupId = z.infer<typeof skillGroupIdSchema>;

export const boothIdSchema = slug().brand<'BoothId'>();
export type BoothId = z.infer<typeof boothIdSchema>;

export const skillSchema = z.object({ id: skillIdSchema, name: localizedNamesSchema }).strict();
export type Skill = z.infer<typeof skillSchema>;

/** A named set of skills; a clerk belongs to the group when they hold any one of them. */
export const skillGroupSchema = z
  .object({ id: skillGroupIdSchema, name: localizedNamesSchema, skills: z.array(skillIdSchema).min(1) })
  .strict();
export type SkillGroup = z.infer<typeof skillGroupSchema>;

export const procedureSchema = z
  .object({
    id: procedureIdSchema,
    name: localizedNamesSchema,
    /** Skill a clerk must hold to be offered the call at first. */
    requiredSkill: skillIdSchema,
    /** Typical handling time; the wait estimate starts from it until real calls are measured. */
    typicalHandlingMinutes: z.number().positive().max(240),
    /**
     * After `afterSeconds` of waiting the caller may also be offered to any clerk of the group.
     * Null keeps the call with specialists only (e.g. おくやみ).
     */
    fallback: z
      .object({ skillGroup: skillGroupIdSchema, afterSeconds: z.number().int().positive().max(7200) })
      .strict()
      .nullable(),
    /** Whether residents can book a slot; a booked resident outranks walk-ins once the slot is due. */
    isReservable: z.boolean(),
  })
  .strict();
export type Procedure = z.infer<typeof procedureSchema>;

/** Proficiency 1 (can handle with help) to 5 (expert / trainer). */
export const proficiencySchema = z.number().int().min(1).max(5);

export const clerkSchema = z
  .object({
    id: staffIdSchema,
    displayName: text,
    skills: z.record(skillIdSchema, proficiencySchema),
    languages: z.array(spokenLanguageSchema).min(1),
  })
  .strict();
export type Clerk = z.infer<typeof clerkSchema>;

const timeOfDaySchema = z
  .string()
  .regex(/^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'a local time "HH:MM" between 00:00 and 24:00');
const localDateSchema = z.iso.date();

export const intervalSchema = z
  .object({ open: timeOfDaySchema, close: timeOfDaySchema })
  .strict()
  .refine((i) => i.open < i.close, { message: 'open must be before close', path: ['close'], params: order });
export type Interval = z.infer<typeof intervalSchema>;

/** Intervals of one day, ascending and not overlapping. */
const dayIntervalsSchema = z
  .array(intervalSchema)
  .refine((list) => list.every((interval, i) => i === 0 || list[i - 1]!.close <= interval.open), {
    message: 'intervals must be ascending and must not overlap',
    params: order,
  });

export const weekdays = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof weekdays)[number];

export const weeklyPatternSchema = z
  .object({
    mon: dayIntervalsSchema,
    tue: dayIntervalsSchema,
    wed: dayIntervalsSchema,
    thu: dayIntervalsSchema,
    fri: dayIntervalsSchema,
    sat: dayIntervalsSchema,
    sun: dayIntervalsSchema,
  })
  .strict();

/** Dates (a single day, or `from`–`to` inclusive) whose hours replace the weekly pattern. */
export const hoursExceptionSchema = z
  .object({
    from: localDateSchema,
    to: localDateSchema.optional(),
    /** Empty means closed all day. */
    intervals: dayIntervalsSchema,
    note: text,
  })
  .strict()
  .refine((e) => e.to === undefined || e.to >= e.from, {
    message: 'to must not be before from',
    path: ['to'],
    params: order,
  });
export type HoursException = z.infer<typeof hoursExceptionSchema>;

export const openingHoursSchema = z
  .object({
    /** Japan has one time zone and no daylight saving time; the schedule logic relies on it. */
    timezone: z.literal('Asia/Tokyo'),
    weekly: weeklyPatternSchema,
    exceptions: z.array(hoursExceptionSchema),
  })
  .strict();
export type OpeningHours = z.infer<typeof openingHoursSchema>;

export const kioskSchema = z.object({ id: kioskIdSchema, name: text }).strict();
export type Kiosk = z.infer<typeof kioskSchema>;

export const boothSchema = z
  .object({
    id: boothIdSchema,
    name: localizedNamesSchema,
    /** Only `open` booths take calls; `planned` and `closed` kiosks are told the service is closed. */
    status: z.enum(['open', 'planned', 'closed']),
    location: text,
    kiosks: z.array(kioskSchema),
    hours: openingHoursSchema,
  })
  .strict();
export type Booth = z.infer<typeof boothSchema>;

/** Longest retention an administrator can set (ten years, as the environment settings allow). */
export const MAX_RETENTION_DAYS = 3650;

/**
 * How long stills and signatures, and survey comments and wrap-up notes, are kept. Absent: the
 * server's environment settings apply; present: these win, and the purge jobs use them from the
 * next run on.
 */
export const retentionSchema = z
  .object({
    captureDays: z.number().int().min(1).max(MAX_RETENTION_DAYS),
    freeTextDays: z.number().int().min(1).max(MAX_RETENTION_DAYS),
  })
  .strict();
export type Retention = z.infer<typeof retentionSchema>;

export const catalogSchema = z
  .object({
    version: z.literal(1),
    municipality: z.object({ code: z.string().regex(/^\d{5,6}$/), name: localizedNamesSchema }).strict(),
    skills: z.array(skillSchema).min(1),
    skillGroups: z.array(skillGroupSchema),
    procedures: z.array(procedureSchema).min(1),
    clerks: z.array(clerkSchema),
    headquarters: z.object({ name: localizedNamesSchema, hours: openingHoursSchema }).strict(),
    booths: z.array(boothSchema),
    retention: retentionSchema.optional(),
  })
  .strict();
export type Catalog = z.infer<typeof catalogSchema>;
