import { isEligible } from '../eligibility.ts';
import type { RoutingEngine } from '../engine.ts';

/**
 * Brute-force check, independent of the engine's bucket index: every available clerk against every
 * caller waiting without an offer. Any pair found is a work-conservation violation.
 */
export function idleEligiblePairs(engine: RoutingEngine): { clerkId: string; callerId: string }[] {
  const snapshot = engine.snapshot();
  const idle = snapshot.clerks.filter((c) => c.status === 'available');
  if (idle.length === 0) return [];
  const pairs: { clerkId: string; callerId: string }[] = [];
  for (const caller of snapshot.callers) {
    if (caller.offer) continue;
    const requirement = engine.callerRequirement(caller.callerId)!;
    for (const clerk of idle) {
      if (isEligible(clerk, requirement)) pairs.push({ clerkId: clerk.clerkId, callerId: caller.callerId });
    }
  }
  return pairs;
}
