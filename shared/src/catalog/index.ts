export * from './admin-http.ts';
export * from './cross-check.ts';
export * from './diff.ts';
export * from './issues.ts';
export * from './schema.ts';
export * from './validate.ts';
