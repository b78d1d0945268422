import { captureLimits, type Stroke, type StrokePoint } from '../../captures.ts';

/**
 * Width ÷ height of the kiosk's signature pad. The clerk's live view has the same shape, so the
 * normalised strokes keep their proportions on both screens.
 */
export const SIGNATURE_PAD_ASPECT_RATIO = 5 / 2;

/** How often a stroke still being drawn is sent as a piece of its own, so the clerk sees it grow. */
export const STROKE_PIECE_INTERVAL_MS = 100;

/** The part of a PointerEvent the recorder reads (each coalesced event is one sample). */
export interface PadPointerSample {
  pointerId: number;
  clientX: number;
  clientY: number;
  /** 0 for a device that reports none; a pressed mouse reports 0.5. */
  pressure: number;
  /** PointerEvent.timeStamp, in ms. */
  timeStamp: number;
}

/** Where the pad is on screen (getBoundingClientRect), in CSS pixels. */
export interface PadRect {
  left: number;
  top: number;
  width: number;
  height: number;
}

export interface StrokeRecorderOptions {
  /** Called with every stroke, or piece of a stroke, as soon as it may be sent; in drawing order. */
  onStroke: (stroke: Stroke) => void;
  /** Default STROKE_PIECE_INTERVAL_MS; Infinity sends strokes only when the pen lifts. */
  pieceIntervalMs?: number;
  /**
   * A stroke is cut into pieces only while the signature has fewer strokes than this, so that long
   * drawing does not spend the whole stroke limit on pieces (default: half of it).
   */
  pieceBudget?: number;
  /** Defaults: `captureLimits`. */
  maxPointsPerStroke?: number;
  maxStrokes?: number;
}

interface CurrentStroke {
  pointerId: number;
  rect: PadRect;
  points: StrokePoint[];
  /** When the current piece began (ms, pointer time). */
  pieceStartedAt: number;
  /** The piece goes on from the previous one: its first point is that one's last. */
  isContinuation: boolean;
}

const MAX_T = 3_600_000;
// 1/10 000 of the pad is a fifth of a pixel on a 2 000 px pad, and keeps messages short.
const round = (value: number) => Math.round(value * 10_000) / 10_000;
const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

/**
 * Turns pointer events on the signature pad into strokes of normalised points (x, y in [0, 1] of
 * the pad, pressure, ms since the signature's first point), within the contract's limits: one pen
 * at a time, a stroke longer than the point limit goes on as a new stroke, and no stroke beyond
 * the signature's limit is taken. A stroke being drawn is handed out in pieces every
 * `pieceIntervalMs`; each piece begins where the previous one ended, so the line has no gap.
 */
export class StrokeRecorder {
  readonly #onStroke: (stroke: Stroke) => void;
  readonly #pieceIntervalMs: number;
  readonly #pieceBudget: number;
  readonly #maxPoints: number;
  readonly #maxStrokes: number;
  #sent: Stroke[] = [];
  #current: CurrentStroke | null = null;
  #origin: number | null = null;

  constructor(options: StrokeRecorderOptions) {
    this.#onStroke = options.onStroke;
    this.#pieceIntervalMs = options.pieceIntervalMs ?? STROKE_PIECE_INTERVAL_MS;
    this.#maxStrokes = options.maxStrokes ?? captureLimits.maxStrokesPerSignature;
    this.#pieceBudget = options.pieceBudget ?? Math.floor(this.#maxStrokes / 2);
    this.#maxPoints = options.maxPointsPerStroke ?? captureLimits.maxPointsPerStroke;
  }

  /** Everything drawn: the strokes handed out, then the piece being drawn. */
  get strokes(): readonly Stroke[] {
    const current = this.#current;
    const isDrawing = current !== null && !(current.isContinuation && current.points.length < 2);
    return isDrawing ? [...this.#sent, { points: [...current.points] }] : this.#sent;
  }

  /** The signature has as many strokes as it may have; the pen draws nothing more. */
  get isFull(): boolean {
    return this.#sent.length >= this.#maxStrokes;
  }

  get isDrawing(): boolean {
    return this.#current !== null;
  }

  /** A pen touches the pad; false if it is ignored (another pen is drawing, or the pad is full). */
  down(sample: PadPointerSample, rect: PadRect): boolean {
    if (this.#current || this.isFull || rect.width <= 0 || rect.height <= 0) return false;
    this.#origin ??= sample.timeStamp;
    this.#current = {
      pointerId: sample.pointerId,
      rect,
      points: [this.#point(sample, rect)],
      pieceStartedAt: sample.timeStamp,
      isContinuation: false,
    };
    return true;
  }

  /** The pen moves (all coalesced samples of one event, oldest first). */
  move(samples: readonly PadPointerSample[]): void {
    for (const sample of samples) {
      const current = this.#current;
      if (current?.pointerId !== sample.pointerId) return;
      this.#add(current, sample);
      if (!this.#current) return;
      const isDue = sample.timeStamp - current.pieceStartedAt >= this.#pieceIntervalMs;
      if (isDue && current.points.length >= 2 && this.#sent.length + 1 < this.#pieceBudget) {
        this.#cut(current, sample.timeStamp);
      }
    }
  }

  /** The pen lifts: the stroke is handed out. */
  up(sample: PadPointerSample): void {
    const current = this.#current;
    if (current?.pointerId !== sample.pointerId) return;
    this.#add(current, sample);
    this.#finish();
  }

  /** The browser took the pointer away (a gesture, a palm): what was drawn stays. */
  cancel(pointerId: number): void {
    if (this.#current?.pointerId === pointerId) this.#finish();
  }

  /** Forgets the signature; the next point starts its clock again. */
  clear(): void {
    this.#sent = [];
    this.#current = null;
    this.#origin = null;
  }

  #point(sample: PadPointerSample, rect: PadRect): StrokePoint {
    return {
      x: round(clamp((sample.clientX - rect.left) / rect.width, 0, 1)),
      y: round(clamp((sample.clientY - rect.top) / rect.height, 0, 1)),
      // Devices without pressure report 0 while pressed; a pressed mouse 0.5.
      p: sample.pressure > 0 ? round(Math.min(1, sample.pressure)) : 0.5,
      t: clamp(Math.round(sample.timeStamp - (this.#origin ?? sample.timeStamp)), 0, MAX_T),
    };
  }

  #add(current: CurrentStroke, sample: PadPointerSample): void {
    const point = this.#point(sample, current.rect);
    const last = current.points.at(-1);
    if (last && last.x === point.x && last.y === point.y) return;
    if (current.points.length >= this.#maxPoints) {
      // Room for the rest as a stroke of its own, or the pen stops drawing.
      if (this.#sent.length + 1 >= this.#maxStrokes) {
        this.#finish();
        return;
      }
      this.#cut(current, sample.timeStamp);
    }
    current.points.push(point);
  }

  /** Hands out the piece drawn so far and goes on from its last point. */
  #cut(current: CurrentStroke, at: number): void {
    const last = current.points.at(-1);
    this.#emit({ points: current.points });
    current.points = last ? [last] : [];
    current.pieceStartedAt = at;
    current.isContinuation = true;
  }

  #finish(): void {
    const current = this.#current;
    this.#current = null;
    // A continuation that got no new point would only repeat the previous piece's end.
    if (!current || (current.isContinuation && current.points.length < 2)) return;
    this.#emit({ points: current.points });
  }

  #emit(stroke: Stroke): void {
    this.#sent = [...this.#sent, stroke];
    this.#onStroke(stroke);
  }
}

/** All points of the strokes, for comparing what the pad drew with what arrived. */
export const countPoints = (strokes: readonly Stroke[]): number =>
  strokes.reduce((sum, stroke) => sum + stroke.points.length, 0);
