import { MediaSession, SignallingClient } from '@madoguchi/shared/client';
import { grabStill, renderSignature } from '../lib/capture-images.ts';
import { openKioskMedia } from '../lib/media-devices.ts';
import type { KioskDependencies } from './kiosk-controller.ts';

/** The real world: the page's own origin (socket and HTTPS), the booth's devices, localStorage. */
export const browserDependencies = (): KioskDependencies => ({
  storage: window.localStorage,
  connect: (auth) => {
    const signalling = new SignallingClient({ auth });
    return { signalling, createMediaSession: (events) => new MediaSession(signalling, events) };
  },
  fetch: (input, init) => window.fetch(input, init),
  openMedia: openKioskMedia,
  grabStill,
  renderSignature,
});
