import type { CatalogIssue } from './issues.ts';
import type { Catalog } from './schema.ts';

/**
 * What the schema cannot see: ids unique within their list (kiosk ids across all booths), and every
 * skill and skill group a section names defined in the catalogue. Issues in document order of the
 * checks below, each with its path.
 */
export function crossCheckCatalog(catalog: Catalog): CatalogIssue[] {
  const issues: CatalogIssue[] = [];
  const unknown = (path: string, subject: string, message: string) =>
    issues.push({ path, code: 'unknown-reference', subject, message });
  const duplicates = (list: readonly { id: string }[], where: string): Set<string> => {
    const seen = new Set<string>();
    list.forEach((item, i) => {
      if (seen.has(item.id))
        issues.push({
          path: `${where}[${i}].id`,
          code: 'duplicate-id',
          subject: item.id,
          message: `duplicate id "${item.id}"`,
        });
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
      if (!skills.has(skill)) unknown(`skillGroups[${g}].skills[${s}]`, skill, `unknown skill "${skill}"`);
    }),
  );
  catalog.procedures.forEach((procedure, p) => {
    if (!skills.has(procedure.requiredSkill))
      unknown(
        `procedures[${p}].requiredSkill`,
        procedure.requiredSkill,
        `unknown skill "${procedure.requiredSkill}"`,
      );
    if (procedure.fallback && !groups.has(procedure.fallback.skillGroup)) {
      unknown(
        `procedures[${p}].fallback.skillGroup`,
        procedure.fallback.skillGroup,
        `unknown skill group "${procedure.fallback.skillGroup}"`,
      );
    }
  });
  catalog.clerks.forEach((clerk, c) => {
    for (const skill of Object.keys(clerk.skills))
      if (!skills.has(skill)) unknown(`clerks[${c}].skills.${skill}`, skill, `unknown skill "${skill}"`);
  });
  const kiosks = new Set<string>();
  catalog.booths.forEach((booth, b) =>
    booth.kiosks.forEach((kiosk, k) => {
      if (kiosks.has(kiosk.id)) {
        issues.push({
          path: `booths[${b}].kiosks[${k}].id`,
          code: 'duplicate-id',
          subject: kiosk.id,
          message: `duplicate kiosk id "${kiosk.id}"`,
        });
      }
      kiosks.add(kiosk.id);
    }),
  );
  return issues;
}
