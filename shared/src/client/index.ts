export * from './media-session.ts';
export * from './signalling-client.ts';
