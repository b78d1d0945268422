import type { ConsultationId } from '@madoguchi/shared';
import type { MediaSession, MediaSessionEvents, RemoteTrack } from '@madoguchi/shared/client';

export interface MonitorState {
  /** The call being watched (or being joined); null when none. */
  consultationId: ConsultationId | null;
  /** True from the press of the button until the server said yes. */
  isStarting: boolean;
  /** What the monitored call carries: the kiosk's tracks, and the clerks' where they arrive. */
  tracks: readonly RemoteTrack[];
}

export const idleMonitorState: MonitorState = { consultationId: null, isStarting: false, tracks: [] };

type MonitorCommand = 'supervisor:monitor' | 'supervisor:stop-monitoring';

export interface MonitorDeskOptions {
  /** Sends `supervisor:monitor` or `supervisor:stop-monitoring`. */
  request: (name: MonitorCommand, payload: { consultationId: ConsultationId }) => Promise<unknown>;
  /** A receive-only media session (the supervisor publishes nothing). */
  createMediaSession: (events: MediaSessionEvents) => Pick<MediaSession, 'start' | 'close'>;
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
  #media: Pick<MediaSession, 'start' | 'close'> | null = null;
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

  async stop(): Promise<void> {
    const consultationId = this.#state.consultationId;
    if (this.#isClosed || consultationId === null) return;
    // The server closes the consumers; the screen lets go of them at once.
    this.#update(idleMonitorState);
    try {
      await this.#options.request('supervisor:stop-monitoring', { consultationId });
    } catch (error) {
      if (!this.#isClosed) this.#options.onError(error);
    }
  }

  /** The calls running now, from a snapshot: a monitored call that ended is let go. */
  onRunningCalls(consultationIds: readonly ConsultationId[]): void {
    const current = this.#state.consultationId;
    if (current !== null && !this.#state.isStarting && !consultationIds.includes(current))
      this.#update(idleMonitorState);
  }

  /** A new server session has neither the transports nor the monitoring: start again from nothing. */
  reset(): void {
    this.#closeMedia();
    if (this.#state !== idleMonitorState) this.#update(idleMonitorState);
  }

  close(): void {
    this.#isClosed = true;
    this.#closeMedia();
  }

  #startMedia(): Promise<void> {
    if (!this.#mediaStarted) {
      const media = this.#options.createMediaSession({
        onRemoteTrack: (remote) => {
          // Tracks of a call no longer watched (a late consumer) are not shown.
          if (this.#media !== media || this.#state.consultationId === null) return;
          const others = this.#state.tracks.filter((track) => track.consumerId !== remote.consumerId);
          this.#update({ tracks: [...others, remote] });
        },
        onRemoteTrackEnded: (consumerId) => {
          if (this.#media !== media) return;
          this.#update({ tracks: this.#state.tracks.filter((track) => track.consumerId !== consumerId) });
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
