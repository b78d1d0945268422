/** The kiosk's own devices. They stay open between residents: they belong to the booth. */
export interface LocalMedia {
  microphone: MediaStreamTrack | null;
  camera: MediaStreamTrack | null;
  documentCamera: MediaStreamTrack | null;
}

export interface CameraIds {
  faceCameraId: string;
  documentCameraId: string;
}

/** How opening a device with getUserMedia went. */
export type OpenOutcome = 'opened' | 'not-found' | 'failed';

export interface OpenedMedia {
  media: LocalMedia;
  /** The first device that could not be opened, if any; the others are still usable. */
  error: unknown;
  /** How each device's opening went, for the device check (missing and broken differ). */
  outcomes: Record<keyof LocalMedia, OpenOutcome>;
}

/** getUserMedia's refusals that mean "no such device" (unplugged, or another machine's id). */
export function openOutcomeOf(error: unknown): OpenOutcome {
  const name = typeof error === 'object' && error !== null && 'name' in error ? String(error.name) : '';
  return name === 'NotFoundError' || name === 'OverconstrainedError' ? 'not-found' : 'failed';
}

const firstTrack = async (constraints: MediaStreamConstraints): Promise<MediaStreamTrack | null> => {
  const stream = await navigator.mediaDevices.getUserMedia(constraints);
  return stream.getTracks()[0] ?? null;
};

/** Opens each device on its own, so one broken camera does not take the others down with it. */
export async function openKioskMedia({ faceCameraId, documentCameraId }: CameraIds): Promise<OpenedMedia> {
  const [microphone, camera, documentCamera] = await Promise.allSettled([
    firstTrack({ audio: { echoCancellation: true, noiseSuppression: true, autoGainControl: true } }),
    firstTrack({
      video: { deviceId: { exact: faceCameraId }, width: { ideal: 1280 }, height: { ideal: 720 } },
    }),
    firstTrack({
      video: {
        deviceId: { exact: documentCameraId },
        width: { ideal: 1920 },
        height: { ideal: 1080 },
        frameRate: { ideal: 15 },
      },
    }),
  ]);
  const value = (result: PromiseSettledResult<MediaStreamTrack | null>) =>
    result.status === 'fulfilled' ? result.value : null;
  const outcome = (result: PromiseSettledResult<MediaStreamTrack | null>): OpenOutcome =>
    result.status === 'rejected' ? openOutcomeOf(result.reason) : result.value ? 'opened' : 'not-found';
  const failed = [microphone, camera, documentCamera].find((result) => result.status === 'rejected');
  return {
    media: { microphone: value(microphone), camera: value(camera), documentCamera: value(documentCamera) },
    error: failed?.status === 'rejected' ? failed.reason : null,
    outcomes: {
      microphone: outcome(microphone),
      camera: outcome(camera),
      documentCamera: outcome(documentCamera),
    },
  };
}

export function stopLocalMedia(media: LocalMedia | null): void {
  media?.microphone?.stop();
  media?.camera?.stop();
  media?.documentCamera?.stop();
}

export interface VideoInput {
  deviceId: string;
  label: string;
}

/**
 * Cameras attached to the kiosk. Browsers hide labels until a page has been granted a camera, so a
 * short-lived stream is opened first when the labels are blank.
 */
export async function listVideoInputs(): Promise<VideoInput[]> {
  const list = async () =>
    (await navigator.mediaDevices.enumerateDevices())
      .filter((device) => device.kind === 'videoinput' && device.deviceId)
      .map(({ deviceId, label }) => ({ deviceId, label }));
  const inputs = await list();
  if (inputs.length > 0 && inputs.every((input) => input.label)) return inputs;
  const probe = await navigator.mediaDevices.getUserMedia({ video: true });
  try {
    return await list();
  } finally {
    for (const track of probe.getTracks()) track.stop();
  }
}
