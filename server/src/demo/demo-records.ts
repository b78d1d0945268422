import { randomUUID } from 'node:crypto';
import type { Insertable } from 'kysely';
import { serviceHours, type Catalog } from '../catalog/index.ts';
import { daysOf, tokyoMidnight } from '../reports/kpis.ts';
import type { Database } from '../store/database.ts';
import type { Tables } from '../store/tables.ts';

/** A small deterministic generator (mulberry32), so a seed gives the same month every time. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function pick<T>(next: () => number, weighted: readonly (readonly [T, number])[]): T {
  const total = weighted.reduce((sum, [, weight]) => sum + weight, 0);
  let roll = next() * total;
  for (const [value, weight] of weighted) {
    roll -= weight;
    if (roll <= 0) return value;
  }
  return weighted.at(-1)![0];
}

const procedureMix = [
  ['juumin-idou', 22],
  ['shoumeisho', 18],
  ['koseki', 8],
  ['inkan-touroku', 6],
  ['mynumber-card', 14],
  ['kokuho-nenkin', 10],
  ['kosodate', 7],
  ['kaigo-hoken', 5],
  ['zeikin', 5],
  ['okuyami', 2],
  ['sougou-soudan', 3],
] as const;
const languageMix = [
  ['ja', 85],
  ['ja-easy', 3],
  ['en', 5],
  ['zh-Hans', 3],
  ['ko', 2],
  ['vi', 2],
] as const;
const outcomeMix = [
  ['completed', 80],
  ['needs-visit', 8],
  ['referred', 7],
  ['resident-left', 3],
  ['technical-failure', 2],
] as const;
const ratingMix = [
  [5, 50],
  [4, 33],
  [3, 10],
  [2, 5],
  [1, 2],
] as const;
/** Residents per kiosk and opening hour, by hour of day: a morning peak and a lunch dip. */
const arrivalsPerHour: Record<number, number> = {
  8: 0.6,
  9: 1.6,
  10: 1.8,
  11: 1.5,
  12: 0.9,
  13: 1.3,
  14: 1.5,
  15: 1.4,
  16: 0.8,
};

/**
 * Fills [from, to) with realistic demonstration records for the catalogue's open booths, within
 * their opening hours, marked `is_demo` so they never mix with real ones. Returns how many
 * consultations were written.
 */
export async function generateDemoRecords(
  db: Database,
  catalog: Catalog,
  range: { from: string; to: string; seed: number },
): Promise<number> {
  const next = random(range.seed);
  const hours = serviceHours(catalog);
  const handlingOf = new Map(
    catalog.procedures.map((p) => [p.id as string, p.typicalHandlingMinutes * 60_000]),
  );
  const skillOf = new Map(catalog.procedures.map((p) => [p.id as string, p.requiredSkill as string]));
  const consultations: Insertable<Tables['consultations']>[] = [];
  const wrapUps: Insertable<Tables['wrap_ups']>[] = [];
  const surveys: Insertable<Tables['surveys']>[] = [];
  let written = 0;
  for (const day of daysOf(range.from, range.to)) {
    const midnight = tokyoMidnight(day);
    for (const booth of catalog.booths.filter((b) => b.status === 'open')) {
      for (const kiosk of booth.kiosks) {
        const schedule = hours.scheduleOf(kiosk.id);
        for (const [hour, rate] of Object.entries(arrivalsPerHour)) {
          const hourStart = midnight + Number(hour) * 3_600_000;
          let at = hourStart + (-Math.log(1 - next()) / rate) * 3_600_000;
          while (at < hourStart + 3_600_000) {
            if (schedule.isOpen(at)) {
              const procedureId = pick(next, procedureMix);
              const language = pick(next, languageMix);
              const id = randomUUID();
              const clerks = catalog.clerks.filter((c) => skillOf.get(procedureId)! in c.skills);
              const clerk = clerks[Math.floor(next() * clerks.length)]?.id ?? catalog.clerks[0]!.id;
              const roll = next();
              const waitMs =
                (roll < 0.7 ? 5 + next() * 55 : roll < 0.95 ? 60 + next() * 240 : 300 + next() * 600) * 1000;
              // About one caller in 25 gives up while waiting.
              const isAbandoned = next() < 0.04;
              const leftQueueAt = Math.round(at + waitMs);
              const endedAt = isAbandoned
                ? leftQueueAt
                : Math.round(leftQueueAt + handlingOf.get(procedureId)! * (0.6 + next()));
              consultations.push({
                consultation_id: id,
                kiosk_id: kiosk.id,
                booth_id: booth.id,
                procedure_id: procedureId,
                language,
                requested_at: Math.round(at),
                answered_at: isAbandoned ? null : leftQueueAt,
                ended_at: endedAt,
                end_reason: isAbandoned ? 'cancelled' : 'hung-up',
                staff_ids: JSON.stringify(isAbandoned ? [] : [clerk]),
                is_demo: 1,
              });
              if (!isAbandoned) {
                wrapUps.push({
                  consultation_id: id,
                  staff_id: clerk,
                  outcome: pick(next, outcomeMix),
                  notes: '',
                  wrapped_up_at: endedAt + 30_000,
                });
                if (next() < 0.7)
                  surveys.push({
                    consultation_id: id,
                    kiosk_id: kiosk.id,
                    procedure_id: procedureId,
                    language,
                    staff_ids: JSON.stringify([clerk]),
                    rating: pick(next, ratingMix),
                    comment: null,
                    submitted_at: endedAt + 20_000,
                    is_demo: 1,
                  });
              }
              written++;
            }
            at += (-Math.log(1 - next()) / rate) * 3_600_000;
          }
        }
      }
    }
  }
  // A few hundred rows per statement: one round trip each, well under SQLite's parameter limit.
  await db.transaction().execute(async (trx) => {
    for (const rows of chunks(consultations, 500))
      await trx.insertInto('consultations').values(rows).execute();
    for (const rows of chunks(wrapUps, 500)) await trx.insertInto('wrap_ups').values(rows).execute();
    for (const rows of chunks(surveys, 500)) await trx.insertInto('surveys').values(rows).execute();
  });
  return written;
}

function* chunks<T>(items: readonly T[], size: number): Generator<T[]> {
  for (let start = 0; start < items.length; start += size) yield items.slice(start, start + size);
}

/** Whether any demo record exists (the demo start fills recent months once). */
export async function hasDemoRecords(db: Database): Promise<boolean> {
  const row = await db
    .selectFrom('consultations')
    .select('consultation_id')
    .where('is_demo', '=', 1)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
