import { z } from 'zod';
import { catalogChangesSchema } from './diff.ts';
import { catalogSchema } from './schema.ts';

const revisionNumber = z.number().int().min(1);

/** Who saved a revision and when; `system` for the catalogue first read from its file. */
const revisionMetaSchema = z.object({
  revision: revisionNumber,
  savedAt: z.iso.datetime(),
  savedBy: z.string(),
});

/** `GET /api/admin/catalog`: the catalogue in force, with the revision a save must name. */
export const catalogRevisionResponseSchema = revisionMetaSchema.extend({ catalog: catalogSchema });
export type CatalogRevisionView = z.infer<typeof catalogRevisionResponseSchema>;

/**
 * `PUT /api/admin/catalog`: the whole catalogue, and the revision it was edited from. The catalogue
 * is checked by the catalogue rules afterwards (CATALOG_INVALID with every issue), not here.
 */
export const saveCatalogRequestSchema = z
  .object({ baseRevision: revisionNumber, catalog: z.unknown() })
  .strict();
export type SaveCatalogRequest = z.infer<typeof saveCatalogRequestSchema>;

export const catalogRevisionSummarySchema = revisionMetaSchema.extend({ changes: catalogChangesSchema });
export type CatalogRevisionSummary = z.infer<typeof catalogRevisionSummarySchema>;

/** `PUT /api/admin/catalog` answers with the revision it stored. */
export const saveCatalogResponseSchema = catalogRevisionSummarySchema;

/** `GET /api/admin/catalog/revisions`: newest first. */
export const catalogRevisionsResponseSchema = z.object({
  revisions: z.array(catalogRevisionSummarySchema),
});
