import { z } from 'zod';
import type { Catalog } from './schema.ts';

/** The catalogue's top-level sections, in document order. */
export const catalogSections = [
  'municipality',
  'skills',
  'skillGroups',
  'procedures',
  'clerks',
  'headquarters',
  'booths',
  'retention',
] as const;
export type CatalogSection = (typeof catalogSections)[number];

/** Lists whose entries have ids; `kiosks` are the booths' kiosks taken together. */
export const catalogIdLists = ['skills', 'skillGroups', 'procedures', 'clerks', 'booths', 'kiosks'] as const;
export type CatalogIdList = (typeof catalogIdLists)[number];

const ids = z.array(z.string().max(64)).max(1000);
export const idChangesSchema = z.object({ added: ids, removed: ids, changed: ids });
export type IdChanges = z.infer<typeof idChangesSchema>;

/**
 * What one revision changed: the sections, and per list the ids added, removed or changed. Ids
 * only, never names or other content, so it can go into the audit log as it is.
 */
export const catalogChangesSchema = z.object({
  sections: z.array(z.enum(catalogSections)),
  ids: z.partialRecord(z.enum(catalogIdLists), idChangesSchema),
});
export type CatalogChanges = z.infer<typeof catalogChangesSchema>;

/** Compares two catalogues; `before` null (the first revision) counts everything as added. */
export function diffCatalogs(before: Catalog | null, after: Catalog): CatalogChanges {
  const sections = catalogSections.filter(
    (section) => stableJson(before?.[section]) !== stableJson(after[section]),
  );
  const changes: CatalogChanges = { sections, ids: {} };
  const kiosksOf = (catalog: Catalog | null) =>
    catalog?.booths.flatMap((booth) => booth.kiosks.map((kiosk) => ({ ...kiosk, boothId: booth.id }))) ?? [];
  const lists: Record<CatalogIdList, [readonly { id: string }[], readonly { id: string }[]]> = {
    skills: [before?.skills ?? [], after.skills],
    skillGroups: [before?.skillGroups ?? [], after.skillGroups],
    procedures: [before?.procedures ?? [], after.procedures],
    clerks: [before?.clerks ?? [], after.clerks],
    booths: [before?.booths ?? [], after.booths],
    kiosks: [kiosksOf(before), kiosksOf(after)],
  };
  for (const list of catalogIdLists) {
    const [from, to] = lists[list];
    const diff = diffById(from, to);
    if (diff.added.length + diff.removed.length + diff.changed.length > 0) changes.ids[list] = diff;
  }
  return changes;
}

/** Whether two catalogues say the same (key order and formatting aside). */
export function isSameCatalog(a: Catalog, b: Catalog): boolean {
  return stableJson(a) === stableJson(b);
}

function diffById(before: readonly { id: string }[], after: readonly { id: string }[]): IdChanges {
  const old = new Map(before.map((item) => [item.id, stableJson(item)]));
  const now = new Set(after.map((item) => item.id));
  return {
    added: after.filter((item) => !old.has(item.id)).map((item) => item.id),
    removed: before.filter((item) => !now.has(item.id)).map((item) => item.id),
    changed: after
      .filter((item) => old.has(item.id) && old.get(item.id) !== stableJson(item))
      .map((item) => item.id),
  };
}

/** JSON with object keys sorted, so equal content compares equal whatever order it was written in. */
function stableJson(value: unknown): string {
  return (
    JSON.stringify(value, (_key, v: unknown) =>
      v && typeof v === 'object' && !Array.isArray(v)
        ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
        : v,
    ) ?? 'undefined'
  );
}
