import { MediaSession, SignallingClient } from '@madoguchi/shared/client';
import { createChime } from '../lib/chime.ts';
import { openClerkMedia } from '../lib/media-devices.ts';
import type { ConsoleDependencies } from './console-controller.ts';

/** The real world: the page's own origin (socket and HTTPS, the session cookie with both) and the clerk's devices. */
export const browserDependencies = (): ConsoleDependencies => ({
  connect: (auth) => {
    const signalling = new SignallingClient({ auth });
    return { signalling, createMediaSession: (events) => new MediaSession(signalling, events) };
  },
  fetch: (input, init) => window.fetch(input, init),
  openMedia: openClerkMedia,
  now: () => Date.now(),
  chime: createChime(),
  objectUrls: { create: (blob) => URL.createObjectURL(blob), revoke: (url) => URL.revokeObjectURL(url) },
  // Read on each use: a browser that refuses storage throws there, where the store expects it.
  sessionStorage: {
    getItem: (key) => window.sessionStorage.getItem(key),
    setItem: (key, value) => window.sessionStorage.setItem(key, value),
    removeItem: (key) => window.sessionStorage.removeItem(key),
  },
});
