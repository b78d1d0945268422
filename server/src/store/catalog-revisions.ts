import { catalogChangesSchema, type CatalogChanges } from '@madoguchi/shared/catalog';
import type { Database } from './database.ts';

/** One revision as stored: who saved it and when, what it changed, and the whole document. */
export interface CatalogRevisionRow {
  revision: number;
  savedAt: number;
  savedBy: string;
  changes: CatalogChanges;
}

/**
 * Every revision of the catalogue administrators saved, newest last. Rows are written once and
 * never changed; the revision number is the primary key, so two saves cannot both become the
 * same revision.
 */
export class CatalogRevisions {
  readonly #db: Database;

  constructor(db: Database) {
    this.#db = db;
  }

  async latest(): Promise<(CatalogRevisionRow & { document: unknown }) | null> {
    const row = await this.#db
      .selectFrom('catalog_revisions')
      .selectAll()
      .orderBy('revision', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row ? { ...rowOf(row), document: JSON.parse(row.document) as unknown } : null;
  }

  async append(revision: CatalogRevisionRow & { document: unknown }): Promise<void> {
    await this.#db
      .insertInto('catalog_revisions')
      .values({
        revision: revision.revision,
        saved_at: revision.savedAt,
        saved_by: revision.savedBy,
        document: JSON.stringify(revision.document),
        summary: JSON.stringify(revision.changes),
      })
      .execute();
  }

  /** Newest first, without their documents. */
  async list(limit: number): Promise<CatalogRevisionRow[]> {
    const rows = await this.#db
      .selectFrom('catalog_revisions')
      .select(['revision', 'saved_at', 'saved_by', 'summary'])
      .orderBy('revision', 'desc')
      .limit(limit)
      .execute();
    return rows.map(rowOf);
  }
}

function rowOf(row: {
  revision: number;
  saved_at: number;
  saved_by: string;
  summary: string;
}): CatalogRevisionRow {
  return {
    revision: row.revision,
    savedAt: row.saved_at,
    savedBy: row.saved_by,
    changes: catalogChangesSchema.parse(JSON.parse(row.summary)),
  };
}
