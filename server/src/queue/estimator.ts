import { eligibleSkills, holdsAny, speaks } from './eligibility.ts';
import type { CallerState, RoutingState } from './state.ts';
import type { CallerId } from './types.ts';

export interface WaitEstimate {
  /** Callers needing the same skill who will be served first (0 = next). */
  position: number;
  /** Null while no eligible clerk is signed in and not away. */
  expectedWaitMs: number | null;
}

export interface EstimatorOptions {
  /** Added to every handling time: the clerk is not free before the wrap-up ends. */
  wrapUpMs: number;
  /** Estimates are rounded up to this, so the kiosk is not updated for every second of drift. */
  granularityMs: number;
}

/**
 * Expected wait of every caller in the state, computed from scratch (no hidden memory):
 * position among the callers needing the same primary skill (priority first, then queue order);
 * eligible clerks on duty N, of which F are free now; recent handling time S (+ wrap-up) of the
 * caller's procedure. With every eligible clerk busy, one of them frees up every S/N on average,
 * so the caller at position k waits about (k + 1 − F)·S/N.
 */
export function estimateWaits(state: RoutingState, options: EstimatorOptions): Map<CallerId, WaitEstimate> {
  const groups = new Map<string, CallerState[]>();
  for (const caller of state.callers.values()) {
    const key = caller.steps[0]!.skills.join(',');
    const group = groups.get(key);
    if (group) group.push(caller);
    else groups.set(key, [caller]);
  }

  // Clerk counts depend only on (language, eligible skills); memoise per combination.
  const capacity = new Map<string, { onDuty: number; free: number }>();
  const capacityOf = (caller: CallerState): { onDuty: number; free: number } => {
    const skills = eligibleSkills(caller.steps, caller.stepIndex);
    const key = `${caller.language ?? ''}\u0000${skills.join(',')}`;
    let found = capacity.get(key);
    if (!found) {
      found = { onDuty: 0, free: 0 };
      for (const clerk of state.clerks.values()) {
        if (clerk.status === 'away' || clerk.status === 'not-responding') continue;
        if (!speaks(clerk, caller.language) || !holdsAny(clerk, skills)) continue;
        found.onDuty++;
        if (clerk.status === 'available') found.free++;
      }
      capacity.set(key, found);
    }
    return found;
  };

  const estimates = new Map<CallerId, WaitEstimate>();
  for (const group of groups.values()) {
    group.sort((a, b) => b.priority - a.priority || a.seq - b.seq);
    group.forEach((caller, position) => {
      if (caller.offer) {
        estimates.set(caller.callerId, { position, expectedWaitMs: 0 });
        return;
      }
      const { onDuty, free } = capacityOf(caller);
      if (onDuty === 0) {
        estimates.set(caller.callerId, { position, expectedWaitMs: null });
        return;
      }
      const serviceMs =
        state.handling.averageMs(caller.procedureId, caller.typicalHandlingMs) + options.wrapUpMs;
      const raw = (Math.max(0, position + 1 - free) * serviceMs) / onDuty;
      const rounded = Math.ceil(raw / options.granularityMs) * options.granularityMs;
      estimates.set(caller.callerId, { position, expectedWaitMs: rounded });
    });
  }
  return estimates;
}
