import type { ConsultationView, KioskDevices, Language, ProcedureId } from '@madoguchi/shared';
import type { ChatState, ConnectionQuality, RemoteTrack } from '@madoguchi/shared/client';
import { emptyChatState } from '@madoguchi/shared/client';
import type { QueueStatus } from '../features/call/queue-status.ts';
import type { CaptureNotice } from '../features/capture/capture-flow.ts';
import type { ShownDocument } from '../features/documents/document-inbox.ts';
import type { HelpState } from '../features/shell/help-request.ts';
import type { SignatureView } from '../features/signature/signature-session.ts';
import type { EnrollmentProblem } from '../features/settings/enrollment.ts';
import type { KioskSettings } from '../features/settings/settings.ts';
import type { DisplayModes } from '../features/shell/display-modes.ts';
import type { SurveyState } from '../features/survey/survey.ts';
import type { LocalMedia } from '../lib/media-devices.ts';
import type { Screen } from './screens.ts';

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
  /** For a moment after another clerk took over the call: who serves the resident now. */
  clerkChangedTo: readonly string[] | null;
  /** The last device check (null before the first). */
  devices: KioskDevices | null;
  /** False while a device is not ok or the server says the kiosk is out of service. */
  isInService: boolean;
  display: DisplayModes;
  /** When the idle warning wipes the kiosk (ms since the epoch); null while no warning shows. */
  idleWarningUntil: number | null;
  help: HelpState | null;
  chat: ChatState;
  document: ShownDocument | null;
  /** How well the call's media arrives; null before the first measurement. */
  connectionQuality: ConnectionQuality | null;
  /** A media transport lost its connection, or the media session is getting its media back. */
  isMediaInterrupted: boolean;
  /** The survey after an answered call. */
  survey: SurveyState | null;
}

export const initialKioskState: KioskState = {
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
  clerkChangedTo: null,
  devices: null,
  isInService: true,
  display: { isLargeText: false, isHighContrast: false },
  idleWarningUntil: null,
  help: null,
  chat: emptyChatState,
  document: null,
  connectionQuality: null,
  isMediaInterrupted: false,
  survey: null,
};

/** How the store settles a patched state before it is published; see `KioskStoreOptions.settle`. */
export type SettleState = (before: KioskState, next: KioskState) => KioskState;

export interface KioskStoreOptions {
  /**
   * Called with the state before and after each patch, before anyone sees it; returns the state to
   * publish. The controller keeps the timers that follow the screen here (the idle countdown, the
   * quality measurement), so a screen can never change without them.
   */
  settle?: SettleState;
}

/**
 * The kiosk's one state, as immutable snapshots for the screens (`subscribe`/`getSnapshot` fit
 * React's `useSyncExternalStore`). Only the controller and the flows it wires call `update`.
 */
export class KioskStore {
  readonly #listeners = new Set<() => void>();
  readonly #settle: SettleState;
  #state: KioskState = initialKioskState;

  constructor(options: KioskStoreOptions = {}) {
    this.#settle = options.settle ?? ((_before, next) => next);
  }

  get state(): KioskState {
    return this.#state;
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  readonly getSnapshot = (): KioskState => this.#state;

  update(patch: Partial<KioskState>): void {
    const before = this.#state;
    this.#state = this.#settle(before, { ...before, ...patch });
    // A copy: a listener that unsubscribes (or subscribes) while being told must not skip another.
    for (const listener of [...this.#listeners]) listener();
  }
}
