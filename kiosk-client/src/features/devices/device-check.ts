import type { KioskDevices } from '@madoguchi/shared';
import type { OpenOutcome } from '../../lib/media-devices.ts';

export type DeviceState = KioskDevices['camera'];

/** What was measured of a camera: opened, its track live, and a frame of some size delivered. */
export interface VideoProbe {
  open: OpenOutcome;
  isLive: boolean;
  /** The first delivered frame's size; 0 when no frame came in time. */
  width: number;
  height: number;
}

/**
 * What was measured of the microphone. A silent booth is normal, so sound is not required: a live,
 * unmuted track (the source delivers samples) is the check.
 */
export interface MicrophoneProbe {
  open: OpenOutcome;
  isLive: boolean;
  isMuted: boolean;
}

/**
 * What can be known of the speaker without playing a sound at a resident: the audio outputs the
 * browser lists, and whether it lists outputs at all (browsers without `setSinkId` hide them).
 */
export interface SpeakerProbe {
  outputs: number;
  canListOutputs: boolean;
  /** An AudioContext's destination has channels: the system has somewhere to play to. */
  hasAudioDestination: boolean;
}

export interface DeviceProbe {
  camera: VideoProbe;
  documentCamera: VideoProbe;
  microphone: MicrophoneProbe;
  speaker: SpeakerProbe;
}

const opened = (open: OpenOutcome): DeviceState | null =>
  open === 'not-found' ? 'missing' : open === 'failed' ? 'failed' : null;

export function judgeVideo(probe: VideoProbe): DeviceState {
  return opened(probe.open) ?? (probe.isLive && probe.width > 0 && probe.height > 0 ? 'ok' : 'failed');
}

export function judgeMicrophone(probe: MicrophoneProbe): DeviceState {
  return opened(probe.open) ?? (probe.isLive && !probe.isMuted ? 'ok' : 'failed');
}

export function judgeSpeaker(probe: SpeakerProbe): DeviceState {
  if (probe.outputs > 0) return 'ok';
  // Where the browser hides outputs, an audio destination is the most that can be known.
  if (!probe.canListOutputs) return probe.hasAudioDestination ? 'ok' : 'missing';
  return 'missing';
}

/** The verdict reported to the server with `kiosk:report-devices`. */
export function judgeDevices(probe: DeviceProbe): KioskDevices {
  return {
    camera: judgeVideo(probe.camera),
    documentCamera: judgeVideo(probe.documentCamera),
    microphone: judgeMicrophone(probe.microphone),
    speaker: judgeSpeaker(probe.speaker),
  };
}

export const isEveryDeviceOk = (devices: KioskDevices): boolean =>
  Object.values(devices).every((state) => state === 'ok');
