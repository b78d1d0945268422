export * from './ack.ts';
export * from './consultation.ts';
export * from './errors.ts';
export * from './events.ts';
export * from './handshake.ts';
export * from './http.ts';
export * from './ids.ts';
export * from './media.ts';
