import type { FactPayload } from '@madoguchi/shared';

/** A clerk's skills (proficiency 1–5) and spoken languages, as the catalogue has them. */
export type ClerkProfile = NonNullable<FactPayload<'session:ready'>['clerkProfile']>;

/** The catalogue's skills the console has names for; others are shown by their id. */
export const knownSkillIds = [
  'juumin-kiroku',
  'shoumei',
  'koseki',
  'inkan',
  'mynumber',
  'kokuho-nenkin',
  'kosodate',
  'kaigo',
  'zeimu',
  'okuyami',
  'sougou',
] as const;

export type KnownSkillId = (typeof knownSkillIds)[number];

export const isKnownSkillId = (skillId: string): skillId is KnownSkillId =>
  (knownSkillIds as readonly string[]).includes(skillId);

/** The highest proficiency the catalogue gives. */
export const MAX_PROFICIENCY = 5;

/** Filled and empty stars for a proficiency, clamped to 0–5 (a picture only; the text says the level). */
export function proficiencyStars(proficiency: number): string {
  const filled = Math.min(MAX_PROFICIENCY, Math.max(0, Math.round(proficiency)));
  return '★'.repeat(filled) + '☆'.repeat(MAX_PROFICIENCY - filled);
}
