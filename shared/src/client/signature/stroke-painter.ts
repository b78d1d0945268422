import type { Stroke, StrokePoint } from '../../captures.ts';

/** The part of a 2D canvas context strokes are drawn with (tests hand in a recording fake). */
export type StrokeContext = Pick<
  CanvasRenderingContext2D,
  | 'beginPath'
  | 'moveTo'
  | 'lineTo'
  | 'stroke'
  | 'arc'
  | 'fill'
  | 'clearRect'
  | 'fillRect'
  | 'lineWidth'
  | 'lineCap'
  | 'lineJoin'
  | 'strokeStyle'
  | 'fillStyle'
>;

/** A drawing surface's size in its own pixels (a canvas's width and height). */
export interface SurfaceSize {
  width: number;
  height: number;
}

export const INK_COLOUR = '#10203a';

/**
 * The line's width at a pressure: proportional to the surface, so a signature looks the same on
 * the kiosk's pad, the clerk's smaller live view and the stored image; 0.5 (no pressure reported)
 * gives the base width.
 */
export function lineWidthAt(pressure: number, size: SurfaceSize): number {
  const base = Math.max(1, Math.min(size.width, size.height) * 0.008);
  return base * (0.4 + 1.2 * pressure);
}

function segment(ctx: StrokeContext, from: StrokePoint, to: StrokePoint, size: SurfaceSize): void {
  ctx.lineWidth = lineWidthAt((from.p + to.p) / 2, size);
  ctx.beginPath();
  ctx.moveTo(from.x * size.width, from.y * size.height);
  ctx.lineTo(to.x * size.width, to.y * size.height);
  ctx.stroke();
}

function dot(ctx: StrokeContext, point: StrokePoint, size: SurfaceSize): void {
  ctx.beginPath();
  ctx.arc(point.x * size.width, point.y * size.height, lineWidthAt(point.p, size) / 2, 0, 2 * Math.PI);
  ctx.fill();
}

/** Where drawing stopped: the stroke being drawn and how many of its points are on the surface. */
export interface PaintProgress {
  stroke: number;
  point: number;
}

/**
 * Draws strokes, or what is new in them since `from`: segment by segment, each as wide as its
 * pressure says; a stroke of one point is a dot. Returns how far it got.
 */
export function paintStrokes(
  ctx: StrokeContext,
  strokes: readonly Stroke[],
  size: SurfaceSize,
  from: PaintProgress = { stroke: 0, point: 0 },
): PaintProgress {
  ctx.lineCap = 'round';
  ctx.lineJoin = 'round';
  ctx.strokeStyle = INK_COLOUR;
  ctx.fillStyle = INK_COLOUR;
  let progress = from;
  for (let index = from.stroke; index < strokes.length; index++) {
    const points = strokes[index]?.points ?? [];
    const start = index === from.stroke ? from.point : 0;
    if (points.length === 1 && start === 0) {
      const [only] = points;
      if (only) dot(ctx, only, size);
    }
    for (let at = Math.max(1, start); at < points.length; at++) {
      const previous = points[at - 1];
      const point = points[at];
      if (previous && point) segment(ctx, previous, point, size);
    }
    progress = { stroke: index, point: points.length };
  }
  return progress;
}

/**
 * Keeps a canvas in step with a growing list of strokes, drawing only what is new. The owner
 * says when the list starts over (cleared, signed again) by changing `epoch`, and `resize` after
 * the canvas changed size.
 */
export class StrokePainter {
  readonly #ctx: StrokeContext;
  #size: SurfaceSize;
  #progress: PaintProgress = { stroke: 0, point: 0 };
  #epoch: number | null = null;

  constructor(ctx: StrokeContext, size: SurfaceSize) {
    this.#ctx = ctx;
    this.#size = size;
  }

  paint(strokes: readonly Stroke[], epoch: number): void {
    const { stroke, point } = this.#progress;
    const isShrunk = strokes.length < stroke || (strokes[stroke]?.points.length ?? 0) < point;
    if (epoch !== this.#epoch || isShrunk) {
      this.#wipe();
      this.#epoch = epoch;
    }
    this.#progress = paintStrokes(this.#ctx, strokes, this.#size, this.#progress);
  }

  /** The canvas got a new size (which also emptied it): the next paint draws everything again. */
  resize(size: SurfaceSize): void {
    this.#size = size;
    this.#epoch = null;
  }

  #wipe(): void {
    this.#ctx.clearRect(0, 0, this.#size.width, this.#size.height);
    this.#progress = { stroke: 0, point: 0 };
  }
}
