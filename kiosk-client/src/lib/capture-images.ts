import { paintStrokes, type SurfaceSize } from '@madoguchi/shared/client';
import type { Stroke } from '@madoguchi/shared';

/** JPEG quality of document stills: text stays sharp, a 1080p page stays well under a megabyte. */
export const STILL_JPEG_QUALITY = 0.92;

function toBlob(canvas: HTMLCanvasElement, type: string, quality?: number): Promise<Blob> {
  return new Promise((resolve, reject) => {
    canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error(`the canvas gave no ${type}`))),
      type,
      quality,
    );
  });
}

function canvasOf({ width, height }: SurfaceSize): {
  canvas: HTMLCanvasElement;
  ctx: CanvasRenderingContext2D;
} {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2D canvas');
  return { canvas, ctx };
}

interface Frame {
  source: CanvasImageSource;
  width: number;
  height: number;
  release(): void;
}

/**
 * A frame of the track at the camera's own resolution (not the scaled-down layers sent to the
 * clerk): ImageCapture where the browser has it, else a frame played into a video element of our
 * own, drawn at its videoWidth × videoHeight.
 */
async function grabFrame(track: MediaStreamTrack): Promise<Frame> {
  if (typeof ImageCapture === 'function') {
    try {
      const bitmap = await new ImageCapture(track).grabFrame();
      return { source: bitmap, width: bitmap.width, height: bitmap.height, release: () => bitmap.close() };
    } catch {
      // Some browsers have the interface but refuse this track; the video element still works.
    }
  }
  const video = document.createElement('video');
  video.muted = true;
  video.playsInline = true;
  video.srcObject = new MediaStream([track]);
  const release = () => {
    video.pause();
    video.srcObject = null;
  };
  try {
    await video.play();
    if (video.videoWidth === 0) {
      await new Promise((resolve) => video.addEventListener('resize', resolve, { once: true }));
    }
  } catch (error) {
    release();
    throw error;
  }
  return { source: video, width: video.videoWidth, height: video.videoHeight, release };
}

/** A full-resolution JPEG of what the document camera sees now. */
export async function grabStill(track: MediaStreamTrack): Promise<Blob> {
  const frame = await grabFrame(track);
  try {
    const { canvas, ctx } = canvasOf(frame);
    ctx.drawImage(frame.source, 0, 0, frame.width, frame.height);
    return await toBlob(canvas, 'image/jpeg', STILL_JPEG_QUALITY);
  } finally {
    frame.release();
  }
}

/** The signature on white, as a PNG of the pad's size. */
export async function renderSignature(strokes: readonly Stroke[], size: SurfaceSize): Promise<Blob> {
  const { canvas, ctx } = canvasOf(size);
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, size.width, size.height);
  paintStrokes(ctx, strokes, size);
  return toBlob(canvas, 'image/png');
}
