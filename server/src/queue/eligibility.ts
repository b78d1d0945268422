import type { RoutingStep, SkillId } from './types.ts';

/** The parts of a clerk that decide whether they may take a call. */
export interface ClerkQualification {
  skills: Readonly<Record<SkillId, number>>;
  languages: readonly string[];
}

/** The parts of a waiting caller that decide who may take the call. */
export interface CallerRequirement {
  language: string | null;
  steps: readonly RoutingStep[];
  /** Index of the last step reached; steps up to and including it are open. */
  stepIndex: number;
}

/** Skills that make a clerk eligible once `stepIndex` is reached, sorted and without duplicates. */
export function eligibleSkills(steps: readonly RoutingStep[], stepIndex: number): SkillId[] {
  const skills = new Set<SkillId>();
  for (let i = 0; i <= stepIndex && i < steps.length; i++)
    for (const skill of steps[i]!.skills) skills.add(skill);
  return [...skills].sort();
}

export function speaks(clerk: ClerkQualification, language: string | null): boolean {
  return language === null || clerk.languages.includes(language);
}

export function holdsAny(clerk: ClerkQualification, skills: readonly SkillId[]): boolean {
  return skills.some((skill) => (clerk.skills[skill] ?? 0) >= 1);
}

/**
 * The earliest open step the clerk qualifies for and their best proficiency in it, or null when the
 * clerk may not take the call. Specialists (step 0) rank before fallback staff whatever their level.
 */
export function matchStep(
  clerk: ClerkQualification,
  caller: CallerRequirement,
): { step: number; proficiency: number } | null {
  if (!speaks(clerk, caller.language)) return null;
  for (let step = 0; step <= caller.stepIndex && step < caller.steps.length; step++) {
    let proficiency = 0;
    for (const skill of caller.steps[step]!.skills)
      proficiency = Math.max(proficiency, clerk.skills[skill] ?? 0);
    if (proficiency >= 1) return { step, proficiency };
  }
  return null;
}

export function isEligible(clerk: ClerkQualification, caller: CallerRequirement): boolean {
  return matchStep(clerk, caller) !== null;
}
