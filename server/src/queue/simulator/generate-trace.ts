import { parseArgs } from 'node:util';
import { tamaCatalog } from '../../catalog/seed.ts';
import type { TraceLine } from './trace.ts';

/**
 * `node server/src/queue/simulator/generate-trace.ts --day [--seed N] [--date YYYY-MM-DD]` writes a
 * Tama-sized weekday as JSON Lines to stdout: about 130 residents at four kiosks, the twelve seed
 * clerks on staggered shifts with lunch and counter duty, some reservations, abandons and declines.
 * The same seed always gives the same trace.
 */

/** Deterministic PRNG (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Residents per hour over all kiosks (local hour → mean); a morning and an early-afternoon peak. */
const ARRIVALS_PER_HOUR: Record<number, number> = {
  8: 8,
  9: 14,
  10: 20,
  11: 18,
  12: 10,
  13: 16,
  14: 18,
  15: 16,
  16: 10,
};

/** Share of calls per procedure on an April weekday (moves peak around the fiscal year start). */
const PROCEDURE_MIX: Record<string, number> = {
  shoumeisho: 22,
  'juumin-idou': 20,
  'mynumber-card': 13,
  'kokuho-nenkin': 10,
  kosodate: 9,
  zeikin: 6,
  koseki: 6,
  'inkan-touroku': 5,
  'kaigo-hoken': 4,
  okuyami: 2,
  'sougou-soudan': 3,
};

const LANGUAGE_MIX: [string | null, number][] = [
  [null, 92],
  ['en', 3],
  ['zh', 2],
  ['vi', 1.5],
  ['ko', 1.5],
];

const KIOSKS = ['seiseki-1', 'seiseki-2', 'tama-center-1', 'tama-center-2'];

/** Shifts relative to 08:00 local, in hours: [start, end, lunch start]. */
const SHIFTS: Record<string, [number, number, number]> = {
  'suzuki-h': [0.5, 9.25, 3.5],
  'takahashi-k': [0.5, 9.25, 4.5],
  'tanaka-y': [0.5, 9.25, 4],
  'watanabe-s': [0.5, 9.25, 3.5],
  'ito-m': [0.5, 9.25, 4.5],
  'yamamoto-r': [1, 7, 4],
  'nakamura-t': [0.5, 9.25, 4],
  'kobayashi-a': [0.5, 9.25, 3.5],
  'kato-d': [0.5, 9.25, 4.5],
  'wang-l': [1, 7, 4],
  'kim-s': [5, 9.25, 6.5],
  'nguyen-t': [0.5, 5, 3.5],
};

export function generateDay(seed: number, date: string): TraceLine[] {
  const random = rng(seed);
  const catalog = tamaCatalog();
  const pick = <T>(weighted: readonly [T, number][]): T => {
    const total = weighted.reduce((s, [, w]) => s + w, 0);
    let x = random() * total;
    for (const [value, w] of weighted) if ((x -= w) < 0) return value;
    return weighted.at(-1)![0];
  };
  const exponential = (mean: number): number => -Math.log(1 - random()) * mean;
  const normal = (): number => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const hour = 3600;
  const lines: TraceLine[] = [
    {
      type: 'header',
      version: 1,
      startAt: `${date}T08:00:00+09:00`,
      serviceHours: 'seed',
      offerTimeoutSec: 20,
      wrapUpSec: 60,
      acceptDelaySec: 4,
    },
  ];

  const clerkLines: TraceLine[] = [];
  for (const clerk of catalog.clerks) {
    const [start, end, lunch] = SHIFTS[clerk.id] ?? [0.5, 9.25, 4];
    const breaks: { t: number; untilT: number; reason: string }[] = [];
    if (end - start > 6) breaks.push({ t: lunch * hour, untilT: (lunch + 1) * hour, reason: 'lunch' });
    // Headquarters clerks also staff the physical counter for a while most days.
    if (random() < 0.6) {
      const from = (start + 0.5 + random() * (end - start - 2)) * hour;
      const to = from + (30 + Math.floor(random() * 4) * 10) * 60;
      if (!breaks.some((b) => from < b.untilT && to > b.t))
        breaks.push({ t: Math.round(from), untilT: Math.round(to), reason: 'counter-duty' });
    }
    breaks.sort((a, b) => a.t - b.t);
    clerkLines.push({
      type: 'clerk',
      t: start * hour,
      clerkId: clerk.id,
      skills: clerk.skills,
      languages: clerk.languages,
      shiftEndT: end * hour,
      breaks,
    });
  }

  const typical = new Map(catalog.procedures.map((p) => [p.id as string, p]));
  const arrivals: TraceLine[] = [];
  let n = 0;
  // Two early birds before opening are turned away (and told when the service opens).
  for (const t of [0.25 * hour, 0.4 * hour]) {
    arrivals.push(arrival(t));
  }
  for (let h = 8; h <= 16; h++) {
    const rate = ARRIVALS_PER_HOUR[h] ?? 0;
    const from = Math.max((h - 8) * hour, 0.5 * hour);
    const until = (h - 7) * hour;
    for (let t = from + exponential(hour / rate); t < until; t += exponential(hour / rate))
      arrivals.push(arrival(t));
  }

  function arrival(t: number): TraceLine {
    n++;
    const procedureId = pick(Object.entries(PROCEDURE_MIX));
    const procedure = typical.get(procedureId)!;
    const handlingSec = Math.round(procedure.typicalHandlingMinutes * 60 * Math.exp(0.35 * normal() - 0.06));
    const isReservation = procedure.isReservable && random() < 0.15;
    // Patience: most residents wait a long time at a booth; some leave after a few minutes.
    const abandonAfterSec = random() < 0.3 ? Math.round(120 + exponential(600)) : undefined;
    return {
      type: 'arrival',
      t: Math.round(t),
      callerId: `r${String(n).padStart(4, '0')}`,
      procedureId,
      kioskId: KIOSKS[Math.floor(random() * KIOSKS.length)]!,
      language: pick(LANGUAGE_MIX),
      priority: isReservation ? 'reservation' : 'walk-in',
      ...(isReservation ? { reservationDueT: Math.round(t + (random() - 0.3) * 600) } : {}),
      handlingSec: Math.max(60, handlingSec),
      ...(abandonAfterSec === undefined ? {} : { abandonAfterSec }),
    };
  }

  const responses: TraceLine[] = [];
  for (let i = 0; i < 5; i++) {
    responses.push({
      type: 'clerk-response',
      t: Math.round((1 + random() * 7.5) * hour),
      clerkId: catalog.clerks[Math.floor(random() * catalog.clerks.length)]!.id,
      response: i < 3 ? 'decline' : 'ignore',
      returnAfterSec: 30 + Math.floor(random() * 5) * 30,
    });
  }
  return [...lines, ...clerkLines, ...responses, ...arrivals];
}

function main(argv: readonly string[]): number {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      day: { type: 'boolean' },
      seed: { type: 'string', default: '1' },
      date: { type: 'string', default: '2026-04-06' },
    },
    strict: true,
  });
  const seed = Number(values.seed);
  if (!values.day || !Number.isInteger(seed) || !/^\d{4}-\d{2}-\d{2}$/.test(values.date)) {
    process.stderr.write('usage: generate-trace.ts --day [--seed N] [--date YYYY-MM-DD] > day.jsonl\n');
    return 2;
  }
  for (const line of generateDay(seed, values.date)) process.stdout.write(`${JSON.stringify(line)}\n`);
  return 0;
}

if (import.meta.main) process.exitCode = main(process.argv.slice(2));
