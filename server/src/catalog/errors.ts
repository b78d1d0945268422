/** One problem found in a catalog, located by its path in the JSON document. */
export interface CatalogIssue {
  path: string;
  message: string;
}

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

/** Renders a zod-style path as `procedures[3].fallback.skillGroup`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}
