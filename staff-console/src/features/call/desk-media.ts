import type { MediaSession, MediaSessionEvents, RemoteTrack } from '@madoguchi/shared/client';
import { withoutRemoteTrack, withRemoteTrack } from '@madoguchi/shared/client';
import { CurrentSlot } from '../../lib/current-slot.ts';
import { stopLocalMedia, type LocalMedia, type OpenedMedia } from '../../lib/media-devices.ts';

/** What the desk uses of a media session. */
export type DeskMediaSession = Pick<MediaSession, 'start' | 'publish' | 'close'>;

export interface DeskMediaState {
  /** The clerk's camera and microphone, opened once per sign-in; null until they are. */
  localMedia: LocalMedia | null;
  /** Every track the call's other participants send, keyed by consumer. */
  remoteTracks: readonly RemoteTrack[];
  /** True once the current session's transports are up and the devices it has are published. */
  isStarted: boolean;
  /** A transport lost its connection and has not got it back yet. */
  isInterrupted: boolean;
  /** The session is getting its media back by itself (an ICE restart, or a rebuild). */
  isRecovering: boolean;
}

export const initialDeskMediaState: DeskMediaState = {
  localMedia: null,
  remoteTracks: [],
  isStarted: false,
  isInterrupted: false,
  isRecovering: false,
};

/**
 * Media flows both ways: started, and neither interrupted nor recovering. Until then the server
 * offers the clerk no call (and a running call cannot be seen or heard).
 */
export const hasWorkingMedia = (state: DeskMediaState): boolean =>
  state.isStarted && !state.isInterrupted && !state.isRecovering;

/**
 * What the in-call screen says "reconnecting…" for: the socket is down, or the call's media does not
 * work (interrupted, being recovered, or a session still starting, as after a page reload). Without
 * a desk media there is no call media to wait for.
 */
export const isMediaReconnecting = (isSocketConnected: boolean, media: DeskMediaState | null): boolean =>
  !isSocketConnected || (media !== null && !hasWorkingMedia(media));

export interface DeskMediaOptions {
  /** A media session on the clerk's socket; its transports connect at `start`. */
  createMediaSession: (events: MediaSessionEvents) => DeskMediaSession;
  /** Opens the clerk's camera and microphone; a device that fails is reported, the other kept. */
  openMedia: () => Promise<OpenedMedia>;
  onChange: (state: DeskMediaState) => void;
  /** A failed start or publish, or a device that could not be opened. */
  onError: (error: unknown) => void;
}

type Direction = 'send' | 'recv';

/**
 * The clerk's desk media: one media session that lives across calls (its transports connect at
 * sign-in, so accepting a call only costs the consumers), the devices published on it, and what the
 * call's other participants send. The session recovers by itself; this flow only follows it. A new
 * server session needs a new media session (`start` again); the devices are kept for the sign-in.
 */
export class DeskMedia {
  readonly #options: DeskMediaOptions;
  readonly #session = new CurrentSlot<DeskMediaSession>();
  #state: DeskMediaState = initialDeskMediaState;
  #devices: Promise<LocalMedia> | null = null;
  /** The current session's transports that have lost their connection. */
  readonly #interrupted = new Set<Direction>();
  #isClosed = false;

  constructor(options: DeskMediaOptions) {
    this.#options = options;
  }

  get state(): DeskMediaState {
    return this.#state;
  }

  /** True while a media session exists (started or starting). */
  get hasSession(): boolean {
    return this.#session.current !== null;
  }

  /**
   * Makes a new media session (closing the previous one, whose tracks end with it), connects its
   * transports and publishes the camera, then the microphone.
   */
  async start(): Promise<void> {
    if (this.#isClosed) return;
    this.#session.clear();
    this.#interrupted.clear();
    this.#update({ remoteTracks: [], isStarted: false, isInterrupted: false, isRecovering: false });
    const session = this.#session.open((live) =>
      this.#options.createMediaSession({
        onRemoteTrack: live((remote) => {
          this.#update({ remoteTracks: withRemoteTrack(this.#state.remoteTracks, remote) });
        }),
        onRemoteTrackEnded: live((consumerId) => {
          this.#update({ remoteTracks: withoutRemoteTrack(this.#state.remoteTracks, consumerId) });
        }),
        onConnectionStateChange: live((direction, state) => this.#onConnectionState(direction, state)),
        onRecoveringChange: live((isRecovering) => this.#update({ isRecovering })),
        onError: live((error) => this.#options.onError(error)),
      }),
    );
    try {
      const [local] = await Promise.all([this.#openDevices(), session.start()]);
      if (!this.#session.isCurrent(session)) return;
      if (local.camera) await session.publish(local.camera, 'camera');
      if (local.microphone && this.#session.isCurrent(session))
        await session.publish(local.microphone, 'microphone');
      if (this.#session.isCurrent(session)) this.#update({ isStarted: true });
    } catch (error) {
      if (this.#session.isCurrent(session)) this.#options.onError(error);
    }
  }

  /**
   * The call is over: its tracks go now. The server closes their consumers too; dropping them here
   * keeps a late close from leaving the resident on screen.
   */
  dropRemoteTracks(): void {
    if (this.#state.remoteTracks.length > 0) this.#update({ remoteTracks: [] });
  }

  /** Closes the media session and stops the devices (also those still opening); idempotent. */
  close(): void {
    if (this.#isClosed) return;
    this.#isClosed = true;
    this.#session.clear();
    const opening = this.#devices;
    this.#devices = null;
    void opening?.then(stopLocalMedia);
  }

  /** Opens the devices once per sign-in. */
  #openDevices(): Promise<LocalMedia> {
    if (!this.#devices) {
      const opening = this.#options.openMedia().then(({ media, error }) => {
        if (this.#devices === opening) {
          this.#update({ localMedia: media });
          if (error) this.#options.onError(error);
        }
        return media;
      });
      this.#devices = opening;
    }
    return this.#devices;
  }

  #onConnectionState(direction: Direction, state: string): void {
    if (state === 'disconnected' || state === 'failed') this.#interrupted.add(direction);
    else if (state === 'connected') this.#interrupted.delete(direction);
    else return;
    const isInterrupted = this.#interrupted.size > 0;
    if (isInterrupted !== this.#state.isInterrupted) this.#update({ isInterrupted });
  }

  #update(patch: Partial<DeskMediaState>): void {
    if (this.#isClosed) return;
    this.#state = { ...this.#state, ...patch };
    this.#options.onChange(this.#state);
  }
}
