import type { NationalReport } from '@madoguchi/shared';
import { serviceHours, type Catalog } from '../catalog/index.ts';
import type { Database } from '../store/database.ts';
import { daysOf, loadFacts, percentile, satisfactionTarget, tokyoMidnight } from './kpis.ts';

export interface BoothHours {
  boothId: string;
  isOpen: boolean;
  kiosks: number;
  /** Whether the booth takes calls at some time in [start, end). */
  opensBetween: (start: number, end: number) => boolean;
}

/** Each catalogue booth's opening, as the national report needs it (booth and headquarters hours). */
export function boothHoursOf(catalog: Catalog): BoothHours[] {
  const hours = serviceHours(catalog);
  return catalog.booths.map((booth) => {
    const schedule = hours.scheduleOf(booth.kiosks[0]?.id ?? '');
    return {
      boothId: booth.id,
      isOpen: booth.status === 'open',
      kiosks: booth.kiosks.length,
      opensBetween: (start, end) => {
        if (schedule.isOpen(start)) return true;
        const next = schedule.nextOpening(start);
        return next !== null && next < end;
      },
    };
  });
}

const round = (value: number | null) => (value === null ? null : Number(value.toFixed(1)));

/**
 * The national procedure book's KPIs: remote-window usage (per booth and opening day), procedures
 * handled remotely, number of remote windows, waiting time against a baseline, satisfaction KGI.
 */
export async function nationalReport(
  db: Database,
  query: { from: string; to: string; baselineFrom: string; baselineTo: string; isDemo: boolean },
  booths: readonly BoothHours[],
): Promise<NationalReport> {
  const facts = await loadFacts(db, query);
  const baseline = await loadFacts(db, {
    from: query.baselineFrom,
    to: query.baselineTo,
    isDemo: query.isDemo,
  });
  const waitsOf = (list: typeof facts) =>
    list
      .flatMap((f) => (f.answeredAt === null ? [] : [(f.answeredAt - f.requestedAt) / 1000]))
      .sort((a, b) => a - b);
  const meanOf = (values: number[]) =>
    values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length;
  const waits = waitsOf(facts);
  const baselineWaits = waitsOf(baseline);
  const days = daysOf(query.from, query.to);
  const answeredByProcedure = new Map<string, number>();
  for (const fact of facts) {
    if (fact.answeredAt !== null)
      answeredByProcedure.set(fact.procedureId, (answeredByProcedure.get(fact.procedureId) ?? 0) + 1);
  }
  const ratings = facts.flatMap((fact) => (fact.rating === null ? [] : [fact.rating]));
  return {
    from: query.from,
    to: query.to,
    isDemo: query.isDemo,
    usage: booths.map((booth) => {
      const consultations = facts.filter((fact) => fact.boothId === booth.boothId).length;
      const openingDays = days.filter((day) => {
        const start = tokyoMidnight(day);
        return booth.opensBetween(start, start + 86_400_000);
      }).length;
      return {
        boothId: booth.boothId,
        consultations,
        openingDays,
        perOpeningDay: openingDays === 0 ? null : round(consultations / openingDays),
      };
    }),
    proceduresHandled: [...answeredByProcedure]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([procedureId, answered]) => ({ procedureId, answered })),
    windows: {
      booths: booths.filter((booth) => booth.isOpen).length,
      kiosks: booths.filter((booth) => booth.isOpen).reduce((sum, booth) => sum + booth.kiosks, 0),
    },
    waiting: {
      meanSec: round(meanOf(waits)),
      p90Sec: round(percentile(waits, 0.9)),
      baselineMeanSec: round(meanOf(baselineWaits)),
      baselineP90Sec: round(percentile(baselineWaits, 0.9)),
    },
    satisfaction: {
      share:
        ratings.length === 0
          ? null
          : Number((ratings.filter((r) => r >= 4).length / ratings.length).toFixed(4)),
      target: satisfactionTarget,
      answers: ratings.length,
    },
  };
}
