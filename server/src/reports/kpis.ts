import type { KpiFigures, KpiGroupBy, KpiReport } from '@madoguchi/shared';
import type { Database } from '../store/database.ts';

/** The city's target: 80 % of residents satisfied with staff. */
export const satisfactionTarget = 0.8;

const tokyoOffsetMs = 9 * 3_600_000;
const dayMs = 86_400_000;

/** Midnight in Asia/Tokyo (no daylight saving) of a YYYY-MM-DD date, as epoch ms. */
export function tokyoMidnight(date: string): number {
  return Date.parse(`${date}T00:00:00+09:00`);
}

/** One consultation as the figures need it. */
export interface ConsultationFacts {
  requestedAt: number;
  answeredAt: number | null;
  endedAt: number;
  boothId: string | null;
  procedureId: string;
  language: string;
  outcome: string | null;
  rating: number | null;
}

/** Consultations requested in [from, to) (Tokyo dates), with their last outcome and survey rating. */
export async function loadFacts(
  db: Database,
  range: { from: string; to: string; isDemo: boolean },
): Promise<ConsultationFacts[]> {
  const rows = await db
    .selectFrom('consultations as c')
    .leftJoin('surveys as s', 's.consultation_id', 'c.consultation_id')
    .select([
      'c.requested_at',
      'c.answered_at',
      'c.ended_at',
      'c.booth_id',
      'c.procedure_id',
      'c.language',
      's.rating',
    ])
    .select((row) =>
      row
        .selectFrom('wrap_ups as w')
        .select('w.outcome')
        .whereRef('w.consultation_id', '=', 'c.consultation_id')
        .orderBy('w.wrapped_up_at', 'desc')
        .limit(1)
        .as('outcome'),
    )
    .where('c.is_demo', '=', range.isDemo ? 1 : 0)
    .where('c.requested_at', '>=', tokyoMidnight(range.from))
    .where('c.requested_at', '<', tokyoMidnight(range.to))
    .orderBy('c.requested_at')
    .execute();
  return rows.map((row) => ({
    requestedAt: row.requested_at,
    answeredAt: row.answered_at,
    endedAt: row.ended_at,
    boothId: row.booth_id,
    procedureId: row.procedure_id,
    language: row.language,
    outcome: row.outcome ?? null,
    rating: row.rating,
  }));
}

/** Nearest-rank percentile (the value below which p of the sorted values fall). */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)]!;
}

const mean = (values: readonly number[]) =>
  values.length === 0 ? null : values.reduce((sum, value) => sum + value, 0) / values.length;
const share = (part: number, whole: number) => (whole === 0 ? null : part / whole);
const round = (value: number | null, digits = 1) => (value === null ? null : Number(value.toFixed(digits)));

export function figuresOf(facts: readonly ConsultationFacts[]): KpiFigures {
  const answered = facts.filter((fact) => fact.answeredAt !== null);
  const waits = answered.map((fact) => (fact.answeredAt! - fact.requestedAt) / 1000).sort((a, b) => a - b);
  const handling = answered.map((fact) => (fact.endedAt - fact.answeredAt!) / 1000);
  const ratings = facts.flatMap((fact) => (fact.rating === null ? [] : [fact.rating]));
  const outcomes: Record<string, number> = {};
  for (const fact of facts) if (fact.outcome) outcomes[fact.outcome] = (outcomes[fact.outcome] ?? 0) + 1;
  const abandoned = facts.length - answered.length;
  return {
    consultations: facts.length,
    answered: answered.length,
    abandoned,
    abandonmentRate: round(share(abandoned, facts.length), 4),
    waitMeanSec: round(mean(waits)),
    waitP90Sec: round(percentile(waits, 0.9)),
    serviceLevel60s: round(share(waits.filter((wait) => wait <= 60).length, facts.length), 4),
    handlingMeanSec: round(mean(handling)),
    outcomes,
    surveys: ratings.length,
    satisfiedShare: round(share(ratings.filter((rating) => rating >= 4).length, ratings.length), 4),
  };
}

/** The key a consultation falls under, in Tokyo time for day, weekday and hour. */
export function groupKey(fact: ConsultationFacts, groupBy: KpiGroupBy): string {
  const tokyo = new Date(fact.requestedAt + tokyoOffsetMs);
  switch (groupBy) {
    case 'day':
      return tokyo.toISOString().slice(0, 10);
    case 'weekday':
      return String(tokyo.getUTCDay());
    case 'hour':
      return String(tokyo.getUTCHours());
    case 'booth':
      return fact.boothId ?? 'unknown';
    case 'procedure':
      return fact.procedureId;
    case 'language':
      return fact.language;
  }
}

export async function kpiReport(
  db: Database,
  query: { from: string; to: string; groupBy: KpiGroupBy; isDemo: boolean },
): Promise<KpiReport> {
  const facts = await loadFacts(db, query);
  const groups = new Map<string, ConsultationFacts[]>();
  for (const fact of facts) {
    const key = groupKey(fact, query.groupBy);
    const members = groups.get(key);
    if (members) members.push(fact);
    else groups.set(key, [fact]);
  }
  const numeric = ['day', 'weekday', 'hour'].includes(query.groupBy);
  return {
    from: query.from,
    to: query.to,
    groupBy: query.groupBy,
    isDemo: query.isDemo,
    satisfactionTarget,
    total: figuresOf(facts),
    groups: [...groups]
      .sort(([a], [b]) => (numeric && query.groupBy !== 'day' ? Number(a) - Number(b) : a.localeCompare(b)))
      .map(([key, members]) => ({ key, figures: figuresOf(members) })),
  };
}

/** The report as CSV for spreadsheets (UTF-8 with a byte-order mark, so Excel reads Japanese). */
export function kpiCsv(report: KpiReport): string {
  const header = [
    report.groupBy,
    'consultations',
    'answered',
    'abandoned',
    'abandonment_rate',
    'wait_mean_s',
    'wait_p90_s',
    'service_level_60s',
    'handling_mean_s',
    'surveys',
    'satisfied_share',
  ];
  const line = (key: string, f: KpiFigures) =>
    [
      key,
      f.consultations,
      f.answered,
      f.abandoned,
      f.abandonmentRate,
      f.waitMeanSec,
      f.waitP90Sec,
      f.serviceLevel60s,
      f.handlingMeanSec,
      f.surveys,
      f.satisfiedShare,
    ]
      .map((value) => (value === null ? '' : csvField(String(value))))
      .join(',');
  return `\uFEFF${[header.join(','), ...report.groups.map((g) => line(g.key, g.figures)), line('total', report.total)].join('\r\n')}\r\n`;
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Days from `from` (inclusive) to `to` (exclusive), as Tokyo dates. */
export function daysOf(from: string, to: string): string[] {
  const days: string[] = [];
  for (let at = tokyoMidnight(from); at < tokyoMidnight(to); at += dayMs) {
    days.push(new Date(at + tokyoOffsetMs).toISOString().slice(0, 10));
  }
  return days;
}
