import { describe, expect, it } from 'vitest';
import {
  isEveryDeviceOk,
  judgeDevices,
  judgeMicrophone,
  judgeSpeaker,
  judgeVideo,
  type DeviceProbe,
} from './device-check.ts';
import { openOutcomeOf } from '../../lib/media-devices.ts';

const camera = { open: 'opened', isLive: true, width: 1280, height: 720 } as const;
const healthy: DeviceProbe = {
  camera,
  documentCamera: { ...camera, width: 1920, height: 1080 },
  microphone: { open: 'opened', isLive: true, isMuted: false },
  speaker: { outputs: 1, canListOutputs: true, hasAudioDestination: true },
};

describe('device check', () => {
  it('passes a booth whose devices are present and delivering', () => {
    const devices = judgeDevices(healthy);
    expect(devices).toEqual({ camera: 'ok', documentCamera: 'ok', microphone: 'ok', speaker: 'ok' });
    expect(isEveryDeviceOk(devices)).toBe(true);
  });

  it('tells a missing camera from a broken one', () => {
    expect(judgeVideo({ ...camera, open: 'not-found' })).toBe('missing');
    expect(judgeVideo({ ...camera, open: 'failed' })).toBe('failed');
    expect(judgeVideo({ ...camera, isLive: false })).toBe('failed');
    // Opened but no frame came: a camera that delivers nothing is broken.
    expect(judgeVideo({ ...camera, width: 0, height: 0 })).toBe('failed');
  });

  it('does not require sound from the microphone, only a live unmuted track', () => {
    expect(judgeMicrophone({ open: 'opened', isLive: true, isMuted: false })).toBe('ok');
    expect(judgeMicrophone({ open: 'opened', isLive: true, isMuted: true })).toBe('failed');
    expect(judgeMicrophone({ open: 'opened', isLive: false, isMuted: false })).toBe('failed');
    expect(judgeMicrophone({ open: 'not-found', isLive: false, isMuted: false })).toBe('missing');
  });

  it('wants a listed audio output, and is lenient only where the browser hides outputs', () => {
    expect(judgeSpeaker({ outputs: 2, canListOutputs: true, hasAudioDestination: true })).toBe('ok');
    expect(judgeSpeaker({ outputs: 0, canListOutputs: true, hasAudioDestination: true })).toBe('missing');
    expect(judgeSpeaker({ outputs: 0, canListOutputs: false, hasAudioDestination: true })).toBe('ok');
    expect(judgeSpeaker({ outputs: 0, canListOutputs: false, hasAudioDestination: false })).toBe('missing');
  });

  it('is out of service with any device not ok', () => {
    const devices = judgeDevices({ ...healthy, documentCamera: { ...camera, open: 'not-found' } });
    expect(devices.documentCamera).toBe('missing');
    expect(isEveryDeviceOk(devices)).toBe(false);
  });

  it('reads getUserMedia refusals', () => {
    expect(openOutcomeOf(new DOMException('gone', 'NotFoundError'))).toBe('not-found');
    expect(openOutcomeOf({ name: 'OverconstrainedError' })).toBe('not-found');
    expect(openOutcomeOf(new DOMException('busy', 'NotReadableError'))).toBe('failed');
    expect(openOutcomeOf('weird')).toBe('failed');
  });
});
