/** The clerk's own devices, opened once per sign-in and kept across calls (they are the desk's). */
export interface LocalMedia {
  microphone: MediaStreamTrack | null;
  camera: MediaStreamTrack | null;
}

export interface OpenedMedia {
  media: LocalMedia;
  /** The first device that could not be opened, if any; the other one is still usable. */
  error: unknown;
}

const firstTrack = async (constraints: MediaStreamConstraints): Promise<MediaStreamTrack | null> => {
  const stream = await navigator.mediaDevices.getUserMedia(constraints);
  return stream.getTracks()[0] ?? null;
};

export async function openClerkMedia(): Promise<OpenedMedia> {
  const [microphone, camera] = await Promise.allSettled([
    firstTrack({ audio: { echoCancellation: true, noiseSuppression: true, autoGainControl: true } }),
    firstTrack({ video: { width: { ideal: 640 }, height: { ideal: 480 } } }),
  ]);
  const value = (result: PromiseSettledResult<MediaStreamTrack | null>) =>
    result.status === 'fulfilled' ? result.value : null;
  const failed = [microphone, camera].find((result) => result.status === 'rejected');
  return {
    media: { microphone: value(microphone), camera: value(camera) },
    error: failed?.status === 'rejected' ? failed.reason : null,
  };
}

export function stopLocalMedia(media: LocalMedia | null): void {
  media?.microphone?.stop();
  media?.camera?.stop();
}
