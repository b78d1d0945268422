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
