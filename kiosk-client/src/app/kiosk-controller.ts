import {
  captureUploadResponseSchema,
  kioskAuthorizationScheme,
  type CaptureId,
  type ConsultationView,
  type FactPayload,
  type HandshakeAuth,
  type KioskDevices,
  type Language,
  type ProcedureId,
  type ResumeToken,
  type Stroke,
} from '@madoguchi/shared';
import type { Fetch, MediaSessionEvents, SignallingClient, SurfaceSize } from '@madoguchi/shared/client';
import { ChatLog, emptyChatState, HttpClient, SignallingError } from '@madoguchi/shared/client';
import { CallSession, emptyCallMediaView, type CallMedia } from '../features/call/call-session.ts';
import { clerksTakingOver } from '../features/call/clerk-change.ts';
import { QualityPoller } from '../features/call/quality-poller.ts';
import { CaptureFlow } from '../features/capture/capture-flow.ts';
import { loadResumeToken, saveResumeToken } from '../features/call/resume-token.ts';
import { isEveryDeviceOk, type DeviceProbe } from '../features/devices/device-check.ts';
import { DeviceMonitor } from '../features/devices/device-monitor.ts';
import { DocumentInbox } from '../features/documents/document-inbox.ts';
import type { SurveyRating } from '../features/survey/survey.ts';
import { SurveyFlow } from '../features/survey/survey-flow.ts';
import { IdleTimer } from '../features/idle/idle-timer.ts';
import { HelpRequest } from '../features/shell/help-request.ts';
import type { SignaturePadActions } from '../features/signature/signature-session.ts';
import { enroll } from '../features/settings/enrollment.ts';
import {
  loadSettings,
  SETTINGS_KEY,
  saveSettings,
  type SettingsInput,
  type KioskEnrollment,
  type KioskSettings,
} from '../features/settings/settings.ts';
import type { CameraIds, OpenedMedia } from '../lib/media-devices.ts';
import { initialKioskState, KioskStore, type KioskState } from './kiosk-store.ts';
import { idleWatchedScreens, nextScreen, type Screen, type ScreenEvent } from './screens.ts';

export type KioskSignalling = Pick<
  SignallingClient,
  'connect' | 'close' | 'on' | 'onConnectionChange' | 'onRefused' | 'request'
>;
export type KioskMedia = CallMedia;

/** One socket to the server, and the factory of the per-resident media sessions that ride on it. */
export interface KioskConnection {
  signalling: KioskSignalling;
  createMediaSession(events: MediaSessionEvents): KioskMedia;
}

/** What the controller needs from the outside world; tests replace all of it. */
export interface KioskDependencies {
  /** localStorage: the kiosk's settings live here; anything else is wiped with each resident. */
  storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem' | 'key'> & { readonly length: number };
  /**
   * sessionStorage: holds the resident's resume token while they have a consultation, so a
   * reloaded page takes their call up again; emptied with each resident.
   */
  sessionStorage: Pick<Storage, 'clear' | 'getItem' | 'setItem'>;
  connect(auth: Extract<HandshakeAuth, { role: 'kiosk' }>): KioskConnection;
  /** Same-origin HTTPS, for enrollment. */
  fetch: Fetch;
  openMedia(cameras: CameraIds): Promise<OpenedMedia>;
  /** A full-resolution JPEG of the camera track's current frame. */
  grabStill(track: MediaStreamTrack): Promise<Blob>;
  /** The strokes on white, as a PNG of this size. */
  renderSignature(strokes: readonly Stroke[], size: SurfaceSize): Promise<Blob>;
  /** Measures the open devices for the device check. */
  probeDevices(opened: OpenedMedia): Promise<DeviceProbe>;
  /** URL.createObjectURL / revokeObjectURL, for pushed documents held in memory during a call. */
  objectUrls: { create(blob: Blob): string; revoke(url: string): void };
  now(): number;
}

/** How long the thank-you screen stays before the kiosk wipes itself. */
export const THANKS_SCREEN_MS = 10_000;
/** How long a resident is told that their call was lost to a connection problem; longer words than thanks. */
export const CALL_FAILED_SCREEN_MS = 20_000;
/** How long the idle screen says that a call was lost to a server restart. */
export const CALL_RESET_NOTICE_MS = 60_000;
/** A handshake refused for another reason than identity (too many attempts) is tried again after this. */
export const REFUSED_RETRY_MS = 10_000;
/** How long the resident is told that another clerk took over the call. */
export const CLERK_CHANGED_NOTICE_MS = 8_000;

/** How long a call whose media setup went unanswered waits before trying again on its own. */
export const OWED_MEDIA_RETRY_MS = 3_000;

/** A request that got no answer: the server is down, restarting, or the line is cut. */
const isUnanswered = (error: unknown): boolean =>
  error instanceof SignallingError && error.code === 'TIMEOUT';

/** Not over yet: queued, ringing or answered. */
const isOngoing = (consultation: ConsultationView | null): consultation is ConsultationView =>
  consultation !== null && consultation.status !== 'ended';

/** Whether the idle timeout watches this state: a resident's own steps, or a touched attract screen. */
const isIdleWatched = (state: KioskState): boolean =>
  idleWatchedScreens.includes(state.screen) ||
  (state.screen === 'attract' &&
    (state.language !== 'ja' || state.display.isLargeText || state.display.isHighContrast));

/**
 * The kiosk as a plain object outside React: it owns the socket, the booth's devices and the current
 * resident's media session, and publishes immutable snapshots for the screens to render.
 *
 * Everything about a resident (consultation, media, chat, pushed documents, survey, language and
 * display modes) is wiped when they are done or walk away; the booth's own devices and settings stay.
 */
export class KioskController {
  readonly #deps: KioskDependencies;
  readonly #http: HttpClient;
  readonly #store = new KioskStore({ settle: (before, next) => this.#settle(before, next) });
  #connection: KioskConnection | null = null;
  #unsubscribers: (() => void)[] = [];
  #call: CallSession | null = null;
  // The current socket session's token, kept in sessionStorage while a resident has a consultation.
  #resumeToken: ResumeToken | null = null;
  // Set when the page started with a resident's token: the first session:ready says whether their
  // call is still there to take up.
  #isReattaching = false;
  // The booth's devices being opened at start; a call taken up after a reload publishes once done.
  #devicesOpening: Promise<void> = Promise.resolve();
  readonly #deviceMonitor: DeviceMonitor;
  // Bumped on every (re)start, so a slow device opening from a previous start is discarded.
  #generation = 0;
  // Identity of the call being set up; cleared by a wipe so its late steps stop.
  #attempt: object | null = null;
  // A queue update that overtook the answer to the request that queued the call.
  #pendingQueue: FactPayload<'queue:updated'> | null = null;
  // Set when setting up the call's media went unanswered (the server was down or restarting):
  // the next session:ready makes it again instead of the resident losing their place.
  #isMediaOwed = false;
  #owedMediaTimer: ReturnType<typeof setTimeout> | undefined;
  #noticeTimer: ReturnType<typeof setTimeout> | undefined;
  #retryTimer: ReturnType<typeof setTimeout> | undefined;
  #clerkNoticeTimer: ReturnType<typeof setTimeout> | undefined;
  readonly #idle: IdleTimer;
  // The thank-you and call-failed screens wipe the kiosk after a while.
  #wipeTimer: ReturnType<typeof setTimeout> | undefined;
  readonly #quality = new QualityPoller({
    readStats: () => this.#call?.getReceiveStats() ?? Promise.resolve(null),
    onQuality: (connectionQuality) => this.#update({ connectionQuality }),
  });
  #chat: ChatLog | null = null;
  readonly #help = new HelpRequest({
    send: (reason) =>
      this.#connection?.signalling.request('kiosk:request-help', { reason }) ??
      Promise.reject(new SignallingError('TIMEOUT', 'not connected')),
    onChange: (help) => this.#update({ help }),
  });
  readonly #documents: DocumentInbox;
  readonly #survey = new SurveyFlow({
    submit: (answer) =>
      this.#connection?.signalling.request('survey:submit', answer) ??
      Promise.reject(new SignallingError('TIMEOUT', 'not connected')),
    onChange: (survey) => this.#update({ survey }),
  });

  readonly #captures: CaptureFlow;

  /** The signature pad's handlers; they do nothing while no signature is asked for. */
  readonly signaturePad: SignaturePadActions;

  constructor(deps: KioskDependencies) {
    this.#deps = deps;
    this.#http = new HttpClient(deps.fetch);
    this.#deviceMonitor = new DeviceMonitor({
      openMedia: (cameras) => deps.openMedia(cameras),
      probeDevices: (opened) => deps.probeDevices(opened),
      report: async (devices) => {
        const signalling = this.#connection?.signalling;
        if (!signalling) throw new SignallingError('TIMEOUT', 'not connected');
        return (await signalling.request('kiosk:report-devices', { devices })).isInService;
      },
    });
    this.#idle = new IdleTimer({
      now: () => deps.now(),
      onWarning: (idleWarningUntil) => this.#update({ idleWarningUntil }),
      onExpired: () => {
        if (isIdleWatched(this.#state)) this.#wipe();
      },
    });
    this.#documents = new DocumentInbox({
      fetchImage: (documentId) =>
        this.#http.getBlob(`/api/documents/${documentId}`, { authorization: this.#kioskAuthorization() }),
      objectUrls: deps.objectUrls,
      onChange: (document) => this.#update({ document }),
    });
    this.#captures = new CaptureFlow({
      send: (name, payload) =>
        this.#connection?.signalling.request(name, payload) ??
        Promise.reject(new SignallingError('TIMEOUT', 'not connected')),
      documentCamera: () => this.#state.localMedia?.documentCamera ?? null,
      grabStill: (track) => deps.grabStill(track),
      renderSignature: (strokes, size) => deps.renderSignature(strokes, size),
      upload: (captureId, image) => this.#upload(captureId, image),
      onChange: (view) => this.#update(view),
    });
    this.signaturePad = this.#captures.pad;
  }

  readonly subscribe = this.#store.subscribe;

  readonly getSnapshot = this.#store.getSnapshot;

  get #state(): KioskState {
    return this.#store.state;
  }

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
    // Read before the start wipes the session storage: a page reloaded mid-consultation.
    void this.#start(enrollment, settings, loadResumeToken(this.#deps.sessionStorage));
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
      const outcome = await enroll(this.#http, input.enrollmentCode);
      if (!('enrollment' in outcome)) {
        this.#update({
          isEnrolling: false,
          enrollmentProblem: 'problem' in outcome ? outcome.problem : null,
          error: 'error' in outcome ? outcome.error : null,
        });
        return;
      }
      enrollment = outcome.enrollment;
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

  /** Any touch or key on a resident's screen: they are still there. */
  touch(): void {
    this.#idle.touch();
  }

  /** The idle warning's "continue" button. */
  extendIdle(): void {
    this.touch();
  }

  /** The attract screen was touched: the resident chooses a language first. */
  start(): void {
    this.#transition({ type: 'started' });
  }

  /** Changes the resident's language, on any of their screens, at any moment. */
  setLanguage(language: Language): void {
    const { screen } = this.#state;
    if (screen === 'settings' || screen === 'starting') return;
    this.#update({ language });
  }

  /** The language screen's choice: set it and go on to the procedures. */
  chooseLanguage(language: Language): void {
    if (this.#state.screen !== 'language') return;
    this.#update({ language });
    this.#transition({ type: 'language-chosen' });
  }

  toggleLargeText(): void {
    const { display } = this.#state;
    this.#update({ display: { ...display, isLargeText: !display.isLargeText } });
  }

  toggleHighContrast(): void {
    const { display } = this.#state;
    this.#update({ display: { ...display, isHighContrast: !display.isHighContrast } });
  }

  selectProcedure(procedureId: ProcedureId): void {
    if (this.#state.screen !== 'idle') return;
    this.#clearCallReset();
    this.#update({ selectedProcedureId: procedureId, error: null });
    this.#transition({ type: 'procedure-selected' });
  }

  /** One step back (confirm → procedures → language → attract). */
  back(): void {
    if (this.#state.screen === 'survey' && this.#survey.back()) return;
    if (this.#state.screen === 'confirm') this.#update({ selectedProcedureId: null });
    this.#transition({ type: 'back' });
  }

  /** The call-staff button (see HelpRequest); on the out-of-service screen it is about the devices. */
  async requestHelp(): Promise<void> {
    if (!this.#connection) return;
    await this.#help.request(this.#state.screen === 'out-of-service' ? 'device' : 'resident');
  }

  dismissHelp(): void {
    this.#help.dismiss();
  }

  /** The out-of-service screen's button: reopen the devices and check them again. */
  async recheckDevices(): Promise<void> {
    const settings = this.#state.settings;
    if (this.#state.screen !== 'out-of-service' || !settings) return;
    this.#transition({ type: 'recheck' });
    // Opening closes the devices first, so the screens lose the old tracks at once.
    const opening = this.#deviceMonitor.open(settings);
    this.#update({ localMedia: null });
    const opened = await opening;
    if (!opened) return;
    this.#update({ localMedia: opened.media, error: null });
    await this.#checkDevices();
  }

  async call(): Promise<void> {
    const { screen, selectedProcedureId: procedureId, language, isInService } = this.#state;
    const connection = this.#connection;
    if (screen !== 'confirm' || !procedureId || !connection || !isInService) return;
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
        return;
      }
      this.#onConsultation(response.consultation);
      if (this.#attempt !== attempt) return;
      this.#keepResumeToken();
      await this.#openCall(connection).start();
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

  /** Ends the call; an answered one goes on to the survey. */
  async hangUp(): Promise<void> {
    const consultation = this.#state.consultation;
    if (!consultation) return;
    if (this.#state.screen === 'in-call') this.#endCall(consultation);
    else this.#wipe();
    await this.#leave(consultation.consultationId);
  }

  sendChat(text: string): Promise<boolean> {
    return this.#chat?.send(text) ?? Promise.resolve(false);
  }

  /** The resident closes a pushed document (the clerk may push it again). */
  closeDocument(): void {
    this.#documents.drop();
  }

  /** One tap on a rating sends it; the comment step follows. */
  async rate(rating: SurveyRating): Promise<void> {
    if (this.#state.screen === 'survey') await this.#survey.rate(rating);
  }

  /** The comment step's send (see SurveyFlow.comment); then on to the thank-you screen. */
  async submitSurveyComment(typed: string): Promise<void> {
    if (this.#state.screen !== 'survey') return;
    if (await this.#survey.comment(typed)) this.#finishSurvey();
  }

  /** No answer, or no comment: on to the thank-you screen. */
  skipSurvey(): void {
    if (this.#state.screen === 'survey') this.#finishSurvey();
  }

  /** The thank-you, call-failed or closed screen's button: wipe now, for the next resident. */
  finish(): void {
    const { screen } = this.#state;
    if (screen === 'thanks' || screen === 'call-failed' || screen === 'closed') this.#wipe();
  }

  /** Back from the closed screen to the start, ready for the next resident. */
  startOver(): void {
    this.finish();
  }

  clearError(): void {
    this.#update({ error: null });
  }

  /** Releases everything; the controller can be started again with `init()`. */
  dispose(): void {
    this.#stop();
  }

  /** Connects and opens the booth's devices; with a resume token, to take a resident's call up again. */
  async #start(
    enrollment: KioskEnrollment,
    settings: KioskSettings,
    resumeToken: ResumeToken | null = null,
  ): Promise<void> {
    this.#stop();
    const generation = ++this.#generation;
    this.#isReattaching = resumeToken !== null;
    // Kept across the stop's wipe, should the page be reloaded again before the server answers.
    if (resumeToken) saveResumeToken(this.#deps.sessionStorage, resumeToken);
    const connection = this.#deps.connect({
      role: 'kiosk',
      credential: enrollment.credential,
      ...(resumeToken ? { resumeToken } : {}),
    });
    const { signalling } = connection;
    this.#connection = connection;
    this.#unsubscribers = [
      signalling.onConnectionChange((isConnected) => this.#update({ isConnected })),
      signalling.onRefused((error) => this.#onRefused(generation, error)),
      signalling.on('session:ready', (fact) => {
        this.#resumeToken = fact.resumeToken;
        this.#onSessionReady(fact);
        this.#keepResumeToken();
      }),
      signalling.on('consultation:updated', ({ consultation }) => this.#onConsultation(consultation)),
      signalling.on('queue:updated', (fact) => this.#onQueueUpdated(fact)),
      signalling.on('capture:requested', (fact) => this.#onCaptureRequested(fact)),
      signalling.on('signature:decided', (fact) => this.#captures.decide(fact)),
      signalling.on('chat:message', (fact) => this.#chat?.receive(fact)),
      signalling.on('document:shown', (fact) => this.#onDocumentShown(fact)),
      signalling.on('document:closed', ({ documentId }) => this.#documents.close(documentId)),
    ];
    signalling.connect();
    this.#update({ screen: 'starting' });

    this.#devicesOpening = this.#openDevices(settings);
    await this.#devicesOpening;
    if (generation === this.#generation) await this.#checkDevices();
  }

  async #openDevices(settings: KioskSettings): Promise<void> {
    const opened = await this.#deviceMonitor.open(settings);
    if (opened) this.#update({ localMedia: opened.media, error: opened.error });
  }

  /** While a resident has a consultation, a reloaded page must find their session (see init). */
  #keepResumeToken(): void {
    if (this.#state.consultation && this.#resumeToken) {
      saveResumeToken(this.#deps.sessionStorage, this.#resumeToken);
    }
  }

  /**
   * Checks the open devices and reports them. The kiosk's own verdict moves the screen at once;
   * the server's answer (it may know more) can still take the kiosk out of service. A report that
   * does not get through is sent again when the session is ready.
   */
  async #checkDevices(): Promise<void> {
    const devices = await this.#deviceMonitor.check();
    if (!devices) return;
    const isInService = isEveryDeviceOk(devices);
    this.#update({ devices, isInService });
    this.#transition({ type: 'devices-checked', isInService });
    await this.#reportDevices(devices);
  }

  async #reportDevices(devices: KioskDevices): Promise<void> {
    if (!this.#connection) return;
    // Not delivered (not connected yet, or the server is restarting): session:ready sends it again.
    const isTakenOutOfService = await this.#deviceMonitor.report(devices);
    if (!isTakenOutOfService || !this.#state.isInService) return;
    this.#update({ isInService: false });
    this.#transition({ type: 'devices-checked', isInService: false });
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

  /** The resident's call media on this socket; it lives until the call ends or the resident is wiped. */
  #openCall(connection: KioskConnection): CallSession {
    this.#call?.close();
    this.#update(emptyCallMediaView);
    const call: CallSession = new CallSession({
      createMediaSession: (events) => connection.createMediaSession(events),
      localMedia: () => this.#state.localMedia,
      onChange: (view) => {
        if (this.#call === call) this.#update(view);
      },
    });
    this.#call = call;
    return call;
  }

  #failCall(attempt: object, error: unknown): void {
    // A wipe or a rebuild closes the media session under a running setup; those failures are expected.
    if (this.#attempt !== attempt) return;
    if (isUnanswered(error) && isOngoing(this.#state.consultation)) {
      // The server is not there to answer; it keeps the resident's place (and restores a running
      // call), so the resident waits on and media is made again when the session is back.
      this.#isMediaOwed = true;
      clearTimeout(this.#owedMediaTimer);
      // A server that is merely slow sends no session:ready: try again after a pause all the same.
      this.#owedMediaTimer = setTimeout(() => {
        const consultation = this.#state.consultation;
        if (this.#isMediaOwed && isOngoing(consultation)) void this.#rebuildMedia(consultation);
      }, OWED_MEDIA_RETRY_MS);
      return;
    }
    const consultationId = this.#state.consultation?.consultationId;
    if (consultationId) void this.#leave(consultationId);
    this.#wipe(error);
  }

  /**
   * The server restarted and kept the resident's place in the queue, or their running call, but
   * every transport of the old process is gone: media starts over on the new server (which
   * recreates the hub) while the resident keeps waiting, or stays in the call.
   */
  async #rebuildMedia(consultation: ConsultationView): Promise<void> {
    const connection = this.#connection;
    if (!connection) return;
    this.#isMediaOwed = false;
    clearTimeout(this.#owedMediaTimer);
    const attempt = {};
    this.#attempt = attempt;
    // Captures asked of the old server died with it, and so did the call's chat and documents.
    this.#captures.reset();
    this.#closeCallExtras();
    this.#update({ consultation });
    if (consultation.status === 'active') this.#openChat(consultation);
    else this.#transition({ type: 'requeued' });
    const call = this.#call ?? this.#openCall(connection);
    try {
      await call.rebuild();
    } catch (error) {
      this.#failCall(attempt, error);
    }
  }

  /** Closes the socket and the booth's devices (settings screen, disposal). */
  #stop(): void {
    this.#generation++;
    clearTimeout(this.#retryTimer);
    this.#wipe(null, false);
    this.#clearCallReset();
    for (const unsubscribe of this.#unsubscribers) unsubscribe();
    this.#unsubscribers = [];
    this.#connection?.signalling.close();
    this.#connection = null;
    this.#deviceMonitor.close();
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
    // The server learns this kiosk's devices again (it may have restarted, or missed the report).
    if (this.#state.devices) void this.#reportDevices(this.#state.devices);
    if (this.#isReattaching) {
      this.#isReattaching = false;
      // A new session still has the call when the server restarted meanwhile and kept it (queued,
      // or running: restored from its log), as a running kiosk's rebuild below expects.
      if (isOngoing(fact.consultation)) void this.#reattach(fact.consultation);
      else this.#wipe();
      return;
    }
    const current = this.#state.consultation;
    const isInCall = this.#state.screen === 'waiting' || this.#state.screen === 'in-call';
    const isSameCall = current !== null && fact.consultation?.consultationId === current.consultationId;
    if (!current && !this.#attempt && isOngoing(fact.consultation)) {
      // The server still holds a call for this kiosk whose resident is gone (wiped while it was
      // away): it is given up, so no clerk is put through to an empty booth.
      void this.#leave(fact.consultation.consultationId);
      return;
    }
    if (fact.isResumed) {
      // The transports survived a brief drop; only the call's state may have moved on.
      if (!current) return;
      if (isSameCall && this.#isMediaOwed && isOngoing(fact.consultation)) {
        void this.#rebuildMedia(fact.consultation);
        return;
      }
      if (isSameCall && fact.consultation) this.#onConsultation(fact.consultation);
      else if (this.#state.screen === 'in-call') this.#endCall(current);
      else this.#wipe();
      return;
    }
    // A new session: the server restarted (or forgot this kiosk) and every old transport is dead;
    // a call it still has (queued, or running and restored) goes on on new media.
    if (isSameCall && isOngoing(fact.consultation)) {
      void this.#rebuildMedia(fact.consultation);
    } else if (current || (isInCall && this.#attempt)) {
      this.#wipe();
      this.#showCallReset();
    }
  }

  /**
   * The page was reloaded while a resident had a consultation, and the server re-attached this page
   * to their session: their screen comes back (waiting or in the call) and media starts anew, the
   * server replacing the transports the old page left behind.
   */
  async #reattach(consultation: ConsultationView): Promise<void> {
    const connection = this.#connection;
    if (!connection) return;
    const attempt = {};
    this.#attempt = attempt;
    this.#update({
      consultation,
      selectedProcedureId: consultation.procedureId,
      language: consultation.language,
    });
    this.#transition({ type: 'reattached', status: consultation.status });
    if (this.#state.screen !== 'waiting' && this.#state.screen !== 'in-call') {
      // Not a screen a call can come back to (out of service, say): the call is let go, not left hanging.
      this.#wipe();
      await this.#leave(consultation.consultationId);
      return;
    }
    if (consultation.status === 'active') this.#openChat(consultation);
    const call = this.#openCall(connection);
    try {
      await this.#devicesOpening;
      if (this.#attempt !== attempt) return;
      await call.start();
    } catch (error) {
      this.#failCall(attempt, error);
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
      if (consultation.endReason === 'media-failure') this.#endWithMediaFailure();
      else if (this.#state.screen === 'in-call') this.#endCall(consultation);
      else this.#wipe();
      return;
    }
    if (current) this.#noticeClerkChange(current, consultation);
    this.#update({ consultation });
    const pending = this.#pendingQueue;
    this.#pendingQueue = null;
    if (pending) this.#onQueueUpdated(pending);
    if (consultation.status === 'active') this.#openChat(consultation);
    this.#transition({ type: 'consultation-changed', status: consultation.status });
  }

  /** A transfer answered: the resident is told for a while who serves them now. */
  #noticeClerkChange(before: ConsultationView, after: ConsultationView): void {
    const clerkChangedTo = clerksTakingOver(before, after);
    if (!clerkChangedTo) return;
    clearTimeout(this.#clerkNoticeTimer);
    this.#update({ clerkChangedTo });
    this.#clerkNoticeTimer = setTimeout(() => this.#hideClerkNotice(), CLERK_CHANGED_NOTICE_MS);
  }

  #hideClerkNotice(): void {
    clearTimeout(this.#clerkNoticeTimer);
    if (this.#state.clerkChangedTo) this.#update({ clerkChangedTo: null });
  }

  #openChat(consultation: ConsultationView): void {
    if (this.#chat?.consultationId === consultation.consultationId) return;
    this.#chat?.close();
    const chat: ChatLog = new ChatLog({
      consultationId: consultation.consultationId,
      self: 'resident',
      selfName: null,
      send: (text) => {
        const signalling = this.#connection?.signalling;
        if (!signalling) return Promise.reject(new SignallingError('TIMEOUT', 'not connected'));
        return signalling.request('chat:send', { consultationId: consultation.consultationId, text });
      },
      onChange: (state) => {
        if (this.#chat === chat) this.#update({ chat: state });
      },
    });
    this.#chat = chat;
    this.#update({ chat: chat.state });
  }

  /**
   * An answered call is over: the call's media, chat and documents go at once, and the resident is
   * asked for the survey (the consultation's id is all that stays, for the answer).
   */
  #endCall(consultation: ConsultationView): void {
    this.#closeCall();
    this.#survey.begin(consultation.consultationId);
    this.#transition({ type: 'call-ended' });
  }

  /**
   * The call's media could not be recovered: a call that broke is not surveyed. The resident is
   * told in words that they can call again, then the kiosk wipes as after the thank-you screen.
   */
  #endWithMediaFailure(): void {
    this.#closeCall();
    this.#transition({ type: 'media-failed' });
    this.#wipeLater('call-failed', CALL_FAILED_SCREEN_MS);
  }

  /** Everything of a call that is over; the resident stays for what comes after it. */
  #closeCall(): void {
    this.#attempt = null;
    this.#pendingQueue = null;
    this.#captures.close();
    this.#closeCallMedia();
    this.#hideClerkNotice();
    this.#update({ consultation: null, queue: null });
  }

  #finishSurvey(): void {
    this.#transition({ type: 'survey-done' });
    this.#wipeLater('thanks', THANKS_SCREEN_MS);
  }

  /** Wipes the kiosk after a while, unless the resident has left this screen meanwhile. */
  #wipeLater(screen: Screen, delayMs: number): void {
    clearTimeout(this.#wipeTimer);
    this.#wipeTimer = setTimeout(() => {
      if (this.#state.screen === screen) this.#wipe();
    }, delayMs);
  }

  #onDocumentShown(fact: FactPayload<'document:shown'>): void {
    const isEnrolled = Boolean(this.#state.settings?.enrollment);
    const isThisCall = this.#state.consultation?.consultationId === fact.consultationId;
    if (this.#attempt && isEnrolled && isThisCall) void this.#documents.show(fact);
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

  #onCaptureRequested(fact: FactPayload<'capture:requested'>): void {
    if (
      !this.#attempt ||
      !this.#connection ||
      this.#state.consultation?.consultationId !== fact.consultationId
    ) {
      return;
    }
    this.#captures.request(fact);
  }

  /** `PUT /api/captures/<id>` with the booth's credential (the resident has none). */
  async #upload(captureId: CaptureId, image: Blob): Promise<void> {
    await this.#http.putBlob(`/api/captures/${captureId}`, captureUploadResponseSchema, image, {
      authorization: this.#kioskAuthorization(),
    });
  }

  /** The booth's own credential, for the few HTTPS requests a kiosk makes during a call. */
  #kioskAuthorization(): string {
    const credential = this.#state.settings?.enrollment?.credential;
    if (!credential) throw new Error('this kiosk is not enrolled');
    return `${kioskAuthorizationScheme} ${credential}`;
  }

  /** Everything the call carried: its media (with every track received), the chat, a pushed document. */
  #closeCallMedia(): void {
    this.#call?.close();
    this.#call = null;
    this.#closeCallExtras();
    this.#update(emptyCallMediaView);
  }

  /** What a call carries besides its media: the chat and a pushed document. */
  #closeCallExtras(): void {
    this.#chat?.close();
    this.#chat = null;
    this.#documents.drop();
    this.#update({ chat: emptyChatState });
  }

  /**
   * Forgets the current resident and leaves no trace of them: the call's media, chat and images,
   * the survey, their language and display modes, and anything a page put in the browser's storage
   * (the kiosk's own settings stay). The booth's devices stay open for the next resident and are
   * checked again (`isRecheck`; not when the kiosk is stopping).
   */
  #wipe(error: unknown = null, isRecheck = true): void {
    this.#attempt = null;
    this.#pendingQueue = null;
    this.#isMediaOwed = false;
    clearTimeout(this.#owedMediaTimer);
    clearTimeout(this.#clerkNoticeTimer);
    clearTimeout(this.#wipeTimer);
    this.#help.dismiss();
    this.#survey.clear();
    this.#captures.close();
    this.#closeCallMedia();
    this.#clearResidentStorage();
    this.#update({
      clerkChangedTo: null,
      consultation: null,
      queue: null,
      nextOpeningAt: null,
      selectedProcedureId: null,
      language: 'ja',
      display: initialKioskState.display,
      error,
    });
    this.#transition({ type: 'wiped' });
    if (isRecheck && this.#state.screen === 'attract') void this.#checkDevices();
  }

  #clearResidentStorage(): void {
    const { storage, sessionStorage } = this.#deps;
    const keys: string[] = [];
    for (let index = 0; index < storage.length; index++) {
      const key = storage.key(index);
      if (key !== null && key !== SETTINGS_KEY) keys.push(key);
    }
    for (const key of keys) storage.removeItem(key);
    sessionStorage.clear();
  }

  #transition(event: ScreenEvent): void {
    const screen = nextScreen(this.#state.screen, event);
    if (screen !== this.#state.screen) this.#update({ screen });
  }

  #update(patch: Partial<KioskState>): void {
    this.#store.update(patch);
  }

  #settle(before: KioskState, patched: KioskState): KioskState {
    let next = patched;
    // Timers that follow the screen: the idle countdown on a resident's own steps, the quality
    // measurement in a call.
    const isNewScreen = !isIdleWatched(before) || before.screen !== next.screen;
    if (this.#idle.follow(isIdleWatched(next), isNewScreen) && next.idleWarningUntil !== null) {
      next = { ...next, idleWarningUntil: null };
    }
    if (before.screen !== next.screen) {
      if (next.screen === 'in-call') this.#quality.start();
      else if (before.screen === 'in-call') {
        this.#quality.stop();
        next = { ...next, connectionQuality: null };
      }
    }
    return next;
  }
}
