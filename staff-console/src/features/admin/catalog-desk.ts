import type { ErrorCode } from '@madoguchi/shared';
import {
  catalogRevisionResponseSchema,
  catalogRevisionsResponseSchema,
  saveCatalogResponseSchema,
  type CatalogIssue,
  type CatalogRevisionSummary,
  type CatalogRevisionView,
} from '@madoguchi/shared/catalog';
import { HttpError, type HttpClient } from '@madoguchi/shared/client';
import { draftIssues, edited, type CatalogDraft } from './catalog-draft.ts';

/** How many revisions the history shows (the server allows up to 500). */
export const REVISION_LIST_LIMIT = 50;

/** Refusals of a save that the catalogue screen explains itself, next to the fields where it can. */
const saveRefusals: readonly ErrorCode[] = [
  'CATALOG_INVALID',
  'CATALOG_IN_USE',
  'REVISION_CONFLICT',
  'VALIDATION_FAILED',
];

export interface CatalogState {
  /** The revision in force when last loaded or saved; null until loaded. */
  base: CatalogRevisionView | null;
  /** What the administrator is editing, from `base`. */
  draft: CatalogDraft | null;
  /** The draft's problems by the shared rules, found on every edit, before any save. */
  issues: readonly CatalogIssue[];
  /** The server's refusal of the last save, until the next edit, save or reload. */
  refusal: { code: ErrorCode; message: string; issues: readonly CatalogIssue[] } | null;
  hasChanges: boolean;
  isLoading: boolean;
  isSaving: boolean;
  /** The revision the last save stored, for the confirmation line. */
  savedRevision: number | null;
  /** Newest first; null until loaded. */
  revisions: readonly CatalogRevisionSummary[] | null;
}

export const emptyCatalogState: CatalogState = {
  base: null,
  draft: null,
  issues: [],
  refusal: null,
  hasChanges: false,
  isLoading: false,
  isSaving: false,
  savedRevision: null,
  revisions: null,
};

export interface CatalogDeskOptions {
  http: Pick<HttpClient, 'get' | 'put'>;
  csrfToken: string;
  onChange: (state: CatalogState) => void;
  /** Failures the screen does not explain itself (network, session ended, forbidden). */
  onError: (error: unknown) => void;
}

/**
 * The administrator's catalogue editor over HTTP: loads the revision in force and its history,
 * keeps a draft checked by the shared rules on every edit, and saves the whole catalogue against
 * the revision it was edited from. A refusal keeps the draft, so nothing typed is lost.
 */
export class CatalogDesk {
  readonly #options: CatalogDeskOptions;
  #state: CatalogState = emptyCatalogState;
  #isClosed = false;

  constructor(options: CatalogDeskOptions) {
    this.#options = options;
  }

  get state(): CatalogState {
    return this.#state;
  }

  /** Loads the revision in force (replacing the draft) and the history. */
  async load(): Promise<void> {
    if (this.#state.isLoading) return;
    this.#update({ isLoading: true });
    try {
      const [base, history] = await Promise.all([
        this.#options.http.get('/api/admin/catalog', catalogRevisionResponseSchema),
        this.#options.http.get(
          `/api/admin/catalog/revisions?limit=${REVISION_LIST_LIMIT}`,
          catalogRevisionsResponseSchema,
        ),
      ]);
      this.#startFrom(base);
      this.#update({ revisions: history.revisions, savedRevision: null });
    } catch (error) {
      this.#fail(error);
    } finally {
      this.#update({ isLoading: false });
    }
  }

  /** Changes the draft; the rules are checked at once and a previous refusal is cleared. */
  edit(change: (draft: CatalogDraft) => void): void {
    const { draft } = this.#state;
    if (!draft) return;
    const next = edited(draft, change);
    this.#update({
      draft: next,
      issues: draftIssues(next),
      hasChanges: true,
      refusal: null,
      savedRevision: null,
    });
  }

  /** Back to the revision loaded last. */
  discard(): void {
    if (this.#state.base) this.#startFrom(this.#state.base);
  }

  /** Sends the whole draft with the revision it was edited from; refused at once if it breaks a rule. */
  async save(): Promise<void> {
    const { base, draft, issues, isSaving } = this.#state;
    if (!base || !draft || isSaving || issues.length > 0) return;
    this.#update({ isSaving: true, refusal: null, savedRevision: null });
    try {
      const saved = await this.#options.http.put('/api/admin/catalog', saveCatalogResponseSchema, {
        body: { baseRevision: base.revision, catalog: draft },
        csrfToken: this.#options.csrfToken,
      });
      const [current, history] = await Promise.all([
        this.#options.http.get('/api/admin/catalog', catalogRevisionResponseSchema),
        this.#options.http.get(
          `/api/admin/catalog/revisions?limit=${REVISION_LIST_LIMIT}`,
          catalogRevisionsResponseSchema,
        ),
      ]);
      this.#startFrom(current);
      this.#update({ revisions: history.revisions, savedRevision: saved.revision });
    } catch (error) {
      if (error instanceof HttpError && saveRefusals.includes(error.code)) {
        this.#update({ refusal: { code: error.code, message: error.message, issues: error.issues } });
      } else {
        this.#fail(error);
      }
    } finally {
      this.#update({ isSaving: false });
    }
  }

  /** Stops reporting: late answers after a logout change nothing. */
  close(): void {
    this.#isClosed = true;
  }

  #startFrom(base: CatalogRevisionView): void {
    const draft = structuredClone(base.catalog) as CatalogDraft;
    this.#update({ base, draft, issues: draftIssues(draft), hasChanges: false, refusal: null });
  }

  #fail(error: unknown): void {
    if (!this.#isClosed) this.#options.onError(error);
  }

  #update(patch: Partial<CatalogState>): void {
    if (this.#isClosed) return;
    this.#state = { ...this.#state, ...patch };
    this.#options.onChange(this.#state);
  }
}
