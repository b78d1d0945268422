import type { ConsultationId } from '@madoguchi/shared';
import type { MediaSession, MediaSessionEvents, RemoteTrack } from '@madoguchi/shared/client';
import { withoutRemoteTrack, withRemoteTrack } from '@madoguchi/shared/client';
import { stopLocalMedia, type LocalMedia, type OpenedMedia } from '../../lib/media-devices.ts';

export interface MonitorState {
  /** The call being watched (or being joined); null when none. */
  consultationId: ConsultationId | null;
  /** True from the press of the button until the server said yes. */
  isStarting: boolean;
  /** What the monitored call carries, keyed by consumer: the kiosk's, and every clerk's that arrives. */
  tracks: readonly RemoteTrack[];
  /** True from the press of "join" until the server said yes or no. */
  isJoining: boolean;
  /** The supervisor is in the call: seen and heard by everyone. */
  isJoined: boolean;
}

export const idleMonitorState: MonitorState = {
  consultationId: null,
  isStarting: false,
  tracks: [],
  isJoining: false,
  isJoined: false,
};

/** What the desk uses of a media session; the producer ids are not needed (leaving closes them). */
type MonitorMedia = Pick<MediaSession, 'start' | 'close'> & {
  publish: (track: MediaStreamTrack, source: 'camera' | 'microphone') => Promise<unknown>;
};

type MonitorCommand =
  'supervisor:monitor' | 'supervisor:stop-monitoring' | 'supervisor:join' | 'consultation:leave';

export interface MonitorDeskOptions {
  /** Sends `supervisor:monitor`, `supervisor:stop-monitoring`, `supervisor:join` or `consultation:leave`. */
  request: (name: MonitorCommand, payload: { consultationId: ConsultationId }) => Promise<unknown>;
  /** The media session: receive-only while monitoring; it publishes only once the supervisor joins. */
  createMediaSession: (events: MediaSessionEvents) => MonitorMedia;
  /** Opens the supervisor's camera and microphone, when joining a call. */
  openMedia: () => Promise<OpenedMedia>;
  onChange: (state: MonitorState) => void;
  onError: (error: unknown) => void;
}

/**
 * A supervisor's silent monitoring. The media session is made at the first monitor (a supervisor
 * who only reads the queues never opens transports) and then kept for later ones, like a clerk's
 * desk; it is started before the server is asked, so the consumers it sends find a transport.
 * One call at a time: watching another stops the first.
 */
export class MonitorDesk {
  readonly #options: MonitorDeskOptions;
  #state: MonitorState = idleMonitorState;
  #media: MonitorMedia | null = null;
  /** The camera and microphone while joining or joined; stopped when the supervisor leaves. */
  #local: LocalMedia | null = null;
  #mediaStarted: Promise<void> | null = null;
  #isClosed = false;

  constructor(options: MonitorDeskOptions) {
    this.#options = options;
  }

  get state(): MonitorState {
    return this.#state;
  }

  get hasMedia(): boolean {
    return this.#media !== null;
  }

  async monitor(consultationId: ConsultationId): Promise<void> {
    if (this.#isClosed || this.#state.consultationId === consultationId) return;
    if (this.#state.consultationId !== null) await this.stop();
    this.#update({ consultationId, isStarting: true, tracks: [] });
    try {
      await this.#startMedia();
      if (this.#state.consultationId !== consultationId) return;
      await this.#options.request('supervisor:monitor', { consultationId });
      if (this.#state.consultationId === consultationId) this.#update({ isStarting: false });
    } catch (error) {
      if (this.#isClosed || this.#state.consultationId !== consultationId) return;
      this.#update(idleMonitorState);
      this.#options.onError(error);
    }
  }

  /**
   * Joins the watched call to assist: the camera and microphone are published first, so the
   * others receive them as soon as the server adds the supervisor.
   */
  async join(): Promise<void> {
    const { consultationId, isStarting, isJoining, isJoined } = this.#state;
    if (this.#isClosed || consultationId === null || isStarting || isJoining || isJoined) return;
    const media = this.#media;
    if (!media) return;
    this.#update({ isJoining: true });
    const isStillJoining = () =>
      !this.#isClosed && this.#media === media && this.#state.consultationId === consultationId;
    try {
      const { media: local, error } = await this.#options.openMedia();
      if (!isStillJoining()) return stopLocalMedia(local);
      this.#local = local;
      if (!local.camera && !local.microphone) throw error;
      // One device missing: the supervisor can still help with the other.
      if (error) this.#options.onError(error);
      if (local.camera) await media.publish(local.camera, 'camera');
      if (local.microphone && isStillJoining()) await media.publish(local.microphone, 'microphone');
      if (!isStillJoining()) return;
      await this.#options.request('supervisor:join', { consultationId });
      // Left (or the call ended) while the server was deciding: the join it granted is undone.
      if (!isStillJoining()) return void this.#leaveQuietly(consultationId);
      this.#update({ isJoining: false, isJoined: true });
    } catch (error) {
      if (!isStillJoining()) return;
      this.#stopLocal();
      this.#update({ isJoining: false });
      this.#options.onError(error);
    }
  }

  /** Leaves the joined call (or stops monitoring one not joined): the panel closes either way. */
  async stop(): Promise<void> {
    const consultationId = this.#state.consultationId;
    if (this.#isClosed || consultationId === null) return;
    const name = this.#state.isJoined ? 'consultation:leave' : 'supervisor:stop-monitoring';
    // The server closes the consumers and, on leave, the producers; the screen lets go at once.
    this.#stopLocal();
    this.#update(idleMonitorState);
    try {
      await this.#options.request(name, { consultationId });
    } catch (error) {
      if (!this.#isClosed) this.#options.onError(error);
    }
  }

  /** The calls running now, from a snapshot: a monitored call that ended is let go. */
  onRunningCalls(consultationIds: readonly ConsultationId[]): void {
    const current = this.#state.consultationId;
    if (current !== null && !this.#state.isStarting && !consultationIds.includes(current)) this.#letGo();
  }

  /** A call this supervisor joined has ended (`consultation:updated`): the same as leaving it. */
  onCallEnded(consultationId: ConsultationId): void {
    if (this.#state.consultationId === consultationId) this.#letGo();
  }

  /** A new server session has neither the transports nor the monitoring: start again from nothing. */
  reset(): void {
    this.#stopLocal();
    this.#closeMedia();
    if (this.#state !== idleMonitorState) this.#update(idleMonitorState);
  }

  close(): void {
    this.#isClosed = true;
    this.#stopLocal();
    this.#closeMedia();
  }

  #letGo(): void {
    this.#stopLocal();
    this.#update(idleMonitorState);
  }

  async #leaveQuietly(consultationId: ConsultationId): Promise<void> {
    try {
      await this.#options.request('consultation:leave', { consultationId });
    } catch {
      // Already over on the server; nothing is left to undo.
    }
  }

  #stopLocal(): void {
    stopLocalMedia(this.#local);
    this.#local = null;
  }

  #startMedia(): Promise<void> {
    if (!this.#mediaStarted) {
      const media = this.#options.createMediaSession({
        onRemoteTrack: (remote) => {
          // Tracks of a call no longer watched (a late consumer) are not shown.
          if (this.#media !== media || this.#state.consultationId === null) return;
          this.#update({ tracks: withRemoteTrack(this.#state.tracks, remote) });
        },
        onRemoteTrackEnded: (consumerId) => {
          if (this.#media !== media) return;
          this.#update({ tracks: withoutRemoteTrack(this.#state.tracks, consumerId) });
        },
        onError: (error) => {
          if (this.#media === media && !this.#isClosed) this.#options.onError(error);
        },
      });
      this.#media = media;
      const started = media.start().catch((error: unknown) => {
        // A failed start leaves nothing usable: the next monitor builds a new session.
        if (this.#media === media) this.#closeMedia();
        throw error;
      });
      this.#mediaStarted = started;
    }
    return this.#mediaStarted;
  }

  #closeMedia(): void {
    this.#media?.close();
    this.#media = null;
    this.#mediaStarted = null;
  }

  #update(patch: Partial<MonitorState>): void {
    this.#state = { ...this.#state, ...patch };
    this.#options.onChange(this.#state);
  }
}
