import { crossCheckCatalog } from './cross-check.ts';
import { issuesFromZod, type CatalogIssue } from './issues.ts';
import { catalogSchema, type Catalog } from './schema.ts';

export type CatalogValidation = { ok: true; catalog: Catalog } | { ok: false; issues: CatalogIssue[] };

/**
 * The whole check of a catalogue document: its schema first, then (only when that passes) the
 * cross-references. Every issue is listed, so a document is fixed in one go.
 */
export function validateCatalog(json: unknown): CatalogValidation {
  const parsed = catalogSchema.safeParse(json);
  if (!parsed.success) return { ok: false, issues: issuesFromZod(parsed.error) };
  const issues = crossCheckCatalog(parsed.data);
  return issues.length > 0 ? { ok: false, issues } : { ok: true, catalog: parsed.data };
}
