import { captureLimits, type CaptureId, type CommandRequest, type Stroke } from '@madoguchi/shared';
import {
  StrokeRecorder,
  type PadPointerSample,
  type PadRect,
  type SurfaceSize,
} from '@madoguchi/shared/client';

/** Signing; sending the image (input locked); sent and waiting for the clerk's decision. */
export type SignaturePhase = 'signing' | 'sending' | 'submitted';

/** What the signature screen shows. */
export interface SignatureView {
  captureId: CaptureId;
  phase: SignaturePhase;
  strokes: readonly Stroke[];
  /** Bumped whenever the pad starts over (cleared, asked again), so the canvas is redrawn. */
  epoch: number;
  /** The signature has as many strokes as the server takes; only clearing lets the resident go on. */
  isFull: boolean;
  /** The clerk asked the resident to sign again. */
  isRetry: boolean;
  /** The last press of done did not get through; pressing it again tries again. */
  hasFailed: boolean;
}

/** What the pad's pointer handlers and buttons call. */
export interface SignaturePadActions {
  /** A pen touches the pad; false if ignored (then the pointer need not be captured). */
  down(sample: PadPointerSample, rect: PadRect): boolean;
  move(samples: readonly PadPointerSample[]): void;
  up(sample: PadPointerSample): void;
  cancel(pointerId: number): void;
  clear(): void;
  /** `size`: the pad canvas's own pixels, the size of the image sent. */
  done(size: SurfaceSize): void;
}

type SignatureCommand = 'signature:strokes' | 'signature:clear' | 'signature:submit';

export interface SignatureSessionOptions {
  captureId: CaptureId;
  /** Sends a command on the socket; resolves once the server acknowledged it. */
  send: <N extends SignatureCommand>(name: N, payload: CommandRequest<N>) => Promise<unknown>;
  /** Draws the strokes on white into a PNG of this size. */
  render: (strokes: readonly Stroke[], size: SurfaceSize) => Promise<Blob>;
  /** Uploads the image under the capture's id. */
  upload: (image: Blob) => Promise<void>;
  onChange: (view: SignatureView) => void;
  /** Default STROKE_PIECE_INTERVAL_MS. */
  pieceIntervalMs?: number;
}

type Outgoing = { kind: 'strokes'; strokes: Stroke[] } | { kind: 'clear' };

/**
 * One signature the clerk asked for: the pad's strokes, sent live to the clerk in order (one
 * command in flight; strokes drawn meanwhile go together in the next message, up to the limit per
 * message), then the image and the submit when the resident is done.
 *
 * The live strokes are a preview: one that fails to arrive is not sent again. What the clerk
 * decides on is the uploaded image.
 */
export class SignatureSession implements SignaturePadActions {
  readonly captureId: CaptureId;
  readonly #options: SignatureSessionOptions;
  readonly #recorder: StrokeRecorder;
  #view: SignatureView;
  #queue: Outgoing[] = [];
  #sending: Promise<void> | null = null;
  #isClosed = false;
  // The server takes one image per attempt: after an upload, a failed submit is retried alone.
  #isUploaded = false;

  constructor(options: SignatureSessionOptions) {
    this.captureId = options.captureId;
    this.#options = options;
    this.#recorder = new StrokeRecorder({
      onStroke: (stroke) => this.#enqueueStroke(stroke),
      ...(options.pieceIntervalMs !== undefined ? { pieceIntervalMs: options.pieceIntervalMs } : {}),
    });
    this.#view = {
      captureId: options.captureId,
      phase: 'signing',
      strokes: [],
      epoch: 0,
      isFull: false,
      isRetry: false,
      hasFailed: false,
    };
  }

  get view(): SignatureView {
    return this.#view;
  }

  down(sample: PadPointerSample, rect: PadRect): boolean {
    if (!this.#isDrawable || !this.#recorder.down(sample, rect)) return false;
    this.#drawn({ isRetry: false, hasFailed: false });
    return true;
  }

  move(samples: readonly PadPointerSample[]): void {
    if (this.#view.phase !== 'signing' || !this.#recorder.isDrawing) return;
    this.#recorder.move(samples);
    this.#drawn();
  }

  up(sample: PadPointerSample): void {
    if (this.#view.phase !== 'signing' || !this.#recorder.isDrawing) return;
    this.#recorder.up(sample);
    this.#drawn();
  }

  cancel(pointerId: number): void {
    if (this.#view.phase !== 'signing' || !this.#recorder.isDrawing) return;
    this.#recorder.cancel(pointerId);
    this.#drawn();
  }

  clear(): void {
    if (!this.#isDrawable) return;
    this.#startOver();
    // Strokes not sent yet need not be; the clear goes after those already on their way.
    this.#queue = [{ kind: 'clear' }];
    this.#pump();
    this.#set({ hasFailed: false });
  }

  done(size: SurfaceSize): void {
    void this.submit(size);
  }

  /** Sends the last strokes, the image and the submit; resolves when all is through or failed. */
  async submit(size: SurfaceSize): Promise<void> {
    if (this.#view.phase !== 'signing' || this.#recorder.isDrawing) return;
    const strokes = this.#recorder.strokes;
    if (strokes.length === 0) return;
    this.#set({ phase: 'sending', hasFailed: false });
    try {
      await this.#drained();
      if (!this.#isUploaded) {
        const image = await this.#options.render(strokes, size);
        if (this.#isClosed) return;
        await this.#options.upload(image);
        if (this.#isClosed) return;
        this.#isUploaded = true;
      }
      await this.#options.send('signature:submit', { captureId: this.captureId });
      if (!this.#isClosed) this.#set({ phase: 'submitted' });
    } catch {
      // The resident sees that it did not get through and presses done again; the clerk waits.
      if (!this.#isClosed) this.#set({ phase: 'signing', hasFailed: true });
    }
  }

  /** The clerk asked for the signature again: the same capture, an empty pad. */
  retry(): void {
    this.#isUploaded = false;
    this.#startOver();
    this.#queue = [];
    this.#set({ phase: 'signing', isRetry: true, hasFailed: false });
  }

  close(): void {
    this.#isClosed = true;
    this.#queue = [];
  }

  /** Signing, and the image not yet with the server (after which the strokes must stay as sent). */
  get #isDrawable(): boolean {
    return this.#view.phase === 'signing' && !this.#isUploaded;
  }

  #startOver(): void {
    this.#recorder.clear();
    this.#set({ strokes: [], epoch: this.#view.epoch + 1, isFull: false });
  }

  #drawn(patch: Partial<SignatureView> = {}): void {
    this.#set({ ...patch, strokes: this.#recorder.strokes, isFull: this.#recorder.isFull });
  }

  #enqueueStroke(stroke: Stroke): void {
    const last = this.#queue.at(-1);
    if (last?.kind === 'strokes' && last.strokes.length < captureLimits.maxStrokesPerMessage) {
      last.strokes.push(stroke);
    } else {
      this.#queue.push({ kind: 'strokes', strokes: [stroke] });
    }
    this.#pump();
  }

  #pump(): void {
    if (this.#sending || this.#isClosed) return;
    const next = this.#queue.shift();
    if (!next) return;
    const { captureId } = this;
    const sent =
      next.kind === 'clear'
        ? this.#options.send('signature:clear', { captureId })
        : this.#options.send('signature:strokes', { captureId, strokes: next.strokes });
    this.#sending = sent
      .catch(() => undefined)
      .then(() => {
        this.#sending = null;
        this.#pump();
      });
  }

  async #drained(): Promise<void> {
    while (this.#sending) await this.#sending;
  }

  #set(patch: Partial<SignatureView>): void {
    if (this.#isClosed) return;
    this.#view = { ...this.#view, ...patch };
    this.#options.onChange(this.#view);
  }
}
