import type { Logger } from 'pino';
import { AppError } from '../errors.ts';
import { catalogRefusal } from './errors.ts';
import { loadCatalog } from './load-catalog.ts';
import { liveWorkConflicts, type LiveWork } from './live-work.ts';
import { diffCatalogs, isSameCatalog, validateCatalog, type Catalog, type CatalogChanges } from './schema.ts';

/** One stored revision of the catalogue, without its document. */
export interface CatalogRevisionRecord {
  revision: number;
  /** Epoch ms. */
  savedAt: number;
  /** Staff id of the administrator, or `system` for the catalogue first read from its file. */
  savedBy: string;
  changes: CatalogChanges;
}

export interface StoredCatalogRevision extends CatalogRevisionRecord {
  catalog: Catalog;
}

/** Where revisions are kept; one row each, never changed once written. */
export interface CatalogRevisionStore {
  /** The newest revision with its document as stored (checked again by the catalogue rules). */
  latest(): Promise<(CatalogRevisionRecord & { document: unknown }) | null>;
  /** Stores a revision; refuses a revision number that exists already. */
  append(revision: CatalogRevisionRecord & { document: unknown }): Promise<void>;
  /** Newest first. */
  list(limit: number): Promise<CatalogRevisionRecord[]>;
}

export interface LiveCatalogOptions {
  store: CatalogRevisionStore;
  /** Stored as revision 1 when the store holds none yet (the catalogue file). */
  initial: Catalog;
  log: Logger;
  now?: () => number;
}

/** A save the rules accepted: the revision now in force, and whether it differs from the previous one. */
export interface SavedCatalog {
  record: CatalogRevisionRecord;
  isChanged: boolean;
}

/**
 * The catalogue in force and its revisions. The running server reads `catalog` whenever it needs
 * it and is told of every change; a save is checked (rules, base revision, live work) and applied
 * in one turn of the event loop, so nothing can slip in between the check and the change, and
 * saves are taken one at a time.
 */
export class LiveCatalog {
  readonly #store: CatalogRevisionStore;
  readonly #log: Logger;
  readonly #now: () => number;
  readonly #listeners: ((catalog: Catalog, previous: Catalog) => void)[] = [];
  #current: StoredCatalogRevision;
  #saving: Promise<unknown> = Promise.resolve();

  private constructor(options: LiveCatalogOptions, current: StoredCatalogRevision) {
    this.#store = options.store;
    this.#log = options.log;
    this.#now = options.now ?? Date.now;
    this.#current = current;
  }

  /** The latest stored revision, or the initial catalogue stored as revision 1. */
  static async open(options: LiveCatalogOptions): Promise<LiveCatalog> {
    const latest = await options.store.latest();
    if (latest) {
      const { document, ...record } = latest;
      options.log.info({ revision: record.revision }, 'catalogue revision in force');
      return new LiveCatalog(options, { ...record, catalog: loadCatalog(document) });
    }
    const first: StoredCatalogRevision = {
      revision: 1,
      savedAt: (options.now ?? Date.now)(),
      savedBy: 'system',
      changes: diffCatalogs(null, options.initial),
      catalog: options.initial,
    };
    await options.store.append({ ...recordOf(first), document: first.catalog });
    options.log.info('catalogue file stored as revision 1');
    return new LiveCatalog(options, first);
  }

  get catalog(): Catalog {
    return this.#current.catalog;
  }

  get current(): StoredCatalogRevision {
    return this.#current;
  }

  /** Called, in order of registration, with every catalogue put in force after start. */
  onApplied(listener: (catalog: Catalog, previous: Catalog) => void): void {
    this.#listeners.push(listener);
  }

  revisions(limit: number): Promise<CatalogRevisionRecord[]> {
    return this.#store.list(limit);
  }

  /**
   * Checks and applies a whole catalogue edited from `baseRevision`. Refused with
   * REVISION_CONFLICT when someone saved since, CATALOG_INVALID (every issue) when it breaks the
   * rules, CATALOG_IN_USE when it would strand `liveWork()`; then it is applied and stored. An
   * unchanged catalogue stores nothing.
   */
  save(request: {
    actor: string;
    baseRevision: number;
    document: unknown;
    liveWork: () => LiveWork;
  }): Promise<SavedCatalog> {
    const run = this.#saving.then(() => this.#save(request));
    this.#saving = run.catch(() => undefined);
    return run;
  }

  async #save(request: {
    actor: string;
    baseRevision: number;
    document: unknown;
    liveWork: () => LiveWork;
  }): Promise<SavedCatalog> {
    const previous = this.#current;
    if (request.baseRevision !== previous.revision)
      throw catalogRefusal.staleRevision(request.baseRevision, previous.revision);
    const result = validateCatalog(request.document);
    if (!result.ok) throw catalogRefusal.invalid(result.issues);
    const catalog = result.catalog;
    if (isSameCatalog(catalog, previous.catalog)) return { record: recordOf(previous), isChanged: false };
    const conflicts = liveWorkConflicts(previous.catalog, catalog, request.liveWork());
    if (conflicts.length > 0) throw catalogRefusal.inUse(conflicts);
    const next: StoredCatalogRevision = {
      revision: previous.revision + 1,
      savedAt: this.#now(),
      savedBy: request.actor,
      changes: diffCatalogs(previous.catalog, catalog),
      catalog,
    };
    // Applied before the write (in the same turn as the checks above); undone if the write fails.
    this.#apply(next, previous);
    try {
      await this.#store.append({ ...recordOf(next), document: next.catalog });
    } catch (error) {
      this.#log.error({ err: error, revision: next.revision }, 'catalogue revision not stored; undone');
      this.#apply(previous, next);
      throw new AppError('INTERNAL', 'the catalogue could not be stored', { cause: error });
    }
    this.#log.info(
      { revision: next.revision, savedBy: next.savedBy, sections: next.changes.sections },
      'catalogue revision applied',
    );
    return { record: recordOf(next), isChanged: true };
  }

  #apply(next: StoredCatalogRevision, previous: StoredCatalogRevision): void {
    this.#current = next;
    for (const listener of this.#listeners) listener(next.catalog, previous.catalog);
  }
}

function recordOf({ catalog: _catalog, ...record }: StoredCatalogRevision): CatalogRevisionRecord {
  return record;
}
