import { validateCatalog, type Catalog } from './schema.ts';
import { CatalogError } from './errors.ts';

/**
 * Parses and cross-checks a catalog document. Throws `CatalogError` (code `CATALOG_INVALID`) listing
 * every issue with its path, e.g. `procedures[2].requiredSkill: unknown skill "koseki2"`.
 */
export function loadCatalog(json: unknown): Catalog {
  const result = validateCatalog(json);
  if (!result.ok) throw CatalogError.invalid(result.issues);
  return result.catalog;
}
