import type { CatalogIssue } from '@madoguchi/shared/catalog';
import type { CatalogDraft } from '../catalog-draft.ts';

/** What every section of the catalogue editor gets: the draft, its issues, and a way to change it. */
export interface CatalogSectionProps {
  draft: CatalogDraft;
  issues: readonly CatalogIssue[];
  onEdit: (change: (draft: CatalogDraft) => void) => void;
}
