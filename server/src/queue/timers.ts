/** Deadlines the engine asks to be woken for. Entries are checked against the state when due. */
export type Timer =
  | { kind: 'offer-expiry'; at: number; callerId: string }
  | { kind: 'wrap-up'; at: number; clerkId: string }
  | { kind: 'step'; at: number; callerId: string; step: number }
  | { kind: 'promote'; at: number; callerId: string };

interface Entry {
  timer: Timer;
  order: number;
}

/**
 * Binary min-heap ordered by time, then by insertion so equal deadlines fire in a fixed order.
 * Stale entries (an offer answered before it expired) are not removed; the engine skips them.
 */
export class TimerQueue {
  readonly #heap: Entry[] = [];
  #order = 0;

  get size(): number {
    return this.#heap.length;
  }

  push(timer: Timer): void {
    const heap = this.#heap;
    heap.push({ timer, order: this.#order++ });
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(heap[i]!, heap[parent]!)) break;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  }

  peek(): Timer | null {
    return this.#heap[0]?.timer ?? null;
  }

  pop(): Timer | null {
    const heap = this.#heap;
    const top = heap[0];
    if (!top) return null;
    const last = heap.pop()!;
    if (heap.length > 0) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && before(heap[l]!, heap[m]!)) m = l;
        if (r < heap.length && before(heap[r]!, heap[m]!)) m = r;
        if (m === i) break;
        [heap[i], heap[m]] = [heap[m]!, heap[i]!];
        i = m;
      }
    }
    return top.timer;
  }
}

function before(a: Entry, b: Entry): boolean {
  return a.timer.at < b.timer.at || (a.timer.at === b.timer.at && a.order < b.order);
}
