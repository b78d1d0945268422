import type { CaptureId, FactPayload, Stroke } from '@madoguchi/shared';
import type { SurfaceSize } from '@madoguchi/shared/client';
import {
  SignatureSession,
  type SignaturePadActions,
  type SignatureSessionOptions,
  type SignatureView,
} from '../signature/signature-session.ts';

/** What the resident is told for a moment after a capture: calm words, no flash. */
export type CaptureNotice = 'document-photographed' | 'signature-accepted';

/** How long a capture notice stays up. */
export const CAPTURE_NOTICE_MS = 4_000;

/** What the screens show of the captures. */
export interface CaptureView {
  /** The signature pad, while the clerk wants a signature. */
  signature: SignatureView | null;
  captureNotice: CaptureNotice | null;
}

export interface CaptureFlowOptions {
  /** Sends a signature command on the socket. */
  send: SignatureSessionOptions['send'];
  /** The booth's document camera as it is now, if open. */
  documentCamera(): MediaStreamTrack | null;
  /** A full-resolution JPEG of the track's current frame. */
  grabStill(track: MediaStreamTrack): Promise<Blob>;
  /** The strokes on white, as a PNG of this size. */
  renderSignature(strokes: readonly Stroke[], size: SurfaceSize): Promise<Blob>;
  /** Uploads a capture's image with the booth's credential. */
  upload(captureId: CaptureId, image: Blob): Promise<void>;
  /** Every change of the view. */
  onChange(view: CaptureView): void;
}

/**
 * What the clerk asks of the booth during a call: a still of the document stand at full resolution,
 * or a signature on the pad; and the short notice the resident gets afterwards. Captures belong to
 * the call that asked for them: `reset` and `close` drop any still in flight and the pad.
 */
export class CaptureFlow {
  readonly #options: CaptureFlowOptions;
  #view: CaptureView = { signature: null, captureNotice: null };
  #signature: SignatureSession | null = null;
  #noticeTimer: ReturnType<typeof setTimeout> | undefined;
  // Bumped by reset and close, so a still or a signature asked before is not uploaded.
  #generation = 0;

  /** The signature pad's handlers; they do nothing while no signature is asked for. */
  readonly pad: SignaturePadActions = {
    down: (sample, rect) => this.#signature?.down(sample, rect) ?? false,
    move: (samples) => this.#signature?.move(samples),
    up: (sample) => this.#signature?.up(sample),
    cancel: (pointerId) => this.#signature?.cancel(pointerId),
    clear: () => this.#signature?.clear(),
    done: (size) => this.#signature?.done(size),
  };

  constructor(options: CaptureFlowOptions) {
    this.#options = options;
  }

  get view(): CaptureView {
    return this.#view;
  }

  request({ captureId, kind }: Pick<FactPayload<'capture:requested'>, 'captureId' | 'kind'>): void {
    if (kind === 'document-still') void this.#takeStill(captureId);
    else this.#openSignature(captureId);
  }

  /** The clerk's decision on the submitted signature: sign again, or done. */
  decide({ captureId, decision }: Pick<FactPayload<'signature:decided'>, 'captureId' | 'decision'>): void {
    const session = this.#signature;
    if (session?.captureId !== captureId) return;
    if (decision === 'retry') {
      session.retry();
      return;
    }
    this.#closeSignature();
    this.#showNotice('signature-accepted');
  }

  /**
   * Captures asked so far died with the server that asked for them (it restarted): a still under
   * way is not uploaded and the pad closes. A notice already shown stays its time.
   */
  reset(): void {
    this.#generation++;
    this.#closeSignature();
  }

  /** The call is over: nothing of its captures stays. */
  close(): void {
    this.reset();
    this.#hideNotice();
  }

  /** Photographs the document stand at the camera's full resolution and uploads the picture. */
  async #takeStill(captureId: CaptureId): Promise<void> {
    const track = this.#options.documentCamera();
    if (!track) return;
    const generation = this.#generation;
    try {
      const image = await this.#options.grabStill(track);
      if (generation !== this.#generation) return;
      this.#showNotice('document-photographed');
      await this.#options.upload(captureId, image);
    } catch {
      // No picture reaches the clerk, who may ask again; the resident is not troubled with it.
    }
  }

  #openSignature(captureId: CaptureId): void {
    if (this.#signature?.captureId === captureId) return;
    this.#signature?.close();
    const generation = this.#generation;
    const session: SignatureSession = new SignatureSession({
      captureId,
      send: this.#options.send,
      render: (strokes, size) => this.#options.renderSignature(strokes, size),
      upload: async (image) => {
        if (generation !== this.#generation) throw new Error('the call is over');
        await this.#options.upload(captureId, image);
      },
      onChange: (signature) => {
        if (this.#signature === session) this.#set({ signature });
      },
    });
    this.#signature = session;
    clearTimeout(this.#noticeTimer);
    this.#set({ signature: session.view, captureNotice: null });
  }

  #closeSignature(): void {
    this.#signature?.close();
    this.#signature = null;
    this.#set({ signature: null });
  }

  #showNotice(captureNotice: CaptureNotice): void {
    clearTimeout(this.#noticeTimer);
    this.#set({ captureNotice });
    this.#noticeTimer = setTimeout(() => this.#hideNotice(), CAPTURE_NOTICE_MS);
  }

  #hideNotice(): void {
    clearTimeout(this.#noticeTimer);
    this.#set({ captureNotice: null });
  }

  #set(patch: Partial<CaptureView>): void {
    const view = { ...this.#view, ...patch };
    if (view.signature === this.#view.signature && view.captureNotice === this.#view.captureNotice) return;
    this.#view = view;
    this.#options.onChange(view);
  }
}
