export * from './connection-banner.tsx';
export * from './error-message-key.ts';
export * from './error-message.tsx';
export * from './i18n.tsx';
export * from './language-toggle.tsx';
export * from './track-elements.tsx';
export * from './use-procedures.ts';
export * from './use-stroke-canvas.ts';
