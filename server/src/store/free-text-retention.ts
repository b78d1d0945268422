import type { Database } from './database.ts';

/**
 * Free text that may hold personal details — residents' survey comments and clerks' wrap-up
 * notes — is erased once older than the retention period; the figures (ratings, outcomes) stay.
 * Returns how many texts were erased.
 */
export async function eraseOldFreeText(db: Database, olderThan: number): Promise<number> {
  const comments = await db
    .updateTable('surveys')
    .set({ comment: null })
    .where('comment', 'is not', null)
    .where('submitted_at', '<', olderThan)
    .executeTakeFirst();
  const notes = await db
    .updateTable('wrap_ups')
    .set({ notes: '' })
    .where('notes', '<>', '')
    .where('wrapped_up_at', '<', olderThan)
    .executeTakeFirst();
  return Number(comments.numUpdatedRows) + Number(notes.numUpdatedRows);
}
