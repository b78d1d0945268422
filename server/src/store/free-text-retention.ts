import type { DatabaseSync } from 'node:sqlite';

/**
 * Free text that may hold personal details — residents' survey comments and clerks' wrap-up
 * notes — is erased once older than the retention period; the figures (ratings, outcomes) stay.
 * Returns how many texts were erased.
 */
export function eraseOldFreeText(db: DatabaseSync, olderThan: number): number {
  const comments = db
    .prepare('UPDATE surveys SET comment = NULL WHERE comment IS NOT NULL AND submitted_at < ?')
    .run(olderThan).changes;
  const notes = db
    .prepare("UPDATE wrap_ups SET notes = '' WHERE notes <> '' AND wrapped_up_at < ?")
    .run(olderThan).changes;
  return Number(comments) + Number(notes);
}
