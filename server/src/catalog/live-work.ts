import type { Catalog, CatalogIssue } from './schema.ts';

/** What is going on right now that a catalogue change must not pull the ground from under. */
export interface LiveWork {
  /** Procedures residents are queued for (waiting or being offered), transfers included. */
  queuedProcedures: ReadonlySet<string>;
  /** Skills the routing steps of queued residents name (those steps were fixed when they queued). */
  queuedSkills: ReadonlySet<string>;
  /** Kiosks with a consultation, queued or in a call. */
  busyKiosks: ReadonlySet<string>;
  /** Clerks signed in to the queue, whatever their status. */
  signedInClerks: ReadonlySet<string>;
}

/**
 * The changes from `before` to `after` that would strand live work, each as an `in-use` issue
 * at the list it concerns: a procedure someone waits for, a skill their routing still needs, a
 * kiosk in a consultation, or a clerk signed in cannot be removed now. Everything else (names,
 * hours, holidays, skills of clerks, new entries) is safe to apply at once.
 */
export function liveWorkConflicts(before: Catalog, after: Catalog, live: LiveWork): CatalogIssue[] {
  const issues: CatalogIssue[] = [];
  const inUse = (path: string, subject: string, message: string) =>
    issues.push({ path, code: 'in-use', subject, message });
  const removed = (list: readonly { id: string }[], kept: readonly { id: string }[]) => {
    const keptIds = new Set(kept.map((item) => item.id));
    return list.map((item) => item.id).filter((id) => !keptIds.has(id));
  };

  for (const id of removed(before.procedures, after.procedures))
    if (live.queuedProcedures.has(id))
      inUse('procedures', id, `procedure "${id}" cannot be removed while residents wait for it`);
  for (const id of removed(before.skills, after.skills))
    if (live.queuedSkills.has(id))
      inUse('skills', id, `skill "${id}" cannot be removed while waiting residents need a clerk with it`);
  for (const id of removed(before.clerks, after.clerks))
    if (live.signedInClerks.has(id))
      inUse('clerks', id, `clerk "${id}" cannot be removed while signed in; they must sign out first`);

  const kioskPath = new Map<string, string>();
  after.booths.forEach((booth, b) =>
    booth.kiosks.forEach((kiosk) => kioskPath.set(kiosk.id, `booths[${b}].kiosks`)),
  );
  const boothPath = new Map(after.booths.map((booth, b) => [booth.id as string, `booths[${b}].kiosks`]));
  for (const booth of before.booths) {
    for (const kiosk of booth.kiosks) {
      if (kioskPath.has(kiosk.id) || !live.busyKiosks.has(kiosk.id)) continue;
      inUse(
        boothPath.get(booth.id) ?? 'booths',
        kiosk.id,
        `kiosk "${kiosk.id}" cannot be removed while a resident is using it`,
      );
    }
  }
  return issues;
}
