import type {
  CaptureId,
  CaptureStored,
  CommandRequest,
  CommandResponse,
  ConsultationView,
  FactPayload,
  Stroke,
} from '@madoguchi/shared';
import type { HttpClient } from '@madoguchi/shared/client';

/** A still of the resident's document, kept in memory (an object URL) for the call only. */
export interface StillCapture {
  captureId: CaptureId;
  /** As stored: the document camera's full resolution. */
  width: number;
  height: number;
  /** The image once fetched. */
  url: string | null;
  status: 'loading' | 'ready' | 'failed';
}

export type SignatureStatus = 'requested' | 'drawing' | 'submitted' | 'accepted' | 'retry';

/** The signature being drawn at the kiosk, as the clerk watches it. */
export interface SignatureWatch {
  captureId: CaptureId;
  status: SignatureStatus;
  strokes: readonly Stroke[];
  /** Bumped whenever the strokes start over (cleared at the kiosk, asked again). */
  epoch: number;
  /** The submitted image, once stored and fetched. */
  image: { url: string; width: number; height: number } | null;
  /** True while an accept or retry is on its way. */
  isDeciding: boolean;
}

export interface CaptureState {
  stills: readonly StillCapture[];
  /** Stills asked for that have not arrived yet. */
  pendingStills: number;
  /** A still asked for did not arrive in time (the kiosk could not take or send it). */
  isStillMissing: boolean;
  isRequestingSignature: boolean;
  signature: SignatureWatch | null;
  /** The still open in the viewer. */
  viewerId: CaptureId | null;
}

export const emptyCaptureState: CaptureState = {
  stills: [],
  pendingStills: 0,
  isStillMissing: false,
  isRequestingSignature: false,
  signature: null,
  viewerId: null,
};

/** How long a still may take from the request to `capture:stored` before the clerk is told. */
export const STILL_TIMEOUT_MS = 20_000;

type DeskCommand = 'capture:request' | 'signature:decide';

export interface CaptureDeskOptions {
  consultationId: ConsultationView['consultationId'];
  /** Sends a command on the socket. */
  request: <N extends DeskCommand>(name: N, payload: CommandRequest<N>) => Promise<CommandResponse<N>>;
  /** Fetches the images with the session cookie. */
  http: Pick<HttpClient, 'getBlob'>;
  /** URL.createObjectURL / revokeObjectURL: images live in memory only, and only for the call. */
  objectUrls: { create(blob: Blob): string; revoke(url: string): void };
  onChange: (state: CaptureState) => void;
  /** A command the server refused, to show like any other failure. */
  onError: (error: unknown) => void;
}

/**
 * What the clerk asked of the kiosk during one call: document stills and the signature. Lives as
 * long as the call; `close` revokes every image URL and stops fetches still running.
 */
export class CaptureDesk {
  readonly consultationId: ConsultationView['consultationId'];
  readonly #options: CaptureDeskOptions;
  readonly #abort = new AbortController();
  readonly #stillTimers = new Set<ReturnType<typeof setTimeout>>();
  /** Stills asked for, by id once the server answered, until stored or given up. */
  readonly #pendingIds = new Map<CaptureId, ReturnType<typeof setTimeout>>();
  #state: CaptureState = emptyCaptureState;
  #isClosed = false;

  constructor(options: CaptureDeskOptions) {
    this.consultationId = options.consultationId;
    this.#options = options;
  }

  get state(): CaptureState {
    return this.#state;
  }

  async requestStill(): Promise<void> {
    if (this.#isClosed) return;
    this.#set({ pendingStills: this.#state.pendingStills + 1, isStillMissing: false });
    let captureId: CaptureId;
    try {
      ({ captureId } = await this.#options.request('capture:request', {
        consultationId: this.consultationId,
        kind: 'document-still',
      }));
    } catch (error) {
      this.#stillSettled(null);
      if (!this.#isClosed) this.#options.onError(error);
      return;
    }
    if (this.#isClosed || this.#state.stills.some((still) => still.captureId === captureId)) {
      // Stored before the answer arrived: nothing is pending any more.
      this.#stillSettled(null);
      return;
    }
    const timer = setTimeout(() => {
      this.#stillTimers.delete(timer);
      this.#stillSettled(captureId, true);
    }, STILL_TIMEOUT_MS);
    this.#stillTimers.add(timer);
    this.#pendingIds.set(captureId, timer);
  }

  async requestSignature(): Promise<void> {
    if (this.#isClosed || this.#state.isRequestingSignature) return;
    this.#set({ isRequestingSignature: true });
    try {
      const { captureId } = await this.#options.request('capture:request', {
        consultationId: this.consultationId,
        kind: 'signature',
      });
      // Strokes may already have arrived for it (and the watch started with them).
      if (this.#state.signature?.captureId !== captureId) this.#watch(captureId, 'requested');
    } catch (error) {
      if (!this.#isClosed) this.#options.onError(error);
    } finally {
      this.#set({ isRequestingSignature: false });
    }
  }

  async decideSignature(decision: 'accept' | 'retry'): Promise<void> {
    const signature = this.#state.signature;
    if (this.#isClosed || !signature || signature.status !== 'submitted' || signature.isDeciding) return;
    const { captureId } = signature;
    this.#setSignature(captureId, { isDeciding: true });
    try {
      await this.#options.request('signature:decide', { captureId, decision });
      if (decision === 'accept') {
        this.#setSignature(captureId, { status: 'accepted', isDeciding: false });
      } else {
        this.#revokeSignatureImage();
        this.#setSignature(captureId, {
          status: 'retry',
          strokes: [],
          epoch: signature.epoch + 1,
          image: null,
          isDeciding: false,
        });
      }
    } catch (error) {
      this.#setSignature(captureId, { isDeciding: false });
      if (!this.#isClosed) this.#options.onError(error);
    }
  }

  openViewer(captureId: CaptureId): void {
    if (this.#state.stills.some((still) => still.captureId === captureId && still.status === 'ready')) {
      this.#set({ viewerId: captureId });
    }
  }

  closeViewer(): void {
    if (this.#state.viewerId) this.#set({ viewerId: null });
  }

  onStored(fact: CaptureStored): void {
    if (this.#isClosed || fact.consultationId !== this.consultationId) return;
    if (fact.kind === 'document-still') {
      if (this.#state.stills.some((still) => still.captureId === fact.captureId)) return;
      const still: StillCapture = {
        captureId: fact.captureId,
        width: fact.width,
        height: fact.height,
        url: null,
        status: 'loading',
      };
      this.#set({ stills: [...this.#state.stills, still] });
      if (this.#pendingIds.has(fact.captureId)) this.#stillSettled(fact.captureId);
      void this.#fetchStill(fact.captureId);
      return;
    }
    if (this.#state.signature?.captureId === fact.captureId) void this.#fetchSignature(fact);
  }

  onSignatureUpdated({ captureId, strokes, isCleared }: FactPayload<'signature:updated'>): void {
    if (this.#isClosed) return;
    // Another clerk in the call may have asked; the newest signature is the one on screen.
    if (this.#state.signature?.captureId !== captureId) this.#watch(captureId, 'drawing');
    const signature = this.#state.signature;
    if (!signature) return;
    if (isCleared) this.#revokeSignatureImage();
    this.#setSignature(captureId, {
      status:
        signature.status === 'submitted' || signature.status === 'accepted' ? signature.status : 'drawing',
      strokes: isCleared ? strokes : [...signature.strokes, ...strokes],
      epoch: isCleared ? signature.epoch + 1 : signature.epoch,
      ...(isCleared ? { image: null } : {}),
    });
  }

  onSignatureSubmitted({ captureId }: FactPayload<'signature:submitted'>): void {
    if (this.#isClosed) return;
    if (this.#state.signature?.captureId !== captureId) this.#watch(captureId, 'submitted');
    this.#setSignature(captureId, { status: 'submitted' });
  }

  /** The call ended: every image URL is revoked and nothing arriving late is kept. */
  close(): void {
    if (this.#isClosed) return;
    this.#isClosed = true;
    this.#abort.abort();
    for (const timer of this.#stillTimers) clearTimeout(timer);
    this.#stillTimers.clear();
    for (const still of this.#state.stills) if (still.url) this.#options.objectUrls.revoke(still.url);
    this.#revokeSignatureImage();
    this.#state = emptyCaptureState;
  }

  #watch(captureId: CaptureId, status: SignatureStatus): void {
    this.#revokeSignatureImage();
    const epoch = (this.#state.signature?.epoch ?? 0) + 1;
    this.#set({
      signature: { captureId, status, strokes: [], epoch, image: null, isDeciding: false },
    });
  }

  async #fetchStill(captureId: CaptureId): Promise<void> {
    const url = await this.#fetchImage(captureId);
    this.#set({
      stills: this.#state.stills.map((still) =>
        still.captureId === captureId ? { ...still, url, status: url ? 'ready' : 'failed' } : still,
      ),
    });
  }

  async #fetchSignature({ captureId, width, height }: CaptureStored): Promise<void> {
    const url = await this.#fetchImage(captureId);
    if (!url) return;
    if (this.#state.signature?.captureId !== captureId) {
      this.#options.objectUrls.revoke(url);
      return;
    }
    this.#revokeSignatureImage();
    this.#setSignature(captureId, { image: { url, width, height } });
  }

  /** The image as an object URL; null if it could not be fetched or the call ended meanwhile. */
  async #fetchImage(captureId: CaptureId): Promise<string | null> {
    try {
      const blob = await this.#options.http.getBlob(`/api/captures/${captureId}`, {
        signal: this.#abort.signal,
      });
      return this.#isClosed ? null : this.#options.objectUrls.create(blob);
    } catch (error) {
      if (!this.#isClosed) this.#options.onError(error);
      return null;
    }
  }

  #stillSettled(captureId: CaptureId | null, isMissing = false): void {
    if (captureId) {
      const timer = this.#pendingIds.get(captureId);
      if (timer === undefined) return;
      clearTimeout(timer);
      this.#stillTimers.delete(timer);
      this.#pendingIds.delete(captureId);
    }
    this.#set({
      pendingStills: Math.max(0, this.#state.pendingStills - 1),
      ...(isMissing ? { isStillMissing: true } : {}),
    });
  }

  #revokeSignatureImage(): void {
    const url = this.#state.signature?.image?.url;
    if (url) this.#options.objectUrls.revoke(url);
  }

  #setSignature(captureId: CaptureId, patch: Partial<SignatureWatch>): void {
    const signature = this.#state.signature;
    if (signature?.captureId === captureId) this.#set({ signature: { ...signature, ...patch } });
  }

  #set(patch: Partial<CaptureState>): void {
    if (this.#isClosed) return;
    this.#state = { ...this.#state, ...patch };
    this.#options.onChange(this.#state);
  }
}
