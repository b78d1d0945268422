import { eligibleSkills } from './eligibility.ts';
import type { CallerId, RoutingStep, SkillId } from './types.ts';

/** What the queue needs to file a caller. */
export interface Queued {
  callerId: CallerId;
  seq: number;
  priority: number;
  language: string | null;
  steps: readonly RoutingStep[];
  stepIndex: number;
}

/**
 * Callers who all have the same priority, language and eligible skills, in queue order. Any clerk
 * eligible for one of them is eligible for all, so only the head ever needs to be looked at.
 */
export interface Bucket<C extends Queued> {
  readonly key: string;
  readonly priority: number;
  readonly language: string | null;
  readonly skills: readonly SkillId[];
  readonly callers: C[];
}

/**
 * Callers waiting for an offer (callers with an offer in flight are taken out and put back at
 * their place if it fails). Grouping by eligibility keeps a routing decision proportional to the
 * number of distinct requirements (procedures × languages × priorities), not to the queue length.
 */
export class CallerQueue<C extends Queued> {
  readonly #buckets = new Map<string, Bucket<C>>();
  #size = 0;

  get size(): number {
    return this.#size;
  }

  buckets(): IterableIterator<Bucket<C>> {
    return this.#buckets.values();
  }

  insert(caller: C): void {
    const key = keyOf(caller);
    let bucket = this.#buckets.get(key);
    if (!bucket) {
      bucket = {
        key,
        priority: caller.priority,
        language: caller.language,
        skills: eligibleSkills(caller.steps, caller.stepIndex),
        callers: [],
      };
      this.#buckets.set(key, bucket);
    }
    const list = bucket.callers;
    // Arrivals append; only a caller put back after a failed offer lands in the middle.
    if (list.length === 0 || list[list.length - 1]!.seq < caller.seq) list.push(caller);
    else list.splice(lowerBound(list, caller.seq), 0, caller);
    this.#size++;
  }

  /** Removes a caller filed with its current priority, language and step; false if absent. */
  remove(caller: C): boolean {
    const bucket = this.#buckets.get(keyOf(caller));
    if (!bucket) return false;
    const list = bucket.callers;
    const i = list[0]?.seq === caller.seq ? 0 : lowerBound(list, caller.seq);
    if (list[i]?.callerId !== caller.callerId) return false;
    list.splice(i, 1);
    if (list.length === 0) this.#buckets.delete(bucket.key);
    this.#size--;
    return true;
  }

  /** Whether the caller is the first of its bucket (only heads can be offered). */
  isHead(caller: C): boolean {
    return this.#buckets.get(keyOf(caller))?.callers[0]?.callerId === caller.callerId;
  }
}

function keyOf(caller: Queued): string {
  return `${caller.priority}\u0000${caller.language ?? ''}\u0000${eligibleSkills(caller.steps, caller.stepIndex).join(',')}`;
}

function lowerBound(list: readonly Queued[], seq: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]!.seq < seq) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
