import type { ConsultationView } from '@madoguchi/shared';

/**
 * Who took the call over, when a transfer was answered: the resident's clerk handed over to someone
 * of another department. Null when nobody new serves the resident, or when a colleague joined with
 * the clerk staying (the names on screen say that; no notice is needed).
 */
export function clerksTakingOver(
  before: ConsultationView,
  after: ConsultationView,
): readonly string[] | null {
  if (before.status !== 'active' || after.status !== 'active') return null;
  const had = new Set(before.staff.map((member) => member.staffId));
  const has = new Set(after.staff.map((member) => member.staffId));
  const newcomers = after.staff.filter((member) => !had.has(member.staffId));
  const isAnyoneGone = before.staff.some((member) => !has.has(member.staffId));
  if (newcomers.length === 0 || !isAnyoneGone) return null;
  return newcomers.map((member) => member.displayName);
}
