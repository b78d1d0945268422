import type { z } from 'zod';
import type { catalogSchema, weekdays } from '@madoguchi/shared/catalog';
import { validateCatalog, type CatalogIssue, type CatalogSection } from '@madoguchi/shared/catalog';

/** The catalogue as a form edits it: the document's shape before its ids are branded. */
export type CatalogDraft = z.input<typeof catalogSchema>;
export type ProcedureDraft = CatalogDraft['procedures'][number];
export type ClerkDraft = CatalogDraft['clerks'][number];
export type BoothDraft = CatalogDraft['booths'][number];
export type HoursDraft = BoothDraft['hours'];
export type Weekday = (typeof weekdays)[number];

/** Monday first, as a Japanese office's week is read. */
export const weekdaysFromMonday: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** The optional resident languages a name may have besides Japanese and English. */
export const optionalNameLanguages = ['ja-easy', 'zh-Hans', 'ko', 'vi'] as const;

/** The draft's problems by the same rules the server applies. */
export function draftIssues(draft: CatalogDraft): CatalogIssue[] {
  const result = validateCatalog(draft);
  return result.ok ? [] : result.issues;
}

/** The issues of exactly this field (or list). */
export function issuesAt(issues: readonly CatalogIssue[], path: string): CatalogIssue[] {
  return issues.filter((issue) => issue.path === path);
}

/** The editor's panes; each shows some sections, or part of one (booths' hours are with the hours). */
export const catalogPanes = [
  'procedures',
  'skills',
  'clerks',
  'booths',
  'hours',
  'general',
  'revisions',
] as const;
export type CatalogPane = (typeof catalogPanes)[number];

const paneOfSection: Record<CatalogSection, CatalogPane> = {
  procedures: 'procedures',
  skills: 'skills',
  skillGroups: 'skills',
  clerks: 'clerks',
  booths: 'booths',
  headquarters: 'general',
  municipality: 'general',
  retention: 'general',
};

/** The pane where the field of an issue's path is edited. */
export function paneOf(path: string): CatalogPane {
  if (/^(headquarters|booths\[\d+\])\.hours(\.|$)/.test(path)) return 'hours';
  const section = /^[A-Za-z]+/.exec(path)?.[0] ?? '';
  return section in paneOfSection ? paneOfSection[section as CatalogSection] : 'general';
}

/** How many issues lie in each pane, for the pane's tab. */
export function issueCountsByPane(issues: readonly CatalogIssue[]): Record<CatalogPane, number> {
  const counts = Object.fromEntries(catalogPanes.map((pane) => [pane, 0])) as Record<CatalogPane, number>;
  for (const issue of issues) counts[paneOf(issue.path)] += 1;
  return counts;
}

/**
 * A number field's text as the draft keeps it: blank stays NaN (so the rules say "required"
 * rather than quietly taking 0), anything else as typed.
 */
export function numberFromField(text: string): number {
  return text.trim() === '' ? Number.NaN : Number(text);
}

/** A number as its field shows it: NaN as blank. */
export function fieldFromNumber(value: number): string {
  return Number.isNaN(value) ? '' : String(value);
}

/** An empty week (closed every day) with no exceptions, in Tokyo time. */
export function closedHours(): HoursDraft {
  return {
    timezone: 'Asia/Tokyo',
    weekly: { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] },
    exceptions: [],
  };
}

/** A new procedure: its id and names left blank for the administrator, the first skill required. */
export function newProcedure(draft: CatalogDraft): ProcedureDraft {
  return {
    id: '',
    name: { ja: '', en: '' },
    requiredSkill: draft.skills[0]?.id ?? '',
    typicalHandlingMinutes: 10,
    fallback: null,
    isReservable: false,
  };
}

export function newClerk(): ClerkDraft {
  return { id: '', displayName: '', skills: {}, languages: ['ja'] };
}

/** A new booth: planned (takes no calls until opened), no kiosks, headquarters' weekly hours. */
export function newBooth(draft: CatalogDraft): BoothDraft {
  return {
    id: '',
    name: { ja: '', en: '' },
    status: 'planned',
    location: '',
    kiosks: [],
    hours: { ...closedHours(), weekly: structuredClone(draft.headquarters.hours.weekly) },
  };
}

/** Applies an edit to a copy of the draft, so the previous one stays as it was (React state). */
export function edited(draft: CatalogDraft, edit: (copy: CatalogDraft) => void): CatalogDraft {
  const copy = structuredClone(draft);
  edit(copy);
  return copy;
}
