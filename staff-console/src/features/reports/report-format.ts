import {
  languageSchema,
  type KpiFigures,
  type KpiGroupBy,
  type KpiReport,
  type Procedure,
  type StaffLanguage,
} from '@madoguchi/shared';
import type { Translate } from '../../i18n/i18n.ts';
import { procedureName } from '../../lib/procedure-name.ts';

/** A period of whole days in Asia/Tokyo: `from` inclusive, `to` exclusive (as the report API takes it). */
export interface Period {
  from: string;
  to: string;
}

export type PeriodPreset = 'this-month' | 'last-month' | 'last-7-days';
export const periodPresets: readonly PeriodPreset[] = ['this-month', 'last-month', 'last-7-days'];

const DAY_MS = 86_400_000;
// Japan keeps no daylight saving time, so Tokyo's calendar day is UTC's shifted by nine hours, and
// the presets do not depend on this machine's zone or on its ICU data.
const TOKYO_OFFSET_MS = 9 * 3_600_000;
const isoDatePattern = /^\d{4}-\d{2}-\d{2}$/;

const toIsoDate = (utcMs: number) => new Date(utcMs).toISOString().slice(0, 10);
const utcMsOf = (date: string) => Date.parse(`${date}T00:00:00Z`);

/** A real calendar date written YYYY-MM-DD (not 2025-02-30). */
export function isIsoDate(value: string): boolean {
  return isoDatePattern.test(value) && toIsoDate(utcMsOf(value)) === value;
}

/** Today's date in Tokyo. */
export function tokyoToday(now: number): string {
  return toIsoDate(now + TOKYO_OFFSET_MS);
}

export function addDays(date: string, days: number): string {
  return toIsoDate(utcMsOf(date) + days * DAY_MS);
}

/** The first day of the month `months` away from `date`'s month. */
function monthStart(date: string, months: number): string {
  const [year = 0, month = 1] = date.split('-').map(Number);
  return toIsoDate(Date.UTC(year, month - 1 + months, 1));
}

/**
 * The presets, in Tokyo days. 今月 and 直近7日 end with today (a month's later days have no
 * figures yet, and a day chart of empty days says nothing); 先月 is the whole previous month.
 */
export function presetPeriod(preset: PeriodPreset, now: number): Period {
  const today = tokyoToday(now);
  const tomorrow = addDays(today, 1);
  switch (preset) {
    case 'this-month':
      return { from: monthStart(today, 0), to: tomorrow };
    case 'last-month':
      return { from: monthStart(today, -1), to: monthStart(today, 0) };
    case 'last-7-days':
      return { from: addDays(today, -6), to: tomorrow };
  }
}

/** The period of the same length just before `period`: the national report's default baseline. */
export function previousPeriod(period: Period): Period {
  const days = Math.round((utcMsOf(period.to) - utcMsOf(period.from)) / DAY_MS);
  return { from: addDays(period.from, -days), to: period.from };
}

/** Whether the period is two real dates with at least one day between them. */
export function isValidPeriod(period: Period): boolean {
  return isIsoDate(period.from) && isIsoDate(period.to) && period.from < period.to;
}

/** The period's last day, as people write an end date ("to the 31st", not "to the 1st, exclusive"). */
export function lastDayOf(period: Period): string {
  return isIsoDate(period.to) ? addDays(period.to, -1) : '';
}

/** The exclusive end of a period whose last day is `lastDay`; a half-typed date stays as it is. */
export function endAfter(lastDay: string): string {
  return isIsoDate(lastDay) ? addDays(lastDay, 1) : lastDay;
}

/** The query of the KPI report and of its CSV, in a fixed order so links compare equal. */
function kpiQuery(period: Period, groupBy: KpiGroupBy, isDemo: boolean): string {
  return new URLSearchParams({
    from: period.from,
    to: period.to,
    groupBy,
    demo: String(isDemo),
  }).toString();
}

export function kpiReportPath(period: Period, groupBy: KpiGroupBy, isDemo: boolean): string {
  return `/api/reports/kpis?${kpiQuery(period, groupBy, isDemo)}`;
}

/** Same origin, so the session cookie goes along and the browser saves the server's file. */
export function kpiCsvPath(period: Period, groupBy: KpiGroupBy, isDemo: boolean): string {
  return `/api/reports/kpis.csv?${kpiQuery(period, groupBy, isDemo)}`;
}

export function nationalReportPath(period: Period, baseline: Period, isDemo: boolean): string {
  const query = new URLSearchParams({
    from: period.from,
    to: period.to,
    baselineFrom: baseline.from,
    baselineTo: baseline.to,
    demo: String(isDemo),
  });
  return `/api/reports/national?${query.toString()}`;
}

const localeOf = (language: StaffLanguage) => (language === 'ja' ? 'ja-JP' : 'en-GB');

/** A share (0–1) as a percentage with at most one decimal; no figure is a dash, never 0 %. */
export function formatRate(value: number | null, language: StaffLanguage): string {
  if (value === null) return '—';
  return new Intl.NumberFormat(localeOf(language), { style: 'percent', maximumFractionDigits: 1 }).format(
    value,
  );
}

export function formatCount(value: number, language: StaffLanguage): string {
  return new Intl.NumberFormat(localeOf(language)).format(value);
}

/** A mean per day or per booth: one decimal at most. */
export function formatDecimal(value: number | null, language: StaffLanguage): string {
  if (value === null) return '—';
  return new Intl.NumberFormat(localeOf(language), { maximumFractionDigits: 1 }).format(value);
}

/** Seconds as people say a wait: 45秒, 3分05秒, 1時間02分 (rounded to the second). */
export function formatSeconds(value: number | null, t: Translate): string {
  if (value === null) return '—';
  const total = Math.round(Math.abs(value));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  if (hours > 0) return t('reports.duration-hours', { h: hours, m: pad(minutes) });
  if (minutes > 0) return t('reports.duration-minutes', { m: minutes, s: pad(seconds) });
  return t('reports.duration-seconds', { s: seconds });
}

export const weekdayKeys = ['0', '1', '2', '3', '4', '5', '6'] as const;
export type WeekdayKey = (typeof weekdayKeys)[number];
const isWeekdayKey = (key: string): key is WeekdayKey => (weekdayKeys as readonly string[]).includes(key);

/** 0 = Sunday, as the server (and `Date#getUTCDay`) counts. */
export function weekdayName(key: string, t: Translate): string {
  return isWeekdayKey(key) ? t(`weekday.${key}`) : key;
}

/** Where a group's names come from besides the dictionary. */
export interface GroupNames {
  t: Translate;
  language: StaffLanguage;
  procedures: readonly Procedure[] | null;
  /** Booth names where known (administrators see them with the kiosks); otherwise the id. */
  boothNames?: ReadonlyMap<string, Readonly<Record<StaffLanguage, string>>>;
}

/** A group's key as a row heading: a day with its weekday, a weekday or hour by name, ids by name. */
export function groupLabel(groupBy: KpiGroupBy, key: string, names: GroupNames): string {
  const { t, language } = names;
  switch (groupBy) {
    case 'day':
      return isIsoDate(key)
        ? t('reports.day-label', {
            date: key,
            weekday: weekdayName(String(new Date(utcMsOf(key)).getUTCDay()), t),
          })
        : key;
    case 'weekday':
      return weekdayName(key, t);
    case 'hour': {
      const hour = Number(key);
      return Number.isInteger(hour) && hour >= 0 && hour < 24
        ? t('reports.hour-label', { hour, hh: String(hour).padStart(2, '0') })
        : key;
    }
    case 'booth':
      return names.boothNames?.get(key)?.[language] ?? key;
    case 'procedure':
      return procedureName(names.procedures, key, language);
    case 'language': {
      const code = languageSchema.safeParse(key);
      return code.success ? t(`language-name.${code.data}`) : key;
    }
  }
}

/** The headline tiles, in the order they are shown. */
export const kpiTileNames = [
  'consultations',
  'answered',
  'abandonmentRate',
  'waitMeanSec',
  'waitP90Sec',
  'serviceLevel60s',
  'handlingMeanSec',
  'satisfiedShare',
] as const;
export type KpiTileName = (typeof kpiTileNames)[number];
/** Every figure a tile or a table column shows. */
export type KpiFigureName = KpiTileName | 'abandoned' | 'surveys';
/** The table's columns, in order. */
export const kpiColumnNames: readonly KpiFigureName[] = [
  'consultations',
  'answered',
  'abandoned',
  'abandonmentRate',
  'waitMeanSec',
  'waitP90Sec',
  'serviceLevel60s',
  'handlingMeanSec',
  'surveys',
  'satisfiedShare',
];

/** One figure as shown: counts grouped, shares as percentages, durations in words. */
export function formatFigure(
  name: KpiFigureName,
  figures: KpiFigures,
  t: Translate,
  language: StaffLanguage,
): string {
  switch (name) {
    case 'consultations':
    case 'answered':
    case 'abandoned':
    case 'surveys':
      return formatCount(figures[name], language);
    case 'abandonmentRate':
    case 'serviceLevel60s':
    case 'satisfiedShare':
      return formatRate(figures[name], language);
    case 'waitMeanSec':
    case 'waitP90Sec':
    case 'handlingMeanSec':
      return formatSeconds(figures[name], t);
  }
}

/** Whether the satisfaction KGI meets its target, said in words as well as colour. */
export type TargetVerdict = 'met' | 'below' | 'no-data';

export function targetVerdict(share: number | null, target: number): TargetVerdict {
  if (share === null) return 'no-data';
  return share >= target ? 'met' : 'below';
}

/** A waiting time against the baseline's: shorter is better. */
export interface Change {
  deltaSec: number;
  /** Relative to the baseline; null when the baseline was zero. */
  ratio: number | null;
  direction: 'shorter' | 'longer' | 'same';
}

export function changeAgainst(current: number | null, baseline: number | null): Change | null {
  if (current === null || baseline === null) return null;
  const deltaSec = current - baseline;
  // Under half a second is no change people could notice, and would print as "+0秒".
  const direction = Math.abs(deltaSec) < 0.5 ? 'same' : deltaSec < 0 ? 'shorter' : 'longer';
  return { deltaSec, ratio: baseline === 0 ? null : deltaSec / baseline, direction };
}

/** "−12秒(−8%)短縮": the sign, the relative change and a word, so no reader depends on colour. */
export function formatChange(change: Change | null, t: Translate, language: StaffLanguage): string {
  if (!change) return t('reports.change-none');
  if (change.direction === 'same') return t('reports.change-same');
  const sign = change.deltaSec < 0 ? '−' : '+';
  const delta = `${sign}${formatSeconds(change.deltaSec, t)}`;
  const ratio = change.ratio === null ? '' : `${sign}${formatRate(Math.abs(change.ratio), language)}`;
  return t(change.direction === 'shorter' ? 'reports.change-shorter' : 'reports.change-longer', {
    delta,
    ratio: ratio === '' ? '' : t('reports.change-ratio', { ratio }),
  });
}

/** The figures the charts draw, one entry per group; shares as percentages, gaps as null. */
export interface ChartSeries {
  labels: string[];
  consultations: number[];
  abandoned: number[];
  waitMeanSec: (number | null)[];
  waitP90Sec: (number | null)[];
  satisfiedPercent: (number | null)[];
  targetPercent: number;
}

const percent = (share: number | null) => (share === null ? null : Math.round(share * 1000) / 10);

export function chartSeries(report: KpiReport, names: GroupNames): ChartSeries {
  const figures = report.groups.map((group) => group.figures);
  return {
    labels: report.groups.map((group) => groupLabel(report.groupBy, group.key, names)),
    consultations: figures.map((f) => f.consultations),
    abandoned: figures.map((f) => f.abandoned),
    waitMeanSec: figures.map((f) => f.waitMeanSec),
    waitP90Sec: figures.map((f) => f.waitP90Sec),
    satisfiedPercent: figures.map((f) => percent(f.satisfiedShare)),
    targetPercent: percent(report.satisfactionTarget) ?? 0,
  };
}
