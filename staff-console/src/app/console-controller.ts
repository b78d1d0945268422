import type {
  CommandRequest,
  ConsultationView,
  FactPayload,
  HandshakeAuth,
  QueueSnapshotView,
  StaffId,
  StaffStatus,
} from '@madoguchi/shared';
import type {
  MediaSession,
  MediaSessionEvents,
  RemoteTrack,
  SignallingClient,
} from '@madoguchi/shared/client';
import { SignallingError } from '@madoguchi/shared/client';
import { stopLocalMedia, type LocalMedia, type OpenedMedia } from '../lib/media-devices.ts';
import { currentScreen, type Screen, type StaffRole } from './screens.ts';

export type ConsoleSignalling = Pick<
  SignallingClient,
  'connect' | 'close' | 'on' | 'onConnectionChange' | 'request' | 'waitForConnection'
>;
export type ConsoleMedia = Pick<MediaSession, 'start' | 'publish' | 'close'>;

export interface ConsoleConnection {
  signalling: ConsoleSignalling;
  createMediaSession(events: MediaSessionEvents): ConsoleMedia;
}

/** What the controller needs from the outside world; tests replace all of it. */
export interface ConsoleDependencies {
  connect(auth: Extract<HandshakeAuth, { role: StaffRole }>): ConsoleConnection;
  openMedia(): Promise<OpenedMedia>;
  /** This machine's clock; the supervisor view measures how far it is from the server's. */
  now(): number;
}

export type Offer = FactPayload<'call:offered'>;
export type StatusRequest = CommandRequest<'staff:set-status'>;

export interface ConsoleState {
  screen: Screen;
  staff: { staffId: StaffId; displayName: string; role: StaffRole } | null;
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
  localMedia: LocalMedia | null;
  remoteTracks: readonly RemoteTrack[];
  /** Supervisors only: the latest picture of queues and clerks. */
  queueSnapshot: QueueSnapshotView | null;
  /** Server clock minus this machine's, measured at the last snapshot, so waits tick in server time. */
  clockOffsetMs: number;
  /** The last failure to show, as thrown; screens turn it into a translated message. */
  error: unknown;
}

const signedOut: ConsoleState = {
  screen: 'login',
  staff: null,
  isReady: false,
  isConnected: false,
  staffStatus: null,
  statusReason: null,
  statusUntil: null,
  offer: null,
  isAnswering: false,
  consultation: null,
  localMedia: null,
  remoteTracks: [],
  queueSnapshot: null,
  clockOffsetMs: 0,
  error: null,
};

/**
 * The clerk's desk as a plain object outside React. It owns the socket, the clerk's devices and one
 * media session that lives across calls: its transports connect while the clerk is idle, so accepting
 * a call only costs the consumers. The server closes an ended call's consumers (`consumer:closed`).
 */
export class ConsoleController {
  readonly #deps: ConsoleDependencies;
  readonly #listeners = new Set<() => void>();
  #state: ConsoleState = signedOut;
  #connection: ConsoleConnection | null = null;
  #unsubscribers: (() => void)[] = [];
  #media: ConsoleMedia | null = null;
  #localMedia: Promise<LocalMedia> | null = null;

  constructor(deps: ConsoleDependencies) {
    this.#deps = deps;
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  readonly getSnapshot = (): ConsoleState => this.#state;

  /** Signs in with a self-declared identity (until staff accounts exist). */
  signIn(staffId: StaffId, displayName: string, role: StaffRole = 'clerk'): void {
    if (this.#connection) return;
    const connection = this.#deps.connect({ role, staffId, displayName });
    const { signalling } = connection;
    this.#connection = connection;
    this.#unsubscribers = [
      signalling.onConnectionChange((isConnected) => this.#update({ isConnected })),
      signalling.on('session:ready', (fact) => this.#onSessionReady(fact)),
      signalling.on('staff:status-changed', ({ status, reason, until }) =>
        this.#update({ staffStatus: status, statusReason: reason, statusUntil: until }),
      ),
      signalling.on('call:offered', (offer) => this.#update({ offer })),
      signalling.on('call:offer-withdrawn', ({ consultationId }) => {
        if (this.#state.offer?.consultationId === consultationId) this.#update({ offer: null });
      }),
      signalling.on('consultation:updated', ({ consultation }) => this.#onConsultation(consultation)),
      signalling.on('queue:snapshot', (snapshot) => this.#onQueueSnapshot(snapshot)),
    ];
    this.#update({ staff: { staffId, displayName, role }, error: null });
    signalling.connect();
    signalling.waitForConnection().catch((error: unknown) => {
      // The server refused this identity: back to the sign-in form with the reason.
      if (this.#connection !== connection) return;
      this.signOut();
      this.#update({ error });
    });
  }

  signOut(): void {
    for (const unsubscribe of this.#unsubscribers) unsubscribe();
    this.#unsubscribers = [];
    this.#media?.close();
    this.#media = null;
    this.#connection?.signalling.close();
    this.#connection = null;
    const opening = this.#localMedia;
    this.#localMedia = null;
    void opening?.then(stopLocalMedia);
    this.#state = { ...signedOut };
    this.#update({});
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

  clearError(): void {
    this.#update({ error: null });
  }

  #onSessionReady(fact: FactPayload<'session:ready'>): void {
    if (this.#state.staff?.role === 'supervisor') {
      this.#update({ isReady: true });
      // Snapshots pushed while the socket was down are lost; ask for the current one.
      void this.#loadQueueSnapshot();
      return;
    }
    const current = this.#state.consultation;
    // The ready fact has no reason or end time; keep them only if the status is still the same.
    const isSameStatus = fact.staffStatus === this.#state.staffStatus;
    this.#update({
      isReady: true,
      staffStatus: fact.staffStatus,
      ...(isSameStatus ? {} : { statusReason: null, statusUntil: null }),
    });
    if (!fact.isResumed) {
      // A new session (the server restarted): only what it says now is true. An offer still
      // ringing is sent again as `call:offered`; a call it does not name is over.
      const consultation = fact.consultation?.status === 'ended' ? null : fact.consultation;
      this.#update({ offer: null, isAnswering: false, consultation, remoteTracks: [] });
    } else if (fact.consultation) {
      this.#onConsultation(fact.consultation);
    } else if (current) {
      this.#endConsultation(current.consultationId);
    }
    // A resumed session keeps its transports on the server; a new one has none.
    if (!fact.isResumed || !this.#media) void this.#startMedia();
  }

  async #startMedia(): Promise<void> {
    const connection = this.#connection;
    if (!connection) return;
    this.#media?.close();
    this.#update({ remoteTracks: [] });
    const media = connection.createMediaSession({
      onRemoteTrack: (remote) => {
        if (this.#media !== media) return;
        const others = this.#state.remoteTracks.filter((track) => track.source !== remote.source);
        this.#update({ remoteTracks: [...others, remote] });
      },
      onRemoteTrackEnded: (consumerId) => {
        if (this.#media !== media) return;
        this.#update({
          remoteTracks: this.#state.remoteTracks.filter((track) => track.consumerId !== consumerId),
        });
      },
    });
    this.#media = media;
    try {
      const [local] = await Promise.all([this.#openLocalMedia(), media.start()]);
      if (this.#media !== media) return;
      if (local.camera) await media.publish(local.camera, 'camera');
      if (local.microphone && this.#media === media) await media.publish(local.microphone, 'microphone');
    } catch (error) {
      if (this.#media === media) this.#update({ error });
    }
  }

  /** Opens the devices once per sign-in; a device that fails is reported and the call goes on without it. */
  #openLocalMedia(): Promise<LocalMedia> {
    if (!this.#localMedia) {
      const opening = this.#deps.openMedia().then(({ media, error }) => {
        if (this.#localMedia === opening) this.#update({ localMedia: media, ...(error ? { error } : {}) });
        return media;
      });
      this.#localMedia = opening;
    }
    return this.#localMedia;
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

  #onQueueSnapshot(snapshot: QueueSnapshotView): void {
    if (this.#state.staff?.role !== 'supervisor') return;
    const current = this.#state.queueSnapshot;
    // The answer to a request can arrive after a newer pushed snapshot; keep the newest.
    if (current && Date.parse(snapshot.at) < Date.parse(current.at)) return;
    this.#update({ queueSnapshot: snapshot, clockOffsetMs: Date.parse(snapshot.at) - this.#deps.now() });
  }

  #onConsultation(consultation: ConsultationView): void {
    const current = this.#state.consultation;
    if (current && current.consultationId !== consultation.consultationId) return;
    if (consultation.status === 'ended') {
      this.#dropOffer(consultation.consultationId);
      if (current) this.#endConsultation(consultation.consultationId);
      return;
    }
    this.#update({ consultation });
  }

  #endConsultation(consultationId: ConsultationView['consultationId']): void {
    if (this.#state.consultation?.consultationId !== consultationId) return;
    // The server closes the call's consumers; dropping them here too keeps a late close from
    // leaving the resident on screen.
    this.#update({ consultation: null, remoteTracks: [] });
  }

  #dropOffer(consultationId: ConsultationView['consultationId']): void {
    if (this.#state.offer?.consultationId === consultationId) this.#update({ offer: null });
  }

  #update(patch: Partial<ConsoleState>): void {
    const next = { ...this.#state, ...patch };
    next.screen = currentScreen({
      role: next.staff?.role ?? null,
      isReady: next.isReady,
      consultation: next.consultation,
    });
    this.#state = next;
    for (const listener of [...this.#listeners]) listener();
  }
}
