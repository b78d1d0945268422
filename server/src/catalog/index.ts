export * from './schema.ts';
export { loadCatalog } from './load-catalog.ts';
export { CatalogError, type CatalogIssue, type CatalogErrorCode } from './errors.ts';
export { openingSchedule, allOf, neverOpen, intervalsOn, type OpeningSchedule } from './opening-hours.ts';
export { routingProcedures, clerkProfile, requiredLanguage, serviceHours } from './routing-config.ts';
export { tamaCatalog, tamaSeedUrl } from './seed.ts';
export { liveWorkConflicts, type LiveWork } from './live-work.ts';
export {
  LiveCatalog,
  type CatalogRevisionRecord,
  type CatalogRevisionStore,
  type StoredCatalogRevision,
} from './live-catalog.ts';
export { retentionOf, type RetentionPeriods } from './retention.ts';
