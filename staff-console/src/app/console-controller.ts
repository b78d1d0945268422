import type { SignedInStaff } from '../features/login/signed-in-staff.ts';
import type { Offer } from '../features/offer/offer.ts';
import type { Invitation } from '../features/team/invitation.ts';
import {
  loginResponseSchema,
  staffIdSchema,
  staffSessionSchema,
  type CaptureId,
  type CommandName,
  type CommandRequest,
  type CommandResponse,
  type ConsultationId,
  type KpiGroupBy,
  type ConsultationOutcome,
  type DocumentId,
  type ConsultationView,
  type FactPayload,
  type HandshakeAuth,
  type KioskId,
  type ProcedureId,
  type TaskId,
  type QueueSnapshotView,
  type StaffId,
  type StaffRole,
  type StaffSessionView,
  type StaffStatus,
} from '@madoguchi/shared';
import type { ChatState, Fetch, MediaSessionEvents, SignallingClient } from '@madoguchi/shared/client';
import {
  ChatLog,
  emptyChatState,
  HttpClient,
  HttpError,
  logoutEverywhereResponseSchema,
  logoutResponseSchema,
  SignallingError,
} from '@madoguchi/shared/client';
import { CaptureDesk, type CaptureState } from '../features/captures/capture-desk.ts';
import { DocumentDesk, type DocumentDeskState } from '../features/documents/document-desk.ts';
import {
  AdminDesk,
  type AccountAction,
  type AdminState,
  type NewStaffInput,
  type NewStaffResult,
} from '../features/admin/admin-desk.ts';
import { CatalogDesk, type CatalogState } from '../features/admin/catalog-desk.ts';
import { callEndNoticeOf, type CallEndNotice } from '../features/call/call-end.ts';
import { DeskMedia, type DeskMediaSession, type DeskMediaState } from '../features/call/desk-media.ts';
import type { CatalogDraft } from '../features/admin/catalog-draft.ts';
import { loginProblemOf, type LoginProblem } from '../features/login/login-problem.ts';
import {
  PasswordDesk,
  type PasswordChangeInput,
  type PasswordState,
} from '../features/login/password-change.ts';
import type { ClerkProfile } from '../features/profile/clerk-skills.ts';
import { SecondFactorDesk, type SecondFactorState } from '../features/profile/second-factor-desk.ts';
import { OnsiteDesk, type OnsiteState } from '../features/onsite/onsite-desk.ts';
import { ReportDesk, type ReportState, type ReportView } from '../features/reports/report-desk.ts';
import type { Period, PeriodPreset } from '../features/reports/report-format.ts';
import { MonitorDesk, type MonitorState } from '../features/supervisor/monitor-desk.ts';
import { TeamDesk, type TeamState } from '../features/team/team-desk.ts';
import {
  WrapUpDesk,
  wrapUpLimits,
  type WrapUpState,
  type WrapUpTaskDraft,
} from '../features/wrap-up/wrap-up-desk.ts';
import { CurrentSlot } from '../lib/current-slot.ts';
import type { OpenedMedia } from '../lib/media-devices.ts';
import { ResumeTokenStore, type ResumeStorage } from './resume-token-store.ts';
import { currentScreen, type Screen } from './screens.ts';

export type ConsoleSignalling = Pick<
  SignallingClient,
  'connect' | 'close' | 'on' | 'onConnectionChange' | 'onRefused' | 'request'
>;
export type ConsoleMedia = DeskMediaSession;

export interface ConsoleConnection {
  signalling: ConsoleSignalling;
  createMediaSession(events: MediaSessionEvents): ConsoleMedia;
}

/** What the controller needs from the outside world; tests replace all of it. */
export interface ConsoleDependencies {
  /** The socket; the browser sends the session cookie with its handshake, so it carries no identity. */
  connect(auth: Extract<HandshakeAuth, { role: 'staff' }>): ConsoleConnection;
  /** Same-origin HTTPS for login, logout and administration (the cookie goes along by itself). */
  fetch: Fetch;
  openMedia(): Promise<OpenedMedia>;
  /** This machine's clock; the supervisor view measures how far it is from the server's. */
  now(): number;
  /** On-site staff: a short sound when a kiosk asks for help. */
  chime(): void;
  /** URL.createObjectURL / revokeObjectURL, for captured images held in memory during a call. */
  objectUrls: { create(blob: Blob): string; revoke(url: string): void };
  /** The tab's sessionStorage: the socket's resume token survives a reload there, and only there. */
  sessionStorage: ResumeStorage;
}

export type StatusRequest = CommandRequest<'staff:set-status'>;
/** Call notes are the wrap-up's notes in the making, so they share its limit. */
export const CALL_NOTES_MAX = wrapUpLimits.maxNotes;

/**
 * What an administrator looks at: identities, the catalogue (service settings), the audit log, the
 * queues as a supervisor sees them, or the figures.
 */
export type AdminView = 'identities' | 'catalog' | 'audit' | 'queues' | ReportView;
/** What a supervisor looks at: the live queues, or the figures. */
export type SupervisorView = 'queues' | ReportView;

const reportViewOf = (view: AdminView | SupervisorView): ReportView | null =>
  view === 'dashboard' || view === 'national' ? view : null;

/** Administrators get no pushed snapshots (those go to supervisors), so their queue view asks. */
export const ADMIN_SNAPSHOT_INTERVAL_MS = 5_000;

export interface ConsoleState {
  screen: Screen;
  /** False until the page has asked whether its session cookie is still live. */
  isSessionChecked: boolean;
  staff: SignedInStaff | null;
  /** True while a login is on its way, so a second press cannot send another. */
  isSigningIn: boolean;
  /** What the login form says: a refused login, or why the console came back to it. */
  loginProblem: LoginProblem | null;
  /** The password was right and the account has a second factor: the code is asked next. */
  loginChallenge: { challenge: string; expiresAt: string } | null;
  /** The password was reset: the console offers nothing but changing it. */
  isPasswordChangeRequired: boolean;
  /** Anyone signed in: changing their own password. */
  password: PasswordState | null;
  /** Administrators and supervisors: their authenticator app's enrolment. */
  secondFactor: SecondFactorState | null;
  /** The account panel (password, second factor) is open over the desk. */
  isAccountOpen: boolean;
  isReady: boolean;
  isConnected: boolean;
  staffStatus: StaffStatus | null;
  /** Why the clerk is away, as the server words it (an away reason, or free text). */
  statusReason: string | null;
  /** When wrap-up ends by itself. */
  statusUntil: string | null;
  offer: Offer | null;
  /** True while an accept is on its way, so a second tap cannot send another. */
  isAnswering: boolean;
  consultation: ConsultationView | null;
  /** Clerks: the desk's media session, their devices and the call's remote tracks. */
  deskMedia: DeskMediaState | null;
  /** Clerks: the last call ended because its media could not be recovered (until the next call). */
  callEndNotice: CallEndNotice | null;
  /** Supervisors and administrators: the latest picture of queues and clerks. */
  queueSnapshot: QueueSnapshotView | null;
  /** Server clock minus this machine's, measured at the last snapshot, so waits tick in server time. */
  clockOffsetMs: number;
  /** Administrators only: which view is open, and the identities they manage. */
  adminView: AdminView;
  admin: AdminState | null;
  /** Administrators only: the catalogue being edited, loaded when its view first opens. */
  catalog: CatalogState | null;
  supervisorView: SupervisorView;
  /** Supervisors and administrators: the KPI dashboard and the national report. */
  reports: ReportState | null;
  /** True while a logout is on its way. */
  isSigningOut: boolean;
  /** Clerks in a call: the stills and the signature asked of the kiosk. */
  captures: CaptureState | null;
  /** Clerks in a call: the text chat with the resident. */
  chat: ChatState;
  /** Clerks in a call: the documents shown on the resident's screen. */
  documents: DocumentDeskState | null;
  /** Clerks in a call: colleagues to invite, the invitation sent, the transfer, leaving. */
  team: TeamState | null;
  /** Clerks: a colleague's invitation to join their call, until joined or declined. */
  invitation: Invitation | null;
  /** True while a join is on its way. */
  isJoining: boolean;
  /** Clerks after a call: the outcome, notes and tasks still to record (until submitted or skipped). */
  wrapUp: WrapUpState | null;
  /** Clerks: their skills and spoken languages, from the last `session:ready`. */
  clerkProfile: ClerkProfile | null;
  /**
   * Clerks in a call: whether their own microphone and camera reach the resident. Off mutes the
   * published track (silence, black frames); every call starts with both on.
   */
  isMicrophoneOn: boolean;
  isCameraOn: boolean;
  /** Clerks in a call: notes taken during it, handed to the wrap-up when it ends. */
  callNotes: string;
  /** On-site staff: their booth's kiosks, help requests and tasks. */
  onsite: OnsiteState | null;
  /** Supervisors: the call being monitored and what it carries. */
  monitor: MonitorState | null;
  /** The last failure to show, as thrown; screens turn it into a translated message. */
  error: unknown;
}

const signedOut: ConsoleState = {
  screen: 'login',
  isSessionChecked: true,
  staff: null,
  isSigningIn: false,
  loginProblem: null,
  loginChallenge: null,
  isPasswordChangeRequired: false,
  password: null,
  secondFactor: null,
  isAccountOpen: false,
  isReady: false,
  isConnected: false,
  staffStatus: null,
  statusReason: null,
  statusUntil: null,
  offer: null,
  isAnswering: false,
  consultation: null,
  deskMedia: null,
  callEndNotice: null,
  queueSnapshot: null,
  clockOffsetMs: 0,
  adminView: 'identities',
  admin: null,
  catalog: null,
  supervisorView: 'queues',
  reports: null,
  isSigningOut: false,
  captures: null,
  chat: emptyChatState,
  documents: null,
  team: null,
  invitation: null,
  isJoining: false,
  wrapUp: null,
  clerkProfile: null,
  isMicrophoneOn: true,
  isCameraOn: true,
  callNotes: '',
  onsite: null,
  monitor: null,
  error: null,
};

const isRefusal = (error: unknown, code: string) =>
  (error instanceof HttpError || error instanceof SignallingError) && error.code === code;

/**
 * The console as a plain object outside React. It owns the login session (its CSRF token lives
 * here, in memory only; the socket's resume token in the tab's session storage), the socket, and
 * the desks of the signed-in role, routing the server's facts to them. A clerk's media (devices and
 * the one media session that lives across calls) is the desk media flow's.
 */
export class ConsoleController {
  readonly #deps: ConsoleDependencies;
  readonly #http: HttpClient;
  readonly #listeners = new Set<() => void>();
  #state: ConsoleState = { ...signedOut, screen: 'starting', isSessionChecked: false };
  #csrfToken: string | null = null;
  #connection: ConsoleConnection | null = null;
  #unsubscribers: (() => void)[] = [];
  readonly #deskMedia = new CurrentSlot<DeskMedia>();
  readonly #resumeTokens: ResumeTokenStore;
  readonly #adminDesk = new CurrentSlot<AdminDesk>();
  readonly #catalogDesk = new CurrentSlot<CatalogDesk>();
  readonly #reportDesk = new CurrentSlot<ReportDesk>();
  #snapshotTimer: ReturnType<typeof setInterval> | undefined;
  readonly #captureDesk = new CurrentSlot<CaptureDesk>();
  readonly #documentDesk = new CurrentSlot<DocumentDesk>();
  readonly #chat = new CurrentSlot<ChatLog>();
  readonly #teamDesk = new CurrentSlot<TeamDesk>();
  readonly #wrapUpDesk = new CurrentSlot<WrapUpDesk>();
  readonly #onsiteDesk = new CurrentSlot<OnsiteDesk>();
  readonly #monitorDesk = new CurrentSlot<MonitorDesk>();
  readonly #passwordDesk = new CurrentSlot<PasswordDesk>();
  readonly #secondFactorDesk = new CurrentSlot<SecondFactorDesk>();

  constructor(deps: ConsoleDependencies) {
    this.#deps = deps;
    this.#http = new HttpClient(deps.fetch);
    this.#resumeTokens = new ResumeTokenStore(deps.sessionStorage);
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  readonly getSnapshot = (): ConsoleState => this.#state;

  /** At page load: a live session cookie goes straight in, without the login form. */
  async init(): Promise<void> {
    if (this.#state.isSessionChecked) return;
    try {
      const session = await this.#http.get('/api/auth/session', staffSessionSchema);
      if (!this.#state.staff) this.#begin(session);
    } catch (error) {
      // No live session is the ordinary case; anything else is worth saying on the login form.
      this.#update({ isSessionChecked: true, ...(isRefusal(error, 'UNAUTHENTICATED') ? {} : { error }) });
    }
  }

  async logIn(staffId: string, password: string): Promise<void> {
    if (this.#state.staff || this.#state.isSigningIn) return;
    const id = staffIdSchema.safeParse(staffId.trim());
    if (!id.success) return this.#update({ loginProblem: { kind: 'invalid-staff-id' }, error: null });
    if (password === '') return this.#update({ loginProblem: { kind: 'missing-password' }, error: null });
    this.#update({ isSigningIn: true, loginProblem: null, error: null });
    try {
      const answer = await this.#http.post('/api/auth/login', loginResponseSchema, {
        body: { staffId: id.data, password },
      });
      if ('isSecondFactorRequired' in answer) {
        const { challenge, expiresAt } = answer;
        return this.#update({ isSigningIn: false, loginChallenge: { challenge, expiresAt } });
      }
      this.#update({ isSigningIn: false });
      this.#begin(answer);
    } catch (error) {
      const loginProblem = loginProblemOf(error);
      this.#update({ isSigningIn: false, loginProblem, error: loginProblem ? null : error });
    }
  }

  /** The second step of a login: the authenticator app's code, or a recovery code. */
  async submitSecondFactor(code: string): Promise<void> {
    const { loginChallenge, isSigningIn } = this.#state;
    if (!loginChallenge || isSigningIn || this.#state.staff) return;
    if (code.trim() === '') return this.#update({ loginProblem: { kind: 'wrong-code' }, error: null });
    this.#update({ isSigningIn: true, loginProblem: null, error: null });
    try {
      const session = await this.#http.post('/api/auth/login/second-factor', staffSessionSchema, {
        body: { challenge: loginChallenge.challenge, code: code.trim() },
      });
      this.#update({ isSigningIn: false, loginChallenge: null });
      this.#begin(session);
    } catch (error) {
      if (isRefusal(error, 'UNAUTHENTICATED'))
        return this.#update({
          isSigningIn: false,
          loginChallenge: null,
          loginProblem: { kind: 'code-expired' },
        });
      const loginProblem = loginProblemOf(error);
      // A lock asks for the password again, once it is over.
      const isLocked = loginProblem?.kind === 'locked';
      this.#update({
        isSigningIn: false,
        loginProblem,
        error: loginProblem ? null : error,
        ...(isLocked ? { loginChallenge: null } : {}),
      });
    }
  }

  /** Back from the code step to the password. */
  cancelSecondFactor(): void {
    this.#update({ loginChallenge: null, loginProblem: null });
  }

  /** Opens or closes the account panel (own password, second factor). */
  toggleAccount(): void {
    if (!this.#state.staff || this.#state.isPasswordChangeRequired) return;
    this.#passwordDesk.current?.dismiss();
    this.#secondFactorDesk.current?.dismiss();
    this.#update({ isAccountOpen: !this.#state.isAccountOpen });
  }

  changePassword(input: PasswordChangeInput): Promise<void> {
    return this.#passwordDesk.current?.change(input) ?? Promise.resolve();
  }

  beginSecondFactor(): Promise<void> {
    return this.#secondFactorDesk.current?.begin() ?? Promise.resolve();
  }

  confirmSecondFactor(code: string): Promise<void> {
    return this.#secondFactorDesk.current?.confirm(code) ?? Promise.resolve();
  }

  closeSecondFactor(): void {
    this.#secondFactorDesk.current?.dismiss();
  }

  /** Ends this browser's session; a call in progress is hung up first, so the resident is not left waiting. */
  logOut(): Promise<void> {
    return this.#logOut('/api/auth/logout', logoutResponseSchema);
  }

  /** Ends every session of this account (the server cuts their sockets too), this one included. */
  logOutEverywhere(): Promise<void> {
    return this.#logOut('/api/auth/logout-everywhere', logoutEverywhereResponseSchema);
  }

  showAdminView(adminView: AdminView): void {
    if (this.#state.staff?.role !== 'admin') return;
    this.#update({ adminView });
    this.#syncSnapshotPolling();
    void this.#reportDesk.current?.open(reportViewOf(adminView));
    if (adminView === 'audit') void this.loadAudit();
    if (adminView === 'catalog' && !this.#catalogDesk.current?.state.base) void this.loadCatalog();
  }

  showSupervisorView(supervisorView: SupervisorView): void {
    if (this.#state.staff?.role !== 'supervisor') return;
    this.#update({ supervisorView });
    void this.#reportDesk.current?.open(reportViewOf(supervisorView));
  }

  /** The reports' period, `to` exclusive (Tokyo days). */
  setReportPeriod(period: Period): Promise<void> {
    return this.#reportDesk.current?.setPeriod(period) ?? Promise.resolve();
  }

  applyReportPreset(preset: PeriodPreset): Promise<void> {
    return this.#reportDesk.current?.applyPreset(preset) ?? Promise.resolve();
  }

  setReportGroupBy(groupBy: KpiGroupBy): Promise<void> {
    return this.#reportDesk.current?.setGroupBy(groupBy) ?? Promise.resolve();
  }

  setReportDemo(isDemo: boolean): Promise<void> {
    return this.#reportDesk.current?.setDemo(isDemo) ?? Promise.resolve();
  }

  setReportBaseline(baseline: Period): Promise<void> {
    return this.#reportDesk.current?.setBaseline(baseline) ?? Promise.resolve();
  }

  loadAdmin(): Promise<void> {
    return this.#adminDesk.current?.load() ?? Promise.resolve();
  }

  /** The latest audit entries, again (the server records this read too). */
  loadAudit(): Promise<void> {
    return this.#adminDesk.current?.loadAudit() ?? Promise.resolve();
  }

  createStaff(input: NewStaffInput): Promise<NewStaffResult> {
    return this.#adminDesk.current?.createStaff(input) ?? Promise.resolve({ ok: false, problem: 'rejected' });
  }

  createEnrollmentCode(kioskId: KioskId): Promise<void> {
    return this.#adminDesk.current?.createEnrollmentCode(kioskId) ?? Promise.resolve();
  }

  revokeKiosk(kioskId: KioskId): Promise<void> {
    return this.#adminDesk.current?.revokeKiosk(kioskId) ?? Promise.resolve();
  }

  dismissEnrollmentCode(): void {
    this.#adminDesk.current?.dismissEnrollmentCode();
  }

  changeAccount(staffId: string, action: Exclude<AccountAction, 'role'>): Promise<void> {
    return this.#adminDesk.current?.changeAccount(staffId, action) ?? Promise.resolve();
  }

  changeRole(staffId: string, role: StaffRole): Promise<void> {
    return this.#adminDesk.current?.changeRole(staffId, role, null) ?? Promise.resolve();
  }

  dismissTemporaryPassword(): void {
    this.#adminDesk.current?.dismissTemporaryPassword();
  }

  /** The catalogue in force and its history, again; unsaved edits are replaced. */
  loadCatalog(): Promise<void> {
    return this.#catalogDesk.current?.load() ?? Promise.resolve();
  }

  editCatalog(change: (draft: CatalogDraft) => void): void {
    this.#catalogDesk.current?.edit(change);
  }

  discardCatalogChanges(): void {
    this.#catalogDesk.current?.discard();
  }

  /** Saves the whole catalogue; the kiosks, hours and routing follow at once. */
  async saveCatalog(): Promise<void> {
    await this.#catalogDesk.current?.save();
    // Kiosk names and booths may have changed; the identities view lists them.
    if (this.#catalogDesk.current?.state.savedRevision != null) void this.loadAdmin();
  }

  /** Connects the socket for the session's account and opens the screen of its role. */
  #begin(session: StaffSessionView): void {
    if (this.#connection) return;
    const { staffId, displayName, role } = session;
    this.#csrfToken = session.csrfToken;
    this.#openAccountDesks(session);
    if (session.mustChangePassword) {
      // The server refuses the socket and everything else until the password is changed.
      return this.#update({
        isSessionChecked: true,
        staff: { staffId, displayName, role },
        isPasswordChangeRequired: true,
        loginChallenge: null,
        loginProblem: null,
        error: null,
      });
    }
    // A reloaded page presents the token of its session, to get the same session (and call) back.
    const resumeToken = this.#resumeTokens.read(staffId);
    const connection = this.#deps.connect({ role: 'staff', ...(resumeToken ? { resumeToken } : {}) });
    const { signalling } = connection;
    this.#connection = connection;
    this.#unsubscribers = [
      signalling.onConnectionChange((isConnected) => this.#update({ isConnected })),
      signalling.onRefused((error) => {
        // Refused at the handshake, or cut off and refused again: the session ended elsewhere
        // (logout everywhere, a disabled account) or this account may not connect.
        if (this.#connection !== connection) return;
        this.#endSession(
          error.code === 'UNAUTHENTICATED' ? { loginProblem: { kind: 'session-ended' } } : { error },
        );
      }),
      signalling.on('session:ready', (fact) => this.#onSessionReady(fact)),
      signalling.on('staff:status-changed', ({ status, reason, until }) => {
        // An invitee is away while invited; any other status means the invitation is over
        // (declined, or the call ended before they joined).
        const isInvitationOver = this.#state.invitation !== null && status !== 'away';
        this.#update({
          staffStatus: status,
          statusReason: reason,
          statusUntil: until,
          ...(isInvitationOver ? { invitation: null } : {}),
        });
      }),
      signalling.on('call:invited', (invitation) => this.#onInvited(invitation)),
      signalling.on('call:invite-declined', (fact) => this.#teamDesk.current?.onInviteDeclined(fact)),
      signalling.on('call:offered', (offer) => this.#update({ offer })),
      signalling.on('call:offer-withdrawn', ({ consultationId }) => {
        if (this.#state.offer?.consultationId === consultationId) this.#update({ offer: null });
      }),
      signalling.on('consultation:updated', ({ consultation }) => this.#onConsultation(consultation)),
      signalling.on('queue:snapshot', (snapshot) => this.#onQueueSnapshot(snapshot)),
      signalling.on('capture:stored', (fact) => this.#captureDesk.current?.onStored(fact)),
      signalling.on('signature:updated', (fact) => this.#captureDesk.current?.onSignatureUpdated(fact)),
      signalling.on('signature:submitted', (fact) => this.#captureDesk.current?.onSignatureSubmitted(fact)),
      signalling.on('chat:message', (fact) => this.#chat.current?.receive(fact)),
      signalling.on('booth:updated', (board) => this.#onsiteDesk.current?.onBoard(board)),
      signalling.on('task:updated', ({ task }) => this.#onsiteDesk.current?.onTask(task)),
      signalling.on('help:requested', (fact) => this.#onsiteDesk.current?.onHelp(fact)),
    ];
    this.#update({
      isSessionChecked: true,
      staff: { staffId, displayName, role },
      loginProblem: null,
      error: null,
    });
    if (role === 'admin') {
      const desk = this.#adminDesk.open(
        (live) =>
          new AdminDesk({
            http: this.#http,
            csrfToken: session.csrfToken,
            onChange: live((admin) => this.#update({ admin })),
            onError: live((error) => this.#onHttpError(error)),
          }),
      );
      this.#update({ admin: desk.state });
      void desk.load();
      const catalogDesk = this.#catalogDesk.open(
        (live) =>
          new CatalogDesk({
            http: this.#http,
            csrfToken: session.csrfToken,
            onChange: live((catalog) => this.#update({ catalog })),
            onError: live((error) => this.#onHttpError(error)),
          }),
      );
      this.#update({ catalog: catalogDesk.state });
    }
    if (role === 'admin' || role === 'supervisor') this.#openReportDesk();
    if (role === 'onsite') this.#openOnsiteDesk(connection);
    if (role === 'supervisor') this.#openMonitorDesk(connection);
    if (role === 'clerk') this.#openDeskMedia(connection);
    signalling.connect();
  }

  /** Changing one's password, and for administrators and supervisors the second factor. */
  #openAccountDesks(session: StaffSessionView): void {
    const password = this.#passwordDesk.open(
      (live) =>
        new PasswordDesk({
          http: this.#http,
          csrfToken: session.csrfToken,
          onChange: live((password) => this.#update({ password })),
          onChanged: live(() => {
            if (!this.#state.isPasswordChangeRequired) return;
            // The reset password is gone: the desk of the account's role opens as at any login.
            this.#update({ isPasswordChangeRequired: false });
            this.#begin({ ...session, mustChangePassword: false });
          }),
          onError: live((error) => this.#onHttpError(error)),
        }),
    );
    this.#update({ password: password.state });
    if (session.role !== 'admin' && session.role !== 'supervisor') return;
    const secondFactor = this.#secondFactorDesk.open(
      (live) =>
        new SecondFactorDesk({
          http: this.#http,
          csrfToken: session.csrfToken,
          isEnrolled: session.hasSecondFactor,
          onChange: live((secondFactor) => this.#update({ secondFactor })),
          onError: live((error) => this.#onHttpError(error)),
        }),
    );
    this.#update({ secondFactor: secondFactor.state });
  }

  async #logOut(
    path: string,
    schema: typeof logoutResponseSchema | typeof logoutEverywhereResponseSchema,
  ): Promise<void> {
    const csrfToken = this.#csrfToken;
    if (!this.#state.staff || csrfToken === null || this.#state.isSigningOut) return;
    this.#update({ isSigningOut: true, error: null });
    if (this.#state.consultation) await this.hangUp();
    try {
      await this.#http.post(path, schema, { csrfToken });
    } catch (error) {
      // A session that already ended is logged out all the same; any other failure leaves the
      // cookie live, and the person must know they are still signed in.
      if (!isRefusal(error, 'UNAUTHENTICATED')) {
        this.#update({ isSigningOut: false, error });
        return;
      }
    }
    this.#endSession({});
  }

  /** An authenticated HTTP request failed: a dead session sends the console back to the login form. */
  #onHttpError(error: unknown): void {
    if (isRefusal(error, 'UNAUTHENTICATED')) this.#endSession({ loginProblem: { kind: 'session-ended' } });
    else this.#update({ error });
  }

  /** Tears down the socket, the media and the devices, and shows the login form. */
  #endSession(patch: Pick<Partial<ConsoleState>, 'loginProblem' | 'error'>): void {
    for (const unsubscribe of this.#unsubscribers) unsubscribe();
    this.#unsubscribers = [];
    clearInterval(this.#snapshotTimer);
    this.#snapshotTimer = undefined;
    this.#adminDesk.clear();
    this.#catalogDesk.clear();
    this.#reportDesk.clear();
    this.#wrapUpDesk.clear();
    this.#onsiteDesk.clear();
    this.#monitorDesk.clear();
    this.#passwordDesk.clear();
    this.#secondFactorDesk.clear();
    this.#csrfToken = null;
    this.#resumeTokens.clear();
    this.#deskMedia.clear();
    this.#connection?.signalling.close();
    this.#connection = null;
    this.#state = { ...signedOut };
    this.#update(patch);
  }

  async setStatus(request: StatusRequest): Promise<void> {
    const signalling = this.#connection?.signalling;
    if (!signalling || this.#state.staff?.role !== 'clerk') return;
    try {
      const { status } = await signalling.request('staff:set-status', request);
      // The `staff:status-changed` fact that follows carries the server's own wording.
      this.#update({
        staffStatus: status,
        statusReason: status === 'away' && request.status === 'away' ? request.reason : null,
        statusUntil: null,
      });
    } catch (error) {
      this.#update({ error });
    }
  }

  async accept(): Promise<void> {
    const { offer, isAnswering } = this.#state;
    const signalling = this.#connection?.signalling;
    if (!offer || isAnswering || !signalling) return;
    this.#update({ isAnswering: true, error: null });
    try {
      const { consultation } = await signalling.request('call:accept', {
        consultationId: offer.consultationId,
      });
      this.#dropOffer(offer.consultationId);
      this.#onConsultation(consultation);
    } catch (error) {
      // Most often another clerk was faster; the offer is gone either way.
      this.#dropOffer(offer.consultationId);
      this.#update({ error });
    } finally {
      this.#update({ isAnswering: false });
    }
  }

  async decline(): Promise<void> {
    const offer = this.#state.offer;
    const signalling = this.#connection?.signalling;
    if (!offer || !signalling) return;
    this.#dropOffer(offer.consultationId);
    try {
      await signalling.request('call:decline', { consultationId: offer.consultationId });
    } catch (error) {
      this.#update({ error });
    }
  }

  async hangUp(): Promise<void> {
    const consultation = this.#state.consultation;
    const signalling = this.#connection?.signalling;
    if (!consultation || !signalling) return;
    try {
      await signalling.request('consultation:hang-up', { consultationId: consultation.consultationId });
      this.#endConsultation(consultation.consultationId);
    } catch (error) {
      // Already over on the server: only this screen still thinks the call is running.
      const isOver =
        error instanceof SignallingError && (error.code === 'NOT_FOUND' || error.code === 'INVALID_STATE');
      if (isOver) this.#endConsultation(consultation.consultationId);
      else this.#update({ error });
    }
  }

  /** Asks which colleagues are signed in, for the invitation list. */
  loadColleagues(): Promise<void> {
    return this.#teamDesk.current?.loadColleagues() ?? Promise.resolve();
  }

  /** Invites an available colleague into the running call. */
  invite(staffId: StaffId, note: string): Promise<void> {
    return this.#teamDesk.current?.invite(staffId, note) ?? Promise.resolve();
  }

  /** Hands the resident to another procedure's queue; this clerk stays on the line until it is answered. */
  transfer(procedureId: ProcedureId, note: string): Promise<void> {
    return this.#teamDesk.current?.transfer(procedureId, note) ?? Promise.resolve();
  }

  /** Leaves a call other clerks go on with; the clerk's part ends as after a hang-up. */
  leaveCall(): Promise<void> {
    return this.#teamDesk.current?.leave() ?? Promise.resolve();
  }

  async joinInvitation(): Promise<void> {
    const { invitation, isJoining } = this.#state;
    const signalling = this.#connection?.signalling;
    if (!invitation || isJoining || !signalling) return;
    this.#update({ isJoining: true, error: null });
    try {
      const { consultation } = await signalling.request('call:join', {
        consultationId: invitation.consultationId,
      });
      this.#dropInvitation(invitation.consultationId);
      this.#onConsultation(consultation);
    } catch (error) {
      // The call ended, or the invitation was withdrawn: it is gone either way.
      this.#dropInvitation(invitation.consultationId);
      this.#update({ error });
    } finally {
      this.#update({ isJoining: false });
    }
  }

  async declineInvitation(): Promise<void> {
    const invitation = this.#state.invitation;
    const signalling = this.#connection?.signalling;
    if (!invitation || !signalling) return;
    this.#dropInvitation(invitation.consultationId);
    try {
      await signalling.request('call:decline-invite', { consultationId: invitation.consultationId });
    } catch (error) {
      // An invitation already over needs no answer.
      if (!isRefusal(error, 'INVALID_STATE')) this.#update({ error });
    }
  }

  clearError(): void {
    this.#update({ error: null });
  }

  /** The clerk has read why their last call ended. */
  dismissCallEndNotice(): void {
    if (this.#state.callEndNotice) this.#update({ callEndNotice: null });
  }

  /** Asks the kiosk for a full-resolution still of the document camera. */
  requestStill(): Promise<void> {
    return this.#captureDesk.current?.requestStill() ?? Promise.resolve();
  }

  /** Opens the signature pad at the kiosk. */
  requestSignature(): Promise<void> {
    return this.#captureDesk.current?.requestSignature() ?? Promise.resolve();
  }

  decideSignature(decision: 'accept' | 'retry'): Promise<void> {
    return this.#captureDesk.current?.decideSignature(decision) ?? Promise.resolve();
  }

  openCapture(captureId: CaptureId): void {
    this.#captureDesk.current?.openViewer(captureId);
  }

  closeCapture(): void {
    this.#captureDesk.current?.closeViewer();
  }

  /** Resolves true once the server has the message (the input may then be emptied). */
  sendChat(text: string): Promise<boolean> {
    return this.#chat.current?.send(text) ?? Promise.resolve(false);
  }

  /** Shows an image (JPEG or PNG) full screen at the kiosk. */
  pushDocument(file: Blob, name: string): Promise<void> {
    return this.#documentDesk.current?.push(file, name) ?? Promise.resolve();
  }

  /** Takes a pushed document off the resident's screen. */
  closeDocument(documentId: DocumentId): Promise<void> {
    return this.#documentDesk.current?.closeDocument(documentId) ?? Promise.resolve();
  }

  /** Mutes or unmutes the clerk's microphone for the resident; only during a call. */
  toggleMicrophone(): void {
    if (this.#isInCall()) this.#update({ isMicrophoneOn: !this.#state.isMicrophoneOn });
  }

  /** Turns the clerk's camera to black frames and back; only during a call. */
  toggleCamera(): void {
    if (this.#isInCall()) this.#update({ isCameraOn: !this.#state.isCameraOn });
  }

  /** The call's notes, cut at the wrap-up's limit. */
  setCallNotes(notes: string): void {
    if (this.#isInCall()) this.#update({ callNotes: notes.slice(0, CALL_NOTES_MAX) });
  }

  #isInCall(): boolean {
    return this.#state.staff?.role === 'clerk' && this.#state.consultation !== null;
  }

  setWrapUpOutcome(outcome: ConsultationOutcome): void {
    this.#wrapUpDesk.current?.setOutcome(outcome);
  }

  setWrapUpNotes(notes: string): void {
    this.#wrapUpDesk.current?.setNotes(notes);
  }

  addWrapUpTask(): void {
    this.#wrapUpDesk.current?.addTask();
  }

  updateWrapUpTask(index: number, patch: Partial<WrapUpTaskDraft>): void {
    this.#wrapUpDesk.current?.updateTask(index, patch);
  }

  removeWrapUpTask(index: number): void {
    this.#wrapUpDesk.current?.removeTask(index);
  }

  /** Records the call's outcome, notes and hand-over tasks; the panel closes once the server has them. */
  submitWrapUp(): Promise<void> {
    return this.#wrapUpDesk.current?.submit() ?? Promise.resolve();
  }

  skipWrapUp(): void {
    this.#wrapUpDesk.current?.skip();
  }

  /** On-site staff: a task is done, or cannot be done (with a short note). */
  resolveTask(taskId: TaskId, status: 'done' | 'problem', problemNote?: string): Promise<void> {
    return this.#onsiteDesk.current?.resolve(taskId, status, problemNote) ?? Promise.resolve();
  }

  dismissHelp(kioskId: KioskId): void {
    this.#onsiteDesk.current?.dismissHelp(kioskId);
  }

  /** Supervisors: watch and listen to a running call, unseen by the resident. */
  monitor(consultationId: ConsultationId): Promise<void> {
    return this.#monitorDesk.current?.monitor(consultationId) ?? Promise.resolve();
  }

  stopMonitoring(): Promise<void> {
    return this.#monitorDesk.current?.stop() ?? Promise.resolve();
  }

  /** Supervisors: join the monitored call to assist, with camera and microphone. */
  joinMonitoredCall(): Promise<void> {
    return this.#monitorDesk.current?.join() ?? Promise.resolve();
  }

  /** Supervisors: leave the joined call; the monitoring ends with it. */
  leaveMonitoredCall(): Promise<void> {
    return this.#monitorDesk.current?.stop() ?? Promise.resolve();
  }

  #onSessionReady(fact: FactPayload<'session:ready'>): void {
    const staff = this.#state.staff;
    const role = staff?.role;
    // Kept for a reload of this page; a resumed session keeps its token, a new one has another.
    if (staff) this.#resumeTokens.write(staff.staffId, fact.resumeToken);
    if (role === 'supervisor') {
      // A new server session has neither the supervisor's transports nor the monitoring.
      if (!fact.isResumed) this.#monitorDesk.current?.reset();
      this.#update({ isReady: true });
      // Snapshots pushed while the socket was down are lost; ask for the current one.
      void this.#loadQueueSnapshot();
      return;
    }
    if (role === 'onsite') {
      this.#update({ isReady: true });
      // Facts pushed while the socket was down are lost; the board says what is true now.
      void this.#onsiteDesk.current?.load();
      return;
    }
    if (role === 'admin') {
      this.#update({ isReady: true });
      this.#syncSnapshotPolling();
      return;
    }
    const current = this.#state.consultation;
    // The ready fact has no reason or end time; keep them only if the status is still the same.
    const isSameStatus = fact.staffStatus === this.#state.staffStatus;
    this.#update({
      isReady: true,
      clerkProfile: fact.clerkProfile,
      staffStatus: fact.staffStatus,
      ...(isSameStatus ? {} : { statusReason: null, statusUntil: null }),
    });
    if (!fact.isResumed) {
      // A new session (the server restarted): only what it says now is true. An offer still
      // ringing is sent again as `call:offered`; a call it does not name is over.
      const consultation = fact.consultation?.status === 'ended' ? null : fact.consultation;
      if (current && current.consultationId !== consultation?.consultationId) this.#openWrapUp(current);
      this.#update({
        offer: null,
        isAnswering: false,
        invitation: null,
        isJoining: false,
        consultation,
      });
      this.#deskMedia.current?.dropRemoteTracks();
    } else if (fact.consultation) {
      this.#onConsultation(fact.consultation);
    } else if (current) {
      this.#endConsultation(current.consultationId);
    }
    // A resumed session keeps its transports on the server; a new one has none, and neither has a
    // reloaded page (the server replaces the old transports when new ones are made).
    const deskMedia = this.#deskMedia.current;
    if (deskMedia && (!fact.isResumed || !deskMedia.hasSession)) void deskMedia.start();
  }

  /** A clerk's desk media lives from sign-in to sign-out; its session starts at the first ready. */
  #openDeskMedia(connection: ConsoleConnection): void {
    const desk = this.#deskMedia.open(
      (live) =>
        new DeskMedia({
          createMediaSession: (events) => connection.createMediaSession(events),
          openMedia: () => this.#deps.openMedia(),
          onChange: live((deskMedia) => this.#update({ deskMedia })),
          onError: live((error) => this.#update({ error })),
        }),
    );
    this.#update({ deskMedia: desk.state });
  }

  async #loadQueueSnapshot(): Promise<void> {
    const connection = this.#connection;
    if (!connection) return;
    try {
      const snapshot = await connection.signalling.request('supervisor:get-snapshot', {});
      if (this.#connection === connection) this.#onQueueSnapshot(snapshot);
    } catch (error) {
      if (this.#connection === connection) this.#update({ error });
    }
  }

  /** Administrators looking at the queues ask for a snapshot now and every few seconds. */
  #syncSnapshotPolling(): void {
    const isWatching =
      this.#state.staff?.role === 'admin' && this.#state.adminView === 'queues' && this.#state.isReady;
    if (!isWatching) {
      clearInterval(this.#snapshotTimer);
      this.#snapshotTimer = undefined;
      return;
    }
    if (this.#snapshotTimer !== undefined) return;
    void this.#loadQueueSnapshot();
    this.#snapshotTimer = setInterval(() => {
      // While the socket is down a request would only time out; the banner already says why.
      if (this.#state.isConnected) void this.#loadQueueSnapshot();
    }, ADMIN_SNAPSHOT_INTERVAL_MS);
  }

  #onQueueSnapshot(snapshot: QueueSnapshotView): void {
    const role = this.#state.staff?.role;
    if (role !== 'supervisor' && role !== 'admin') return;
    const current = this.#state.queueSnapshot;
    // The answer to a request can arrive after a newer pushed snapshot; keep the newest.
    if (current && Date.parse(snapshot.at) < Date.parse(current.at)) return;
    this.#update({ queueSnapshot: snapshot, clockOffsetMs: Date.parse(snapshot.at) - this.#deps.now() });
    this.#monitorDesk.current?.onRunningCalls(snapshot.consultations.map((call) => call.consultationId));
  }

  #onConsultation(consultation: ConsultationView): void {
    if (this.#state.staff?.role === 'supervisor') {
      // A supervisor is only ever in a call through the monitor desk, never as its clerk.
      if (consultation.status === 'ended')
        this.#monitorDesk.current?.onCallEnded(consultation.consultationId);
      return;
    }
    const current = this.#state.consultation;
    if (current && current.consultationId !== consultation.consultationId) return;
    if (consultation.status === 'ended') {
      this.#dropOffer(consultation.consultationId);
      if (!current) return;
      const callEndNotice = callEndNoticeOf(consultation);
      if (callEndNotice) this.#update({ callEndNotice });
      this.#endConsultation(consultation.consultationId);
      return;
    }
    if (!this.#isMember(consultation)) {
      // Transferred and answered by a colleague, or left: this clerk's part is over, the call goes on.
      if (current) this.#endConsultation(consultation.consultationId);
      return;
    }
    // A new call: what the clerk was told about the last one is old news.
    const isNewCall = current === null && this.#state.callEndNotice !== null;
    this.#update({ consultation, ...(isNewCall ? { callEndNotice: null } : {}) });
    this.#teamDesk.current?.onConsultation(consultation);
  }

  /** A view naming clerks, none of them this one, is of a call this clerk is no longer in. */
  #isMember(consultation: ConsultationView): boolean {
    const self = this.#state.staff?.staffId;
    return consultation.staff.length === 0 || consultation.staff.some((member) => member.staffId === self);
  }

  #onInvited(invitation: Invitation): void {
    // Only an available clerk is invited; one already in a call has no place for a second.
    if (this.#state.staff?.role !== 'clerk' || this.#state.consultation) return;
    this.#update({ invitation });
  }

  #dropInvitation(consultationId: ConsultationView['consultationId']): void {
    if (this.#state.invitation?.consultationId === consultationId) this.#update({ invitation: null });
  }

  #endConsultation(consultationId: ConsultationView['consultationId']): void {
    const current = this.#state.consultation;
    if (current?.consultationId !== consultationId) return;
    this.#openWrapUp(current);
    this.#update({ consultation: null });
    this.#deskMedia.current?.dropRemoteTracks();
  }

  /**
   * A call the clerk took part in is over: the wrap-up panel replaces the idle card. A draft of an
   * earlier call still open then is given up (the server keeps a call open to wrap-up for an hour,
   * but the console shows one at a time).
   */
  #openWrapUp(consultation: ConsultationView): void {
    if (this.#state.staff?.role !== 'clerk' || consultation.answeredAt === null) return;
    if (this.#wrapUpDesk.current?.consultationId === consultation.consultationId) return;
    const desk = this.#wrapUpDesk.open(
      (live) =>
        new WrapUpDesk({
          consultation,
          // Called before the call is dropped from the state, so these are still the ended call's notes.
          notes: this.#state.callNotes,
          submit: (payload) => this.#request('consultation:wrap-up', payload),
          onChange: live((wrapUp) => this.#update({ wrapUp })),
          onFinish: live(() => {
            this.#wrapUpDesk.clear();
            this.#update({ wrapUp: null });
          }),
          onError: live((error) => this.#update({ error })),
        }),
    );
    this.#update({ wrapUp: desk.state });
  }

  #openReportDesk(): void {
    const desk = this.#reportDesk.open(
      (live) =>
        new ReportDesk({
          http: this.#http,
          now: () => this.#deps.now(),
          onChange: live((reports) => this.#update({ reports })),
          onError: live((error) => this.#onHttpError(error)),
        }),
    );
    this.#update({ reports: desk.state });
  }

  #openOnsiteDesk(connection: ConsoleConnection): void {
    const { signalling } = connection;
    const desk = this.#onsiteDesk.open(
      (live) =>
        new OnsiteDesk({
          getBoard: () => signalling.request('onsite:get-board', {}),
          resolve: (payload) => signalling.request('task:resolve', payload),
          chime: () => this.#deps.chime(),
          onChange: live((onsite) => this.#update({ onsite })),
          onError: live((error) => this.#update({ error })),
        }),
    );
    this.#update({ onsite: desk.state });
  }

  #openMonitorDesk(connection: ConsoleConnection): void {
    const desk = this.#monitorDesk.open(
      (live) =>
        new MonitorDesk({
          request: (name, payload) => connection.signalling.request(name, payload),
          createMediaSession: (events) => connection.createMediaSession(events),
          openMedia: () => this.#deps.openMedia(),
          onChange: live((monitor) => this.#update({ monitor })),
          onError: live((error) => this.#update({ error })),
        }),
    );
    this.#update({ monitor: desk.state });
  }

  #dropOffer(consultationId: ConsultationView['consultationId']): void {
    if (this.#state.offer?.consultationId === consultationId) this.#update({ offer: null });
  }

  /** Sends a command of the call's desks, refused at once while there is no socket. */
  #request<N extends CommandName>(name: N, payload: CommandRequest<N>): Promise<CommandResponse<N>> {
    const signalling = this.#connection?.signalling;
    if (!signalling) return Promise.reject(new SignallingError('TIMEOUT', 'not connected'));
    return signalling.request(name, payload);
  }

  /** The chat and the pushed documents live as long as the call a clerk is in. */
  #syncCallDesks(next: ConsoleState): void {
    const consultation = next.staff?.role === 'clerk' ? next.consultation : null;
    const consultationId = consultation?.status === 'active' ? consultation.consultationId : null;
    if ((this.#chat.current?.consultationId ?? null) !== consultationId) {
      this.#chat.clear();
      this.#documentDesk.clear();
      const csrfToken = this.#csrfToken;
      if (consultationId && csrfToken !== null) {
        this.#chat.open(
          (live) =>
            new ChatLog({
              consultationId,
              self: 'clerk',
              selfName: next.staff?.displayName ?? null,
              send: (text) => this.#request('chat:send', { consultationId, text }),
              onChange: live((chat) => this.#update({ chat })),
            }),
        );
        this.#documentDesk.open(
          (live) =>
            new DocumentDesk({
              consultationId,
              http: this.#http,
              csrfToken,
              close: (payload) => this.#request('document:close', payload),
              onChange: live((documents) => this.#update({ documents })),
              onError: live((error) => this.#onHttpError(error)),
            }),
        );
      }
    }
    next.chat = this.#chat.current?.state ?? emptyChatState;
    next.documents = this.#documentDesk.current?.state ?? null;
    this.#syncTeamDesk(consultationId);
    next.team = this.#teamDesk.current?.state ?? null;
  }

  /** One team desk per running call a clerk is in. */
  #syncTeamDesk(consultationId: ConsultationView['consultationId'] | null): void {
    if ((this.#teamDesk.current?.consultationId ?? null) === consultationId) return;
    this.#teamDesk.clear();
    const signalling = this.#connection?.signalling;
    if (!consultationId || !signalling) return;
    this.#teamDesk.open(
      (live) =>
        new TeamDesk({
          consultationId,
          request: (name, payload) => signalling.request(name, payload),
          onConsultation: live((consultation) => this.#onConsultation(consultation)),
          onLeft: live(() => this.#endConsultation(consultationId)),
          onChange: live((team) => this.#update({ team })),
          onError: live((error) => this.#update({ error })),
        }),
    );
  }

  /** One capture desk per call a clerk is in; the call's end closes it (and frees its images). */
  #syncCaptureDesk(next: ConsoleState): void {
    this.#syncCallDesks(next);
    const consultationId = next.staff?.role === 'clerk' ? (next.consultation?.consultationId ?? null) : null;
    if ((this.#captureDesk.current?.consultationId ?? null) === consultationId) return;
    this.#captureDesk.clear();
    if (consultationId) {
      this.#captureDesk.open(
        (live) =>
          new CaptureDesk({
            consultationId,
            request: (name, payload) => this.#request(name, payload),
            http: this.#http,
            objectUrls: this.#deps.objectUrls,
            onChange: live((captures) => this.#update({ captures })),
            onError: live((error) => this.#onHttpError(error)),
          }),
      );
    }
    next.captures = this.#captureDesk.current?.state ?? null;
  }

  /**
   * Between calls the microphone and camera are on and the notes empty, so the next call starts
   * fresh; the tracks follow the state (they are the ones published on the desk's media session, so
   * muting needs no renegotiation).
   */
  #syncCallControls(next: ConsoleState): void {
    if (!next.consultation) {
      next.isMicrophoneOn = true;
      next.isCameraOn = true;
      next.callNotes = '';
    }
    const { microphone, camera } = next.deskMedia?.localMedia ?? { microphone: null, camera: null };
    if (microphone && microphone.enabled !== next.isMicrophoneOn) microphone.enabled = next.isMicrophoneOn;
    if (camera && camera.enabled !== next.isCameraOn) camera.enabled = next.isCameraOn;
  }

  #update(patch: Partial<ConsoleState>): void {
    const next = { ...this.#state, ...patch };
    this.#syncCaptureDesk(next);
    this.#syncCallControls(next);
    next.screen = currentScreen({
      isSessionChecked: next.isSessionChecked,
      role: next.staff?.role ?? null,
      isReady: next.isReady,
      consultation: next.consultation,
      isPasswordChangeRequired: next.isPasswordChangeRequired,
    });
    this.#state = next;
    for (const listener of [...this.#listeners]) listener();
  }
}
