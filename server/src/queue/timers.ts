import TinyQueue from 'tinyqueue';

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
 * Deadlines ordered by time, then by insertion so equal deadlines fire in a fixed order. Stale
 * entries (an offer answered before it expired) are not removed; the engine skips them.
 */
export class TimerQueue {
  #order = 0;
  readonly #heap = new TinyQueue<Entry>([], (a, b) => a.timer.at - b.timer.at || a.order - b.order);

  get size(): number {
    return this.#heap.length;
  }

  push(timer: Timer): void {
    this.#heap.push({ timer, order: this.#order++ });
  }

  peek(): Timer | null {
    return this.#heap.peek()?.timer ?? null;
  }

  pop(): Timer | null {
    return this.#heap.pop()?.timer ?? null;
  }
}
