import { MediaSession, SignallingClient } from '@madoguchi/shared/client';
import { openClerkMedia } from '../lib/media-devices.ts';
import type { ConsoleDependencies } from './console-controller.ts';

/** The real world: the page's own origin and the clerk's devices. */
export const browserDependencies = (): ConsoleDependencies => ({
  connect: (auth) => {
    const signalling = new SignallingClient({ auth });
    return { signalling, createMediaSession: (events) => new MediaSession(signalling, events) };
  },
  openMedia: openClerkMedia,
  now: () => Date.now(),
});
