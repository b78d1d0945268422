import {
  captureUploadResponseSchema,
  enrollResponseSchema,
  kioskAuthorizationScheme,
  type CaptureId,
  type ConsultationView,
  type FactPayload,
  type HandshakeAuth,
  type Language,
  type ProcedureId,
  type Stroke,
} from '@madoguchi/shared';
import type {
  Fetch,
  MediaSession,
  MediaSessionEvents,
  RemoteTrack,
  SignallingClient,
  SurfaceSize,
} from '@madoguchi/shared/client';
import { HttpClient, HttpError, SignallingError } from '@madoguchi/shared/client';
import type { QueueStatus } from '../features/call/queue-status.ts';
import {
  SignatureSession,
  type SignaturePadActions,
  type SignatureView,
} from '../features/signature/signature-session.ts';
import {
  loadSettings,
  saveSettings,
  type CameraChoice,
  type KioskEnrollment,
  type KioskSettings,
} from '../features/settings/settings.ts';
import { stopLocalMedia, type CameraIds, type LocalMedia, type OpenedMedia } from '../lib/media-devices.ts';
import { nextScreen, type Screen, type ScreenEvent } from './screens.ts';

export type KioskSignalling = Pick<
  SignallingClient,
  'connect' | 'close' | 'on' | 'onConnectionChange' | 'onRefused' | 'request'
>;
export type KioskMedia = Pick<MediaSession, 'start' | 'publish' | 'close'>;

/** One socket to the server, and the factory of the per-resident media sessions that ride on it. */
export interface KioskConnection {
  signalling: KioskSignalling;
  createMediaSession(events: MediaSessionEvents): KioskMedia;
}

/** What the controller needs from the outside world; tests replace all of it. */
export interface KioskDependencies {
  storage: Pick<Storage, 'getItem' | 'setItem'>;
  connect(auth: Extract<HandshakeAuth, { role: 'kiosk' }>): KioskConnection;
  /** Same-origin HTTPS, for enrollment. */
  fetch: Fetch;
  openMedia(cameras: CameraIds): Promise<OpenedMedia>;
  /** A full-resolution JPEG of the camera track's current frame. */
  grabStill(track: MediaStreamTrack): Promise<Blob>;
  /** The strokes on white, as a PNG of this size. */
  renderSignature(strokes: readonly Stroke[], size: SurfaceSize): Promise<Blob>;
}

/** What the resident is told for a moment after a capture: calm words, no flash. */
export type CaptureNotice = 'document-photographed' | 'signature-accepted';

/** Why the server did not take an enrollment code. */
export type EnrollmentProblem = 'code-refused' | 'rate-limited';

/** What the operator submits on the settings screen: a code to enroll with (null: keep the enrollment) and the cameras. */
export interface SettingsInput extends CameraChoice {
  /** Eight digits, already normalised. */
  enrollmentCode: string | null;
}

export interface KioskState {
  screen: Screen;
  settings: KioskSettings | null;
  /** The current resident's language; back to Japanese for the next one. */
  language: Language;
  selectedProcedureId: ProcedureId | null;
  consultation: ConsultationView | null;
  /** The resident's place in the queue; null until the server's first word on it. */
  queue: QueueStatus | null;
  /** When the window opens next, for the closed screen (null: no opening scheduled). */
  nextOpeningAt: string | null;
  localMedia: LocalMedia | null;
  remoteTracks: readonly RemoteTrack[];
  isConnected: boolean;
  /** The server refused this kiosk's credential (unknown or revoked); only a new enrollment fixes that. */
  isKioskRefused: boolean;
  /** True while an enrollment code is on its way. */
  isEnrolling: boolean;
  enrollmentProblem: EnrollmentProblem | null;
  /** The last failure to show, as thrown; screens turn it into a translated message. */
  error: unknown;
  /** Set when the server restarted and no longer knew the resident's call; cleared by the next one. */
  isCallReset: boolean;
  /** The signature pad, while the clerk wants a signature. */
  signature: SignatureView | null;
  captureNotice: CaptureNotice | null;
}

const initialState: KioskState = {
  screen: 'starting',
  settings: null,
  language: 'ja',
  selectedProcedureId: null,
  consultation: null,
  queue: null,
  nextOpeningAt: null,
  localMedia: null,
  remoteTracks: [],
  isConnected: false,
  isKioskRefused: false,
  isEnrolling: false,
  enrollmentProblem: null,
  error: null,
  isCallReset: false,
  signature: null,
  captureNotice: null,
};

const DOCUMENT_CAMERA_MAX_BITRATE = 3_000_000;
/** A resident who walks away from the closed screen must not leave it (and their language) up. */
export const CLOSED_SCREEN_TIMEOUT_MS = 60_000;
/** How long the idle screen says that a call was lost to a server restart. */
export const CALL_RESET_NOTICE_MS = 60_000;
/** A handshake refused for another reason than identity (too many attempts) is tried again after this. */
export const REFUSED_RETRY_MS = 10_000;
/** How long a capture notice stays up. */
export const CAPTURE_NOTICE_MS = 4_000;

const isLive = (consultation: ConsultationView | null): consultation is ConsultationView =>
  consultation?.status === 'waiting' || consultation?.status === 'offered';

/**
 * The kiosk as a plain object outside React: it owns the socket, the booth's devices and the current
 * resident's media session, and publishes immutable snapshots for the screens to render.
 *
 * Everything about a resident (consultation, remote media, language, chosen procedure) is wiped when
 * their call ends; the booth's own devices and settings stay.
 */
export class KioskController {
  readonly #deps: KioskDependencies;
  readonly #http: HttpClient;
  readonly #listeners = new Set<() => void>();
  #state: KioskState = initialState;
  #connection: KioskConnection | null = null;
  #unsubscribers: (() => void)[] = [];
  #media: KioskMedia | null = null;
  // Bumped on every (re)start, so a slow device opening from a previous start is discarded.
  #generation = 0;
  // Identity of the call being set up; cleared by a wipe so its late steps stop.
  #attempt: object | null = null;
  // A queue update that overtook the answer to the request that queued the call.
  #pendingQueue: FactPayload<'queue:updated'> | null = null;
  #closedTimer: ReturnType<typeof setTimeout> | undefined;
  #noticeTimer: ReturnType<typeof setTimeout> | undefined;
  #retryTimer: ReturnType<typeof setTimeout> | undefined;
  #captureNoticeTimer: ReturnType<typeof setTimeout> | undefined;
  #signature: SignatureSession | null = null;

  /** The signature pad's handlers; they do nothing while no signature is asked for. */
  readonly signaturePad: SignaturePadActions = {
    down: (sample, rect) => this.#signature?.down(sample, rect) ?? false,
    move: (samples) => this.#signature?.move(samples),
    up: (sample) => this.#signature?.up(sample),
    cancel: (pointerId) => this.#signature?.cancel(pointerId),
    clear: () => this.#signature?.clear(),
    done: (size) => this.#signature?.done(size),
  };

  constructor(deps: KioskDependencies) {
    this.#deps = deps;
    this.#http = new HttpClient(deps.fetch);
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  readonly getSnapshot = (): KioskState => this.#state;

  /** Starts with the stored settings, or asks for an enrollment (and the cameras) first. */
  init(): void {
    const settings = loadSettings(this.#deps.storage);
    // Settings without an enrollment (none yet, or from before enrollment existed) keep their
    // cameras for the settings screen.
    this.#update({ settings });
    const enrollment = settings?.enrollment;
    if (!settings || !enrollment) {
      this.#update({ screen: 'settings' });
      return;
    }
    void this.#start(enrollment, settings);
  }

  openSettings(): void {
    const screen = nextScreen(this.#state.screen, { type: 'settings-opened' });
    if (screen !== 'settings') return;
    // The settings screen needs the cameras to itself to list and preview them.
    this.#stop();
    this.#update({ screen, error: null, enrollmentProblem: null });
  }

  /**
   * Saves the operator's settings; with a code, enrolls first (the code is spent by the server, and
   * the credential it returns is stored with the cameras). Starts the kiosk once saved.
   */
  async saveSettings(input: SettingsInput): Promise<void> {
    if (this.#state.screen !== 'settings' || this.#state.isEnrolling) return;
    const cameras = { faceCameraId: input.faceCameraId, documentCameraId: input.documentCameraId };
    let enrollment: KioskEnrollment | null = this.#state.isKioskRefused
      ? null
      : (this.#state.settings?.enrollment ?? null);
    if (input.enrollmentCode !== null) {
      this.#update({ isEnrolling: true, enrollmentProblem: null, error: null });
      try {
        enrollment = await this.#http.post('/api/kiosk/enroll', enrollResponseSchema, {
          body: { code: input.enrollmentCode },
        });
      } catch (error) {
        this.#update({ isEnrolling: false, ...enrollmentFailure(error) });
        return;
      }
      this.#update({ isEnrolling: false });
      if (this.#state.screen !== 'settings') return;
    }
    // The screen asks for a code whenever there is no usable enrollment; this is only a guard.
    if (!enrollment) return;
    const settings: KioskSettings = { ...cameras, enrollment };
    saveSettings(this.#deps.storage, settings);
    this.#update({ settings, isKioskRefused: false, enrollmentProblem: null, error: null });
    this.#transition({ type: 'settings-done' });
    void this.#start(enrollment, settings);
  }

  /**
   * Forgets the kiosk's credential (before moving the machine to another booth, say); the cameras
   * stay. The kiosk cannot connect again until it is enrolled with a new code.
   */
  forgetKiosk(): void {
    const { settings, screen } = this.#state;
    if (screen !== 'settings' || !settings) return;
    const forgotten: KioskSettings = { ...settings, enrollment: null };
    saveSettings(this.#deps.storage, forgotten);
    this.#update({ settings: forgotten, isKioskRefused: false, enrollmentProblem: null });
  }

  /** Leaves the settings screen unchanged; only possible with an enrollment the server still takes. */
  closeSettings(): void {
    const { settings, screen, isKioskRefused } = this.#state;
    const enrollment = settings?.enrollment;
    if (screen !== 'settings' || !settings || !enrollment || isKioskRefused) return;
    this.#update({ enrollmentProblem: null });
    this.#transition({ type: 'settings-done' });
    void this.#start(enrollment, settings);
  }

  setLanguage(language: Language): void {
    if (this.#state.screen !== 'idle' && this.#state.screen !== 'confirm') return;
    this.#update({ language });
  }

  selectProcedure(procedureId: ProcedureId): void {
    if (this.#state.screen !== 'idle') return;
    this.#clearCallReset();
    this.#update({ selectedProcedureId: procedureId, error: null });
    this.#transition({ type: 'procedure-selected' });
  }

  back(): void {
    this.#update({ selectedProcedureId: null });
    this.#transition({ type: 'back' });
  }

  async call(): Promise<void> {
    const { screen, selectedProcedureId: procedureId, language } = this.#state;
    const connection = this.#connection;
    if (screen !== 'confirm' || !procedureId || !connection) return;
    const attempt = {};
    this.#attempt = attempt;
    this.#update({ error: null });
    this.#transition({ type: 'call-started' });
    try {
      const response = await connection.signalling.request('consultation:request', {
        procedureId,
        language,
      });
      if (this.#attempt !== attempt) return;
      if (response.outcome === 'closed') {
        this.#attempt = null;
        this.#update({ nextOpeningAt: response.nextOpeningAt });
        this.#transition({ type: 'closed' });
        this.#closedTimer = setTimeout(() => this.startOver(), CLOSED_SCREEN_TIMEOUT_MS);
        return;
      }
      this.#onConsultation(response.consultation);
      if (this.#attempt !== attempt) return;
      await this.#publish(connection, attempt);
    } catch (error) {
      this.#failCall(attempt, error);
    }
  }

  /** The resident gives up waiting. */
  async cancel(): Promise<void> {
    const consultationId = this.#state.consultation?.consultationId;
    if (!consultationId || this.#state.screen !== 'waiting') return;
    this.#wipe();
    await this.#leave(consultationId);
  }

  async hangUp(): Promise<void> {
    const consultationId = this.#state.consultation?.consultationId;
    if (!consultationId) return;
    this.#wipe();
    await this.#leave(consultationId);
  }

  /** Back from the closed screen to the start, ready for the next resident. */
  startOver(): void {
    if (this.#state.screen === 'closed') this.#wipe();
  }

  clearError(): void {
    this.#update({ error: null });
  }

  /** Releases everything; the controller can be started again with `init()`. */
  dispose(): void {
    this.#stop();
  }

  async #start(enrollment: KioskEnrollment, settings: KioskSettings): Promise<void> {
    this.#stop();
    const generation = ++this.#generation;
    const connection = this.#deps.connect({ role: 'kiosk', credential: enrollment.credential });
    const { signalling } = connection;
    this.#connection = connection;
    this.#unsubscribers = [
      signalling.onConnectionChange((isConnected) => this.#update({ isConnected })),
      signalling.onRefused((error) => this.#onRefused(generation, error)),
      signalling.on('session:ready', (fact) => this.#onSessionReady(fact)),
      signalling.on('consultation:updated', ({ consultation }) => this.#onConsultation(consultation)),
      signalling.on('queue:updated', (fact) => this.#onQueueUpdated(fact)),
      signalling.on('capture:requested', (fact) => this.#onCaptureRequested(fact)),
      signalling.on('signature:decided', (fact) => this.#onSignatureDecided(fact)),
    ];
    signalling.connect();
    this.#update({ screen: 'starting' });

    const { media, error } = await this.#deps.openMedia(settings);
    if (generation !== this.#generation) {
      stopLocalMedia(media);
      return;
    }
    this.#update({ localMedia: media, error });
    this.#transition({ type: 'ready' });
  }

  /**
   * The server refused the handshake, at start or after cutting the socket off. An unknown or
   * revoked credential sends the kiosk to its settings to be enrolled again (whatever a resident
   * was doing is over: the server has already ended it); too many attempts are waited out.
   */
  #onRefused(generation: number, error: SignallingError): void {
    if (generation !== this.#generation) return;
    if (error.code === 'UNAUTHENTICATED') {
      this.#stop();
      this.#update({ screen: 'settings', isKioskRefused: true, error: null });
      return;
    }
    const connection = this.#connection;
    clearTimeout(this.#retryTimer);
    this.#retryTimer = setTimeout(() => {
      if (generation === this.#generation) connection?.signalling.connect();
    }, REFUSED_RETRY_MS);
  }

  /**
   * Opens the resident's media session and sends the booth's three tracks. Every step checks that
   * the attempt is still current: a wipe, or a rebuild after a server restart, replaces it.
   */
  async #publish(connection: KioskConnection, attempt: object): Promise<void> {
    const media = connection.createMediaSession({
      onRemoteTrack: (remote) => {
        if (this.#media === media) this.#addRemoteTrack(remote);
      },
      onRemoteTrackEnded: (consumerId) => {
        if (this.#media === media) this.#removeRemoteTrack(consumerId);
      },
    });
    this.#media = media;
    await media.start();
    const local = this.#state.localMedia;
    if (local?.microphone && this.#attempt === attempt) await media.publish(local.microphone, 'microphone');
    if (local?.camera && this.#attempt === attempt) await media.publish(local.camera, 'camera');
    if (local?.documentCamera && this.#attempt === attempt) {
      await media.publish(local.documentCamera, 'document-camera', {
        isDetail: true,
        maxBitrate: DOCUMENT_CAMERA_MAX_BITRATE,
      });
    }
  }

  #failCall(attempt: object, error: unknown): void {
    // A wipe or a rebuild closes the media session under a running setup; those failures are expected.
    if (this.#attempt !== attempt) return;
    const consultationId = this.#state.consultation?.consultationId;
    if (consultationId) void this.#leave(consultationId);
    this.#wipe(error);
  }

  /**
   * The server restarted and kept the resident's place in the queue, but every transport of the old
   * process is gone: media starts over on the new server (which recreates the hub) while the
   * resident keeps waiting.
   */
  async #rebuildMedia(consultation: ConsultationView): Promise<void> {
    const connection = this.#connection;
    if (!connection) return;
    const attempt = {};
    this.#attempt = attempt;
    // Captures asked of the old server died with it.
    this.#closeSignature();
    this.#media?.close();
    this.#media = null;
    for (const remote of this.#state.remoteTracks) remote.track.stop();
    this.#update({ consultation, remoteTracks: [] });
    this.#transition({ type: 'requeued' });
    try {
      await this.#publish(connection, attempt);
    } catch (error) {
      this.#failCall(attempt, error);
    }
  }

  /** Closes the socket and the booth's devices (settings screen, disposal). */
  #stop(): void {
    this.#generation++;
    clearTimeout(this.#retryTimer);
    this.#wipe();
    this.#clearCallReset();
    for (const unsubscribe of this.#unsubscribers) unsubscribe();
    this.#unsubscribers = [];
    this.#connection?.signalling.close();
    this.#connection = null;
    stopLocalMedia(this.#state.localMedia);
    this.#update({ localMedia: null, isConnected: false });
  }

  /**
   * Tells the server the resident left. The screen has already been wiped, so a refusal (the call
   * ended or was answered meanwhile) only changes which command finishes the job.
   */
  async #leave(consultationId: ConsultationView['consultationId']): Promise<void> {
    const signalling = this.#connection?.signalling;
    if (!signalling) return;
    try {
      await signalling.request('consultation:cancel', { consultationId });
    } catch (error) {
      if (!(error instanceof SignallingError) || error.code !== 'INVALID_STATE') return;
      await signalling.request('consultation:hang-up', { consultationId }).catch(() => undefined);
    }
  }

  #onSessionReady(fact: FactPayload<'session:ready'>): void {
    const current = this.#state.consultation;
    const isInCall = this.#state.screen === 'waiting' || this.#state.screen === 'in-call';
    const isSameCall = current !== null && fact.consultation?.consultationId === current.consultationId;
    if (fact.isResumed) {
      // The transports survived a brief drop; only the call's state may have moved on.
      if (!current) return;
      if (isSameCall && fact.consultation) this.#onConsultation(fact.consultation);
      else this.#wipe();
      return;
    }
    // A new session: the server restarted (or forgot this kiosk) and every old transport is dead.
    if (isSameCall && isLive(fact.consultation)) {
      void this.#rebuildMedia(fact.consultation);
    } else if (current || (isInCall && this.#attempt)) {
      this.#wipe();
      this.#showCallReset();
    }
  }

  #showCallReset(): void {
    clearTimeout(this.#noticeTimer);
    this.#update({ isCallReset: true });
    this.#noticeTimer = setTimeout(() => this.#clearCallReset(), CALL_RESET_NOTICE_MS);
  }

  #clearCallReset(): void {
    clearTimeout(this.#noticeTimer);
    if (this.#state.isCallReset) this.#update({ isCallReset: false });
  }

  #onConsultation(consultation: ConsultationView): void {
    const current = this.#state.consultation;
    if (current ? current.consultationId !== consultation.consultationId : this.#state.screen !== 'waiting') {
      return;
    }
    if (consultation.status === 'ended') {
      this.#wipe();
      return;
    }
    this.#update({ consultation });
    const pending = this.#pendingQueue;
    this.#pendingQueue = null;
    if (pending) this.#onQueueUpdated(pending);
    this.#transition({ type: 'consultation-changed', status: consultation.status });
  }

  #onQueueUpdated(fact: FactPayload<'queue:updated'>): void {
    const current = this.#state.consultation;
    if (!current) {
      if (this.#attempt && this.#state.screen === 'waiting') this.#pendingQueue = fact;
      return;
    }
    if (fact.consultationId !== current.consultationId) return;
    this.#update({ queue: { position: fact.position, expectedWaitMs: fact.expectedWaitMs } });
  }

  #onCaptureRequested({ consultationId, captureId, kind }: FactPayload<'capture:requested'>): void {
    const attempt = this.#attempt;
    if (!attempt || this.#state.consultation?.consultationId !== consultationId) return;
    if (kind === 'document-still') void this.#takeStill(attempt, captureId);
    else this.#openSignature(attempt, captureId);
  }

  /** Photographs the document stand at the camera's full resolution and uploads the picture. */
  async #takeStill(attempt: object, captureId: CaptureId): Promise<void> {
    const track = this.#state.localMedia?.documentCamera;
    if (!track) return;
    try {
      const image = await this.#deps.grabStill(track);
      if (this.#attempt !== attempt) return;
      this.#showCaptureNotice('document-photographed');
      await this.#upload(captureId, image);
    } catch {
      // No picture reaches the clerk, who may ask again; the resident is not troubled with it.
    }
  }

  #openSignature(attempt: object, captureId: CaptureId): void {
    const signalling = this.#connection?.signalling;
    if (!signalling || this.#signature?.captureId === captureId) return;
    this.#signature?.close();
    const session = new SignatureSession({
      captureId,
      send: (name, payload) => signalling.request(name, payload),
      render: (strokes, size) => this.#deps.renderSignature(strokes, size),
      upload: async (image) => {
        if (this.#attempt !== attempt) throw new Error('the call is over');
        await this.#upload(captureId, image);
      },
      onChange: (signature) => {
        if (this.#signature === session) this.#update({ signature });
      },
    });
    this.#signature = session;
    this.#hideCaptureNotice();
    this.#update({ signature: session.view });
  }

  #onSignatureDecided({ captureId, decision }: FactPayload<'signature:decided'>): void {
    const session = this.#signature;
    if (session?.captureId !== captureId) return;
    if (decision === 'retry') {
      session.retry();
      return;
    }
    this.#closeSignature();
    this.#showCaptureNotice('signature-accepted');
  }

  #closeSignature(): void {
    this.#signature?.close();
    this.#signature = null;
    if (this.#state.signature) this.#update({ signature: null });
  }

  /** `PUT /api/captures/<id>` with the booth's credential (the resident has none). */
  async #upload(captureId: CaptureId, image: Blob): Promise<void> {
    const credential = this.#state.settings?.enrollment?.credential;
    if (!credential) throw new Error('this kiosk is not enrolled');
    await this.#http.putBlob(`/api/captures/${captureId}`, captureUploadResponseSchema, image, {
      authorization: `${kioskAuthorizationScheme} ${credential}`,
    });
  }

  #showCaptureNotice(captureNotice: CaptureNotice): void {
    clearTimeout(this.#captureNoticeTimer);
    this.#update({ captureNotice });
    this.#captureNoticeTimer = setTimeout(() => this.#hideCaptureNotice(), CAPTURE_NOTICE_MS);
  }

  #hideCaptureNotice(): void {
    clearTimeout(this.#captureNoticeTimer);
    if (this.#state.captureNotice) this.#update({ captureNotice: null });
  }

  #addRemoteTrack(remote: RemoteTrack): void {
    const others = this.#state.remoteTracks.filter((track) => track.source !== remote.source);
    this.#update({ remoteTracks: [...others, remote] });
  }

  #removeRemoteTrack(consumerId: string): void {
    const remoteTracks = this.#state.remoteTracks.filter((track) => track.consumerId !== consumerId);
    if (remoteTracks.length !== this.#state.remoteTracks.length) this.#update({ remoteTracks });
  }

  /** Forgets the current resident; the booth's devices stay open for the next one. */
  #wipe(error: unknown = null): void {
    this.#attempt = null;
    this.#pendingQueue = null;
    clearTimeout(this.#closedTimer);
    clearTimeout(this.#captureNoticeTimer);
    this.#signature?.close();
    this.#signature = null;
    this.#media?.close();
    this.#media = null;
    for (const remote of this.#state.remoteTracks) remote.track.stop();
    this.#update({
      signature: null,
      captureNotice: null,
      consultation: null,
      queue: null,
      nextOpeningAt: null,
      selectedProcedureId: null,
      remoteTracks: [],
      language: 'ja',
      error,
    });
    this.#transition({ type: 'wiped' });
  }

  #transition(event: ScreenEvent): void {
    const screen = nextScreen(this.#state.screen, event);
    if (screen !== this.#state.screen) this.#update({ screen });
  }

  #update(patch: Partial<KioskState>): void {
    this.#state = { ...this.#state, ...patch };
    for (const listener of [...this.#listeners]) listener();
  }
}

/** What the settings screen says about a refused enrollment; other failures are shown as errors. */
function enrollmentFailure(error: unknown): Pick<KioskState, 'enrollmentProblem' | 'error'> {
  if (error instanceof HttpError) {
    // The server words a wrong, used and expired code alike, so the screen does too.
    if (error.code === 'UNAUTHENTICATED' || error.code === 'VALIDATION_FAILED') {
      return { enrollmentProblem: 'code-refused', error: null };
    }
    if (error.code === 'RATE_LIMITED') return { enrollmentProblem: 'rate-limited', error: null };
  }
  return { enrollmentProblem: null, error };
}
