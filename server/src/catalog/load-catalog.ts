import { catalogSchema, type Catalog } from './schema.ts';
import { CatalogError, formatPath, type CatalogIssue } from './errors.ts';

/**
 * Parses and cross-checks a catalog document. Throws `CatalogError` (code `CATALOG_INVALID`) listing
 * every issue with its path, e.g. `procedures[2].requiredSkill: unknown skill "koseki2"`.
 */
export function loadCatalog(json: unknown): Catalog {
  const parsed = catalogSchema.safeParse(json);
  if (!parsed.success) {
    throw CatalogError.invalid(
      parsed.error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message })),
      parsed.error,
    );
  }
  const issues = crossCheck(parsed.data);
  if (issues.length > 0) throw CatalogError.invalid(issues);
  return parsed.data;
}

function crossCheck(catalog: Catalog): CatalogIssue[] {
  const issues: CatalogIssue[] = [];
  const duplicates = (list: readonly { id: string }[], where: string): Set<string> => {
    const seen = new Set<string>();
    list.forEach((item, i) => {
      if (seen.has(item.id)) issues.push({ path: `${where}[${i}].id`, message: `duplicate id "${item.id}"` });
      seen.add(item.id);
    });
    return seen;
  };
  const skills = duplicates(catalog.skills, 'skills');
  const groups = duplicates(catalog.skillGroups, 'skillGroups');
  duplicates(catalog.procedures, 'procedures');
  duplicates(catalog.clerks, 'clerks');
  duplicates(catalog.booths, 'booths');

  catalog.skillGroups.forEach((group, g) =>
    group.skills.forEach((skill, s) => {
      if (!skills.has(skill))
        issues.push({ path: `skillGroups[${g}].skills[${s}]`, message: `unknown skill "${skill}"` });
    }),
  );
  catalog.procedures.forEach((procedure, p) => {
    if (!skills.has(procedure.requiredSkill)) {
      issues.push({
        path: `procedures[${p}].requiredSkill`,
        message: `unknown skill "${procedure.requiredSkill}"`,
      });
    }
    if (procedure.fallback && !groups.has(procedure.fallback.skillGroup)) {
      issues.push({
        path: `procedures[${p}].fallback.skillGroup`,
        message: `unknown skill group "${procedure.fallback.skillGroup}"`,
      });
    }
  });
  catalog.clerks.forEach((clerk, c) => {
    for (const skill of Object.keys(clerk.skills)) {
      if (!skills.has(skill))
        issues.push({ path: `clerks[${c}].skills.${skill}`, message: `unknown skill "${skill}"` });
    }
  });
  const kiosks = new Set<string>();
  catalog.booths.forEach((booth, b) =>
    booth.kiosks.forEach((kiosk, k) => {
      if (kiosks.has(kiosk.id)) {
        issues.push({ path: `booths[${b}].kiosks[${k}].id`, message: `duplicate kiosk id "${kiosk.id}"` });
      }
      kiosks.add(kiosk.id);
    }),
  );
  return issues;
}
