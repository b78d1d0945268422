import { AppError } from '../errors.ts';
import type { CatalogIssue } from './schema.ts';

export type { CatalogIssue } from './schema.ts';

export type CatalogErrorCode = 'CATALOG_INVALID';

/** Thrown by the loader; the message lists every issue so a broken config file is fixed in one go. */
export class CatalogError extends Error {
  override readonly name = 'CatalogError';
  readonly code: CatalogErrorCode;
  readonly issues: readonly CatalogIssue[];

  private constructor(code: CatalogErrorCode, issues: readonly CatalogIssue[], cause?: unknown) {
    const list = issues.map((i) => `${i.path || '(root)'}: ${i.message}`).join('; ');
    super(`${code}: ${list}`, cause === undefined ? undefined : { cause });
    this.code = code;
    this.issues = issues;
  }

  static invalid(issues: readonly CatalogIssue[], cause?: unknown): CatalogError {
    return new CatalogError('CATALOG_INVALID', issues, cause);
  }
}

/** Why a save of the catalogue is refused, as the administrator's console receives it. */
export const catalogRefusal = {
  /** The document breaks the catalogue's rules; every issue with its path. */
  invalid: (issues: readonly CatalogIssue[]): AppError =>
    new AppError('CATALOG_INVALID', `the catalogue breaks ${issues.length} rule(s)`, { issues }),
  /** Someone saved since the revision the document was edited from. */
  staleRevision: (baseRevision: number, latest: number): AppError =>
    new AppError(
      'REVISION_CONFLICT',
      `revision ${baseRevision} is not the latest (${latest}); reload and edit again`,
    ),
  /** The change would strand live work; the issues say what is in use. */
  inUse: (issues: readonly CatalogIssue[]): AppError =>
    new AppError('CATALOG_IN_USE', `the change would strand live work (${issues.length})`, { issues }),
};
