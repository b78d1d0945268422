import type { Procedure, StaffLanguage } from '@madoguchi/shared';

/**
 * A procedure's name in the console's language; its id while the catalogue is not loaded or when
 * the catalogue does not list it (a caller may still be waiting for a procedure since withdrawn).
 */
export function procedureName(
  procedures: readonly Procedure[] | null,
  procedureId: string,
  language: StaffLanguage,
): string {
  return procedures?.find((procedure) => procedure.id === procedureId)?.name[language] ?? procedureId;
}
