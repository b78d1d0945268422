import { MediaSession, SignallingClient } from '@madoguchi/shared/client';
import { probeDevices } from '../features/devices/probe-devices.ts';
import { grabStill, renderSignature } from '../lib/capture-images.ts';
import { openKioskMedia } from '../lib/media-devices.ts';
import type { KioskDependencies } from './kiosk-controller.ts';

/** The real world: the page's own origin (socket and HTTPS), the booth's devices, the browser's storage. */
export const browserDependencies = (): KioskDependencies => ({
  storage: window.localStorage,
  sessionStorage: window.sessionStorage,
  connect: (auth) => {
    const signalling = new SignallingClient({ auth });
    return { signalling, createMediaSession: (events) => new MediaSession(signalling, events) };
  },
  fetch: (input, init) => window.fetch(input, init),
  openMedia: openKioskMedia,
  grabStill,
  renderSignature,
  probeDevices,
  objectUrls: { create: (blob) => URL.createObjectURL(blob), revoke: (url) => URL.revokeObjectURL(url) },
  now: () => Date.now(),
});
