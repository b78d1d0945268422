import type { DeviceProbe, VideoProbe } from './device-check.ts';
import type { OpenedMedia, OpenOutcome } from '../../lib/media-devices.ts';

/** How long a camera may take to deliver its first frame before it counts as broken. */
const FIRST_FRAME_TIMEOUT_MS = 3_000;

/** Plays the track in a detached video element until a frame of some size arrives. */
async function firstFrameSize(track: MediaStreamTrack): Promise<{ width: number; height: number }> {
  const video = document.createElement('video');
  video.muted = true;
  video.playsInline = true;
  video.srcObject = new MediaStream([track]);
  try {
    await Promise.race([
      new Promise<void>((resolve) => {
        const check = () => {
          if (video.videoWidth > 0) resolve();
          else requestAnimationFrame(check);
        };
        video.addEventListener('loadeddata', check, { once: true });
        void video.play().catch(() => undefined);
        check();
      }),
      new Promise<void>((resolve) => setTimeout(resolve, FIRST_FRAME_TIMEOUT_MS)),
    ]);
    return { width: video.videoWidth, height: video.videoHeight };
  } finally {
    video.pause();
    video.srcObject = null;
  }
}

async function probeVideo(track: MediaStreamTrack | null, open: OpenOutcome): Promise<VideoProbe> {
  if (!track) return { open: open === 'opened' ? 'not-found' : open, isLive: false, width: 0, height: 0 };
  const isLive = track.readyState === 'live';
  const size = isLive ? await firstFrameSize(track) : { width: 0, height: 0 };
  return { open, isLive, ...size };
}

/**
 * Measures the booth's devices as they are open now: each camera must deliver a frame, the
 * microphone must be live and unmuted (a silent booth is fine), and an audio output must exist.
 * Nothing is played aloud: the speaker is judged by what the browser lists.
 */
export async function probeDevices({ media, outcomes }: OpenedMedia): Promise<DeviceProbe> {
  const [camera, documentCamera, devices] = await Promise.all([
    probeVideo(media.camera, outcomes.camera),
    probeVideo(media.documentCamera, outcomes.documentCamera),
    navigator.mediaDevices.enumerateDevices().catch(() => [] as MediaDeviceInfo[]),
  ]);
  const microphone = media.microphone;
  let hasAudioDestination: boolean;
  try {
    const context = new AudioContext();
    hasAudioDestination = context.destination.maxChannelCount > 0;
    void context.close();
  } catch {
    hasAudioDestination = false;
  }
  return {
    camera,
    documentCamera,
    microphone: {
      open: microphone
        ? outcomes.microphone
        : outcomes.microphone === 'opened'
          ? 'not-found'
          : outcomes.microphone,
      isLive: microphone?.readyState === 'live',
      isMuted: microphone?.muted ?? false,
    },
    speaker: {
      outputs: devices.filter((device) => device.kind === 'audiooutput').length,
      canListOutputs: 'setSinkId' in HTMLMediaElement.prototype,
      hasAudioDestination,
    },
  };
}
