export * from './dictionaries.ts';
export * from './fake-fetch.ts';
export * from './fake-signalling.ts';
export { sampleCatalogJson } from '../../catalog/testing.ts';
