import { performance } from 'node:perf_hooks';
import { RoutingEngine, type QueueCommandResult } from '../src/queue/engine.ts';
import { rng } from '../src/queue/simulator/generate-trace.ts';
import type { RoutingProcedure } from '../src/queue/types.ts';

/**
 * `npm run bench:routing`: routing decision latency with 10,000 waiting callers, 1,000 clerks and
 * 50 procedures. Two decisions are timed, each as the whole engine command the server would run:
 * a clerk finishing a call and being offered the next caller (`complete`), and a caller arriving
 * (`enqueue`, scanning the idle clerks). Progress goes to stderr; the last stdout line is
 * {"p50Ms":…,"p99Ms":…,"decisionsPerSecond":…}.
 */

const CALLERS = 10_000;
const CLERKS = 1_000;
const PROCEDURES = 50;
const WARMUP = 2_000;
const DECISIONS = 40_000;
/** Procedure whose 100 specialists are mostly idle, so arrivals have idle clerks to scan. */
const RARE = PROCEDURES - 1;
const RARE_CLERKS = 100;

const random = rng(20260406);
const log = (message: string): void => void process.stderr.write(`bench:routing ${message}\n`);
const skillOf = (p: number): string => `s${String(p).padStart(2, '0')}`;

const procedures: RoutingProcedure[] = Array.from({ length: PROCEDURES }, (_, p) => ({
  id: `p${String(p).padStart(2, '0')}`,
  steps:
    p % 3 === 0 || p === RARE
      ? [{ afterMs: 0, skills: [skillOf(p)] }]
      : [
          { afterMs: 0, skills: [skillOf(p)] },
          { afterMs: 300_000, skills: [skillOf((p + 1) % RARE), skillOf((p + 7) % RARE)] },
        ],
  typicalHandlingMs: (5 + (p % 6) * 5) * 60_000,
  isReservable: p % 2 === 0,
}));

const engine = new RoutingEngine({ procedures });
let now = Date.parse('2026-04-06T08:30:00+09:00');
let offers: { clerkId: string; callerId: string }[] = [];
const busy: string[] = [];
let callerSeq = 0;
let events = 0;

const collect = (result: QueueCommandResult): void => {
  events += result.events.length;
  for (const effect of result.effects) {
    if (effect.type === 'offer') offers.push({ clerkId: effect.clerkId, callerId: effect.callerId });
  }
};
const acceptOffers = (): void => {
  const pending = offers;
  offers = [];
  for (const offer of pending) {
    collect(engine.accept(now, offer.clerkId, offer.callerId));
    busy.push(offer.clerkId);
  }
};
const language = (): string | null => {
  const x = random();
  return x < 0.95 ? null : x < 0.98 ? 'en' : 'zh';
};
const newCaller = (): void => {
  const p = random() < 0.002 ? RARE : Math.floor(random() * RARE);
  const procedure = procedures[p]!;
  collect(
    engine.enqueue(now, {
      callerId: `c${callerSeq++}`,
      procedureId: procedure.id,
      kioskId: `k${p % 8}`,
      language: language(),
      reservation:
        procedure.isReservable && random() < 0.05 ? { dueAt: now + random() * 600_000 } : undefined,
    }),
  );
};

log(`setup: ${CLERKS} clerks, ${PROCEDURES} procedures`);
for (let c = 0; c < CLERKS; c++) {
  const skills: Record<string, number> = {};
  if (c < RARE_CLERKS) skills[skillOf(RARE)] = 1 + Math.floor(random() * 5);
  else
    for (let k = 0; k < 3 + Math.floor(random() * 4); k++)
      skills[skillOf(Math.floor(random() * RARE))] = 1 + Math.floor(random() * 5);
  const languages = random() < 0.1 ? ['ja', random() < 0.5 ? 'en' : 'zh'] : ['ja'];
  collect(engine.signIn(now, { clerkId: `clerk${String(c).padStart(4, '0')}`, skills, languages }));
}
while (engine.waitingCount < CALLERS) {
  now += 5;
  newCaller();
  acceptOffers();
}
log(`setup: ${engine.waitingCount} callers waiting, ${busy.length} clerks busy`);

const timings: number[] = [];
const byKind = { available: [] as number[], arrival: [] as number[] };
const total = WARMUP + DECISIONS;
for (let i = 0; i < total; i++) {
  now += 25;
  const isArrival = i % 2 === 1;
  let elapsed: number;
  if (isArrival) {
    const start = performance.now();
    newCaller();
    elapsed = performance.now() - start;
  } else {
    const index = Math.floor(random() * busy.length);
    const clerkId = busy[index]!;
    busy[index] = busy[busy.length - 1]!;
    busy.pop();
    const start = performance.now();
    collect(engine.complete(now, clerkId, { wrapUpMs: 0 }));
    elapsed = performance.now() - start;
    // A clerk left idle (nobody eligible waiting) stays idle; arrivals will find them.
  }
  acceptOffers();
  if (i >= WARMUP) {
    timings.push(elapsed);
    byKind[isArrival ? 'arrival' : 'available'].push(elapsed);
  }
  if ((i + 1) % 10_000 === 0) log(`${i + 1}/${total} decisions, ${engine.waitingCount} waiting`);
}

const pct = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};
const sum = timings.reduce((a, b) => a + b, 0);
const round = (x: number): number => Math.round(x * 1000) / 1000;
for (const [kind, values] of Object.entries(byKind)) {
  log(
    `${kind}: n=${values.length} p50=${round(pct(values, 50))}ms p99=${round(pct(values, 99))}ms max=${round(pct(values, 100))}ms`,
  );
}
log(`events emitted: ${events}; waiting at end: ${engine.waitingCount}`);
process.stdout.write(
  `${JSON.stringify({ p50Ms: round(pct(timings, 50)), p99Ms: round(pct(timings, 99)), decisionsPerSecond: Math.round(timings.length / (sum / 1000)) })}\n`,
);
