import type { ClerkId } from './types.ts';

/** An idle clerk who may take the call, with what the policies rank on. */
export interface Candidate {
  clerkId: ClerkId;
  /** Routing step the clerk qualifies through (0 = required skill, higher = fallback). */
  step: number;
  proficiency: number;
  /** When the clerk last became available. */
  idleSince: number;
}

/** Orders candidates: `compare(a, b) < 0` means a is preferred. Must be a total order. */
export interface SelectionPolicy {
  name: string;
  compare(a: Candidate, b: Candidate): number;
}

const byId = (a: Candidate, b: Candidate): number =>
  a.clerkId < b.clerkId ? -1 : a.clerkId > b.clerkId ? 1 : 0;

/** Default: specialists first, then the highest proficiency, then the clerk idle the longest. */
export const proficiencyThenLongestIdle: SelectionPolicy = {
  name: 'proficiency-then-longest-idle',
  compare: (a, b) =>
    a.step - b.step || b.proficiency - a.proficiency || a.idleSince - b.idleSince || byId(a, b),
};

/** Spreads the load evenly: specialists first, then whoever has waited longest for a call. */
export const longestIdle: SelectionPolicy = {
  name: 'longest-idle',
  compare: (a, b) => a.step - b.step || a.idleSince - b.idleSince || byId(a, b),
};

export const selectionPolicies = {
  [proficiencyThenLongestIdle.name]: proficiencyThenLongestIdle,
  [longestIdle.name]: longestIdle,
} as const satisfies Record<string, SelectionPolicy>;
