import { useEffect, useRef, useState, type RefObject } from 'react';
import type { Stroke } from '../../captures.ts';
import { StrokePainter, type SurfaceSize } from '../signature/stroke-painter.ts';

/**
 * Keeps a canvas showing the strokes: its own pixels follow its size on screen (times the
 * display's pixel ratio, so ink is sharp), and only new ink is drawn unless `epoch` changes.
 * Returns the canvas's size in its own pixels, null until laid out.
 */
export function useStrokeCanvas(
  ref: RefObject<HTMLCanvasElement | null>,
  strokes: readonly Stroke[],
  epoch: number,
): SurfaceSize | null {
  const [size, setSize] = useState<SurfaceSize | null>(null);
  const painterRef = useRef<StrokePainter | null>(null);

  useEffect(() => {
    const canvas = ref.current;
    if (!canvas) return;
    const measure = () => {
      const { width, height } = canvas.getBoundingClientRect();
      const ratio = window.devicePixelRatio || 1;
      const next = { width: Math.round(width * ratio), height: Math.round(height * ratio) };
      if (next.width === 0 || next.height === 0) return;
      setSize((current) =>
        current?.width === next.width && current.height === next.height ? current : next,
      );
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(canvas);
    return () => observer.disconnect();
  }, [ref]);

  useEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx || !size) return;
    // A new size empties the canvas; the painter then draws everything again.
    canvas.width = size.width;
    canvas.height = size.height;
    if (painterRef.current) painterRef.current.resize(size);
    else painterRef.current = new StrokePainter(ctx, size);
  }, [ref, size]);

  useEffect(() => {
    painterRef.current?.paint(strokes, epoch);
  }, [strokes, epoch, size]);

  return size;
}
