import { RoutingEngine, type QueueCommandResult, type RoutingEngineOptions } from './engine.ts';
import type { ClerkProfile, Effect, RoutingProcedure } from './types.ts';

/** Shared fixtures for the queue's tests (not used by production code). */

export const T0 = Date.parse('2026-04-06T09:00:00+09:00');

export const testProcedures: RoutingProcedure[] = [
  {
    id: 'shoumeisho',
    steps: [
      { afterMs: 0, skills: ['shoumei'] },
      { afterMs: 120_000, skills: ['general'] },
    ],
    typicalHandlingMs: 480_000,
    isReservable: false,
  },
  {
    id: 'koseki',
    steps: [{ afterMs: 0, skills: ['koseki'] }],
    typicalHandlingMs: 900_000,
    isReservable: true,
  },
  {
    id: 'kosodate',
    steps: [
      { afterMs: 0, skills: ['kosodate'] },
      { afterMs: 60_000, skills: ['general', 'koseki'] },
    ],
    typicalHandlingMs: 1_200_000,
    isReservable: true,
  },
];

export function engineFor(options: Partial<RoutingEngineOptions> = {}): RoutingEngine {
  return new RoutingEngine({ procedures: testProcedures, ...options });
}

export function clerk(
  clerkId: string,
  skills: Record<string, number>,
  languages: string[] = ['ja'],
): ClerkProfile {
  return { clerkId, skills, languages };
}

export function offersIn(result: QueueCommandResult): Extract<Effect, { type: 'offer' }>[] {
  return result.effects.filter((e): e is Extract<Effect, { type: 'offer' }> => e.type === 'offer');
}

export function eventTypes(result: QueueCommandResult): string[] {
  return result.events.map((e) => e.type);
}
