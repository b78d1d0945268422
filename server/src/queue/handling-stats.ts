import type { ProcedureId } from './types.ts';

/** Weight of the catalog's typical handling time, counted as this many observed calls. */
const PRIOR_WEIGHT = 3;

/**
 * Recent handling times per procedure (a ring of the last `sampleSize` calls), blended with the
 * catalog's typical time so the first measured calls do not swing the estimate.
 */
export class HandlingStats {
  readonly #sampleSize: number;
  readonly #samples = new Map<ProcedureId, { values: number[]; next: number; sum: number }>();

  constructor(sampleSize: number) {
    this.#sampleSize = sampleSize;
  }

  record(procedureId: ProcedureId, handledMs: number): void {
    let ring = this.#samples.get(procedureId);
    if (!ring) {
      ring = { values: [], next: 0, sum: 0 };
      this.#samples.set(procedureId, ring);
    }
    if (ring.values.length < this.#sampleSize) {
      ring.values.push(handledMs);
    } else {
      ring.sum -= ring.values[ring.next]!;
      ring.values[ring.next] = handledMs;
      ring.next = (ring.next + 1) % this.#sampleSize;
    }
    ring.sum += handledMs;
  }

  averageMs(procedureId: ProcedureId, typicalMs: number): number {
    const ring = this.#samples.get(procedureId);
    const n = ring?.values.length ?? 0;
    return (typicalMs * PRIOR_WEIGHT + (ring?.sum ?? 0)) / (PRIOR_WEIGHT + n);
  }

  /** Plain copy for snapshots (rebuild must reproduce it). */
  toJSON(): Record<ProcedureId, number[]> {
    const out: Record<ProcedureId, number[]> = {};
    for (const [id, ring] of [...this.#samples].sort(([a], [b]) => (a < b ? -1 : 1))) {
      out[id] = [...ring.values.slice(ring.next), ...ring.values.slice(0, ring.next)];
    }
    return out;
  }
}
