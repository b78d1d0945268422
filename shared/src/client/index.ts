export * from './chat/chat-log.ts';
export * from './connection-quality.ts';
export * from './http-client.ts';
export * from './media-session.ts';
export * from './responses.ts';
export * from './signalling-client.ts';
export * from './signature/stroke-painter.ts';
export * from './signature/stroke-recorder.ts';
