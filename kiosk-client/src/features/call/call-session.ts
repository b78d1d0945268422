import type { MediaSession, MediaSessionEvents, RemoteTrack } from '@madoguchi/shared/client';
import { withoutRemoteTrack, withRemoteTrack } from '@madoguchi/shared/client';
import type { LocalMedia } from '../../lib/media-devices.ts';

/** The part of a MediaSession that a resident's call uses. */
export type CallMedia = Pick<MediaSession, 'start' | 'publish' | 'close' | 'getReceiveStats'>;

/** What the screens show of the call's media. */
export interface CallMediaView {
  /** Every track the other participants send, keyed by consumer. */
  remoteTracks: readonly RemoteTrack[];
  /** A transport lost its connection, or the media session is getting its media back. */
  isMediaInterrupted: boolean;
}

export const emptyCallMediaView: CallMediaView = { remoteTracks: [], isMediaInterrupted: false };

/** The document camera's encoder cap: enough for legible small print at full resolution. */
export const DOCUMENT_CAMERA_MAX_BITRATE = 3_000_000;

export interface CallSessionOptions {
  /** Makes a media session on the kiosk's socket; called again for every rebuild. */
  createMediaSession(events: MediaSessionEvents): CallMedia;
  /** The booth's tracks as they are when publishing (a device check may have reopened them). */
  localMedia(): LocalMedia | null;
  /** Every change of the view. Never called once the session is closed. */
  onChange(view: CallMediaView): void;
}

type Direction = 'send' | 'recv';

/**
 * A resident's media for one consultation: the MediaSession on the kiosk's socket, the booth's three
 * tracks published on it, the tracks received from every other participant, and whether media is
 * interrupted. One media session is current at a time; a rebuild replaces it, and every event or
 * late step of a replaced one is ignored. `close()` ends it all and is idempotent.
 */
export class CallSession {
  readonly #options: CallSessionOptions;
  #media: CallMedia | null = null;
  #view: CallMediaView = emptyCallMediaView;
  readonly #interrupted = new Set<Direction>();
  #isRecovering = false;
  #isClosed = false;

  constructor(options: CallSessionOptions) {
    this.#options = options;
  }

  get view(): CallMediaView {
    return this.#view;
  }

  get isClosed(): boolean {
    return this.#isClosed;
  }

  /**
   * Opens the media session and publishes the booth's tracks. Resolves true once all are sent, false
   * when the session was rebuilt or closed meanwhile (its failures no longer matter); rejects when
   * the current media session failed.
   */
  start(): Promise<boolean> {
    return this.#open();
  }

  /**
   * The server no longer has any of this session's transports (it restarted, or the page was
   * reloaded): the old media goes with every track it received, and a new session publishes the
   * booth's tracks again. Resolves and rejects like `start()`.
   */
  rebuild(): Promise<boolean> {
    return this.#open();
  }

  /** The receive side's statistics; null without media, or when the media changed meanwhile. */
  async getReceiveStats(): Promise<ReadonlyMap<string, unknown> | null> {
    const media = this.#media;
    if (!media) return null;
    const report = await media.getReceiveStats();
    return this.#media === media ? report : null;
  }

  close(): void {
    if (this.#isClosed) return;
    this.#isClosed = true;
    this.#dropMedia();
    this.#view = emptyCallMediaView;
  }

  async #open(): Promise<boolean> {
    if (this.#isClosed) return false;
    this.#dropMedia();
    this.#setView(emptyCallMediaView);
    const media: CallMedia = this.#options.createMediaSession({
      onRemoteTrack: (remote) => {
        if (this.#media === media)
          this.#setView({ remoteTracks: withRemoteTrack(this.#view.remoteTracks, remote) });
      },
      onRemoteTrackEnded: (consumerId) => {
        if (this.#media === media) {
          this.#setView({ remoteTracks: withoutRemoteTrack(this.#view.remoteTracks, consumerId) });
        }
      },
      onConnectionStateChange: (direction, state) => {
        if (this.#media === media) this.#onTransportState(direction, state);
      },
      onRecoveringChange: (isRecovering) => {
        if (this.#media !== media) return;
        this.#isRecovering = isRecovering;
        this.#setInterrupted();
      },
    });
    this.#media = media;
    const isCurrent = () => this.#media === media;
    try {
      await media.start();
      const local = this.#options.localMedia();
      if (local?.microphone && isCurrent()) await media.publish(local.microphone, 'microphone');
      if (local?.camera && isCurrent()) await media.publish(local.camera, 'camera');
      if (local?.documentCamera && isCurrent()) {
        await media.publish(local.documentCamera, 'document-camera', {
          isDetail: true,
          maxBitrate: DOCUMENT_CAMERA_MAX_BITRATE,
        });
      }
      return isCurrent();
    } catch (error) {
      // A rebuild or a close closes the media session under a running setup; that failure is expected.
      if (!isCurrent()) return false;
      throw error;
    }
  }

  /** Closes the current media session; the tracks it received stop with it. */
  #dropMedia(): void {
    this.#media?.close();
    this.#media = null;
    this.#interrupted.clear();
    this.#isRecovering = false;
    for (const remote of this.#view.remoteTracks) remote.track.stop();
  }

  #onTransportState(direction: Direction, state: string): void {
    if (state === 'disconnected' || state === 'failed') this.#interrupted.add(direction);
    else if (state === 'connected') this.#interrupted.delete(direction);
    this.#setInterrupted();
  }

  #setInterrupted(): void {
    const isMediaInterrupted = this.#interrupted.size > 0 || this.#isRecovering;
    if (isMediaInterrupted !== this.#view.isMediaInterrupted) this.#setView({ isMediaInterrupted });
  }

  #setView(patch: Partial<CallMediaView>): void {
    const view = { ...this.#view, ...patch };
    if (
      view.remoteTracks === this.#view.remoteTracks &&
      view.isMediaInterrupted === this.#view.isMediaInterrupted
    ) {
      return;
    }
    this.#view = view;
    if (!this.#isClosed) this.#options.onChange(view);
  }
}
