export * from './schema.ts';
export { loadCatalog } from './load-catalog.ts';
export { CatalogError, type CatalogIssue, type CatalogErrorCode } from './errors.ts';
export { openingSchedule, allOf, neverOpen, intervalsOn, type OpeningSchedule } from './opening-hours.ts';
export { routingProcedures, clerkProfile, requiredLanguage, serviceHours } from './routing-config.ts';
export { tamaCatalog, tamaSeedUrl } from './seed.ts';
