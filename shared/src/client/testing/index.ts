export * from './dictionaries.ts';
export * from './fake-signalling.ts';
