import { Device, type types } from 'mediasoup-client';
import type { FactPayload } from '../events.ts';
import type { MediaSource } from '../media.ts';
import type { ParticipantId, ProducerId } from '../ids.ts';
import type { ParticipantRole } from '../consultation.ts';
import type { SignallingClient } from './signalling-client.ts';

/** A track received from another participant of the consultation. */
export interface RemoteTrack {
  consumerId: string;
  participantId: ParticipantId;
  role: ParticipantRole;
  source: MediaSource;
  kind: 'audio' | 'video';
  track: MediaStreamTrack;
}

export interface PublishOptions {
  /**
   * Tracks that carry documents keep their resolution when bandwidth or CPU is short (frame rate
   * drops instead), so small print stays legible.
   */
  isDetail?: boolean;
  /** Upper bound for the encoder, in bits per second. */
  maxBitrate?: number;
}

export interface MediaSessionEvents {
  onRemoteTrack?: (remote: RemoteTrack) => void;
  onRemoteTrackEnded?: (consumerId: string) => void;
  onConnectionStateChange?: (direction: 'send' | 'recv', state: string) => void;
  /**
   * True while the session is getting its media back (an ICE restart, or transports, producers
   * and consumers made anew after the server lost them); false once it has.
   */
  onRecoveringChange?: (isRecovering: boolean) => void;
  onError?: (error: unknown) => void;
}

/** How recovery is paced; every field has a default (tests shorten them). */
export interface MediaRecoveryOptions {
  /** A `disconnected` transport often comes back by itself; ICE is restarted only after this. */
  disconnectedGraceMs?: number;
  /** How long ICE restarts are tried before the whole session is made anew. */
  iceRestartDeadlineMs?: number;
  /** Pause between two ICE restart attempts (the socket may itself be coming back). */
  iceRestartIntervalMs?: number;
  /** First pause before a failed rebuild is tried again; it doubles up to `maxRetryDelayMs`. */
  retryDelayMs?: number;
  maxRetryDelayMs?: number;
}

const recoveryDefaults: Required<MediaRecoveryOptions> = {
  disconnectedGraceMs: 1_500,
  iceRestartDeadlineMs: 8_000,
  iceRestartIntervalMs: 1_500,
  retryDelayMs: 250,
  maxRetryDelayMs: 4_000,
};

/** A track this session sends, kept so a rebuilt session can send it again. */
interface Publication {
  track: MediaStreamTrack;
  source: MediaSource;
  options: PublishOptions;
  producer: types.Producer | undefined;
}

/**
 * A participant's media over the SFU: one send and one receive transport, connected as soon as the
 * session starts (before any call), so answering a call only costs the consumers.
 *
 * The session keeps its media flowing by itself: a transport that loses its connection gets an ICE
 * restart; one that does not come back, or a server that lost this session's media (`media:reset`,
 * a media worker died), has the whole session made anew (transports, the same tracks published
 * again, and the server sends fresh consumers), retried with back-off until it succeeds or the
 * session is closed.
 */
export class MediaSession {
  readonly #signalling: SignallingClient;
  readonly #events: MediaSessionEvents;
  readonly #recovery: Required<MediaRecoveryOptions>;
  readonly #publications: Publication[] = [];
  readonly #consumers = new Map<string, types.Consumer>();
  readonly #unsubscribers: (() => void)[] = [];
  #sendTransport: types.Transport | undefined;
  #recvTransport: types.Transport | undefined;
  /** Resolves once the current receive transport exists (consumers wait for it during a rebuild). */
  #recvReady: Promise<types.Transport>;
  #resolveRecv: (transport: types.Transport) => void = () => {};
  /** Consumers still being set up, by id. */
  readonly #settingUp = new Map<string, Promise<void>>();
  /** Per transport direction, what its ICE recovery is waiting for. */
  readonly #iceTimers = new Map<'send' | 'recv', ReturnType<typeof setTimeout>>();
  readonly #iceDeadlines = new Map<'send' | 'recv', ReturnType<typeof setTimeout>>();
  #iceServersTimer: ReturnType<typeof setTimeout> | undefined;
  #rebuild: Promise<void> | undefined;
  #isRebuildAgain = false;
  #isRecovering = false;
  #isStarted = false;
  #isClosed = false;

  constructor(
    signalling: SignallingClient,
    events: MediaSessionEvents = {},
    recovery: MediaRecoveryOptions = {},
  ) {
    this.#signalling = signalling;
    this.#events = events;
    this.#recovery = { ...recoveryDefaults, ...recovery };
    this.#recvReady = this.#newRecvReady();
    this.#unsubscribers.push(
      signalling.on('media:reset', () => this.#startRebuild()),
      signalling.on('consumer:new', (fact) => {
        // Started at once: consumers arriving together are set up in one renegotiation.
        const setup = this.#consume(fact).catch((error: unknown) => this.#events.onError?.(error));
        this.#settingUp.set(fact.consumerId, setup);
        void setup.finally(() => this.#settingUp.delete(fact.consumerId));
      }),
      signalling.on('consumer:closed', ({ consumerId }) => {
        // Waits for the consumer's own setup, so a close that overtakes it still finds it instead
        // of leaving a dead track reported as live.
        void (this.#settingUp.get(consumerId) ?? Promise.resolve()).then(() => {
          const consumer = this.#consumers.get(consumerId);
          if (!consumer) return;
          consumer.close();
          this.#consumers.delete(consumerId);
          this.#events.onRemoteTrackEnded?.(consumerId);
        });
      }),
    );
  }

  /** Loads the router's capabilities and connects both transports. */
  async start(): Promise<void> {
    // No media capacity for a moment (a worker is being replaced), or a request lost with a
    // dropped socket: asked again with back-off. Any other refusal is final.
    let delayMs = this.#recovery.retryDelayMs;
    for (;;) {
      try {
        await this.#open();
        break;
      } catch (error) {
        const code = (error as { code?: unknown }).code;
        if (this.#isClosed || (code !== 'MEDIA_UNAVAILABLE' && code !== 'TIMEOUT')) throw error;
        this.#tearDown();
        await new Promise((resolve) => setTimeout(resolve, delayMs));
        delayMs = Math.min(delayMs * 2, this.#recovery.maxRetryDelayMs);
      }
    }
    this.#isStarted = true;
  }

  /** True from the first successful start until close (recovery may be under way). */
  get isStarted(): boolean {
    return this.#isStarted;
  }

  async #open(): Promise<void> {
    const { routerRtpCapabilities } = await this.#signalling.request('media:get-capabilities', {});
    const device = new Device();
    await device.load({ routerRtpCapabilities: routerRtpCapabilities as types.RtpCapabilities });

    const sendOptions = await this.#signalling.request('transport:create', { direction: 'send' });
    const send = device.createSendTransport(sendOptions as types.TransportOptions);
    this.#wireTransport(send);
    send.on('produce', ({ kind, rtpParameters, appData }, callback, errback) => {
      this.#signalling
        .request('producer:create', {
          transportId: sendOptions.id,
          kind,
          rtpParameters: rtpParameters as never,
          source: appData.source as MediaSource,
        })
        .then(({ producerId }) => callback({ id: producerId }), errback);
    });
    this.#sendTransport = send;
    this.#scheduleIceServersRefresh(sendOptions.iceServersValidUntil);

    const recvOptions = await this.#signalling.request('transport:create', {
      direction: 'recv',
      rtpCapabilities: device.rtpCapabilities as never,
    });
    const recv = device.createRecvTransport(recvOptions as types.TransportOptions);
    this.#wireTransport(recv);
    this.#recvTransport = recv;
    this.#resolveRecv(recv);
    if (recvOptions.controlChannel) {
      // Opening the channel connects the receive transport now, not when the first call arrives.
      const { dataConsumerId, ...channel } = recvOptions.controlChannel;
      await recv.consumeData({
        id: dataConsumerId,
        ...channel,
        sctpStreamParameters: channel.sctpStreamParameters as types.SctpStreamParameters,
      });
    }
  }

  async publish(
    track: MediaStreamTrack,
    source: MediaSource,
    options: PublishOptions = {},
  ): Promise<ProducerId> {
    if (!this.#sendTransport) throw new Error('MediaSession.start() must finish before publish()');
    const publication: Publication = { track, source, options, producer: undefined };
    this.#publications.push(publication);
    return this.#produce(publication, this.#sendTransport);
  }

  async #produce(publication: Publication, transport: types.Transport): Promise<ProducerId> {
    const { track, source, options } = publication;
    if (options.isDetail && track.kind === 'video') track.contentHint = 'detail';
    const producer = await transport.produce({
      track,
      stopTracks: false,
      appData: { source },
      ...(options.maxBitrate ? { encodings: [{ maxBitrate: options.maxBitrate }] } : {}),
      ...(options.isDetail
        ? {
            onRtpSender: (sender: RTCRtpSender) => {
              const parameters = sender.getParameters();
              parameters.degradationPreference = 'maintain-resolution';
              sender.setParameters(parameters).catch((error: unknown) => this.#events.onError?.(error));
            },
          }
        : {}),
    });
    publication.producer = producer;
    return producer.id as ProducerId;
  }

  /** Consumers currently receiving, for statistics. */
  get consumers(): readonly types.Consumer[] {
    return [...this.#consumers.values()];
  }

  get producers(): readonly types.Producer[] {
    return this.#publications.flatMap(({ producer }) => (producer && !producer.closed ? [producer] : []));
  }

  /**
   * The receive transport's statistics (round-trip time, inbound packets and losses), for the
   * connection-quality indicator; null before the transport exists or after the session closed.
   */
  async getReceiveStats(): Promise<ReadonlyMap<string, unknown> | null> {
    if (this.#isClosed || !this.#recvTransport) return null;
    return (await this.#recvTransport.getStats()) as ReadonlyMap<string, unknown>;
  }

  close(): void {
    if (this.#isClosed) return;
    this.#isClosed = true;
    for (const unsubscribe of this.#unsubscribers) unsubscribe();
    this.#clearIceTimers();
    clearTimeout(this.#iceServersTimer);
    this.#sendTransport?.close();
    this.#recvTransport?.close();
    this.#publications.length = 0;
    this.#consumers.clear();
  }

  /** Makes the session anew (see the class comment); concurrent reasons share one rebuild. */
  #startRebuild(): void {
    if (this.#isClosed || !this.#isStarted) return;
    if (this.#rebuild) {
      // Whatever the running rebuild has done may already be stale (a second worker died).
      this.#isRebuildAgain = true;
      return;
    }
    this.#setRecovering(true);
    this.#rebuild = this.#rebuildUntilDone().finally(() => {
      this.#rebuild = undefined;
      this.#settleRecovery();
    });
  }

  async #rebuildUntilDone(): Promise<void> {
    let delay = this.#recovery.retryDelayMs;
    for (;;) {
      this.#isRebuildAgain = false;
      this.#tearDown();
      if (this.#isClosed) return;
      try {
        await this.#open();
        for (const publication of this.#publications) {
          if (this.#isClosed) return;
          if (publication.track.readyState === 'live') await this.#produce(publication, this.#sendTransport!);
        }
        if (!this.#isRebuildAgain) return;
      } catch (error) {
        if (this.#isClosed) return;
        this.#events.onError?.(error);
        await new Promise((resolve) => setTimeout(resolve, delay));
        delay = Math.min(delay * 2, this.#recovery.maxRetryDelayMs);
      }
    }
  }

  /**
   * TURN credentials expire (a desk stays connected all day): fresh ones are fetched well before,
   * at four fifths of the time left and at least a minute ahead, and handed to both transports.
   */
  #scheduleIceServersRefresh(validUntil: string | undefined): void {
    clearTimeout(this.#iceServersTimer);
    if (validUntil === undefined || this.#isClosed) return;
    const remainingMs = Date.parse(validUntil) - Date.now();
    const delayMs = Math.max(0, Math.min(remainingMs * 0.8, remainingMs - 60_000));
    this.#iceServersTimer = setTimeout(() => void this.#refreshIceServers(), delayMs);
  }

  async #refreshIceServers(): Promise<void> {
    try {
      const fresh = await this.#signalling.request('media:refresh-ice-servers', {});
      if (this.#isClosed) return;
      if (fresh.iceServers) {
        const iceServers = fresh.iceServers as RTCIceServer[];
        for (const transport of [this.#sendTransport, this.#recvTransport]) {
          if (transport && !transport.closed) await transport.updateIceServers({ iceServers });
        }
      }
      this.#scheduleIceServersRefresh(fresh.iceServersValidUntil);
    } catch (error) {
      this.#events.onError?.(error);
      if (!this.#isClosed) this.#iceServersTimer = setTimeout(() => void this.#refreshIceServers(), 30_000);
    }
  }

  /** Drops the transports of a session the server no longer has; their remote tracks end. */
  #tearDown(): void {
    this.#clearIceTimers();
    clearTimeout(this.#iceServersTimer);
    this.#sendTransport?.close();
    this.#recvTransport?.close();
    this.#sendTransport = undefined;
    this.#recvTransport = undefined;
    this.#recvReady = this.#newRecvReady();
    for (const publication of this.#publications) publication.producer = undefined;
    for (const [consumerId, consumer] of this.#consumers) {
      consumer.close();
      this.#events.onRemoteTrackEnded?.(consumerId);
    }
    this.#consumers.clear();
  }

  #newRecvReady(): Promise<types.Transport> {
    return new Promise((resolve) => {
      this.#resolveRecv = resolve;
    });
  }

  #setRecovering(isRecovering: boolean): void {
    if (this.#isRecovering === isRecovering) return;
    this.#isRecovering = isRecovering;
    this.#events.onRecoveringChange?.(isRecovering);
  }

  async #consume(fact: FactPayload<'consumer:new'>): Promise<void> {
    if (this.#isClosed) return;
    const transport = await this.#recvReady;
    if (this.#isClosed || transport !== this.#recvTransport) return;
    const consumer = await transport.consume({
      id: fact.consumerId,
      producerId: fact.producerId,
      kind: fact.kind,
      rtpParameters: fact.rtpParameters as types.RtpParameters,
    });
    this.#consumers.set(consumer.id, consumer);
    // Shown before it is resumed, so the element is ready when the first frame arrives.
    this.#events.onRemoteTrack?.({
      consumerId: consumer.id,
      participantId: fact.participantId,
      role: fact.role,
      source: fact.source,
      kind: fact.kind,
      track: consumer.track,
    });
    // The server created the consumer paused; resuming now means the first packets, and the
    // key frame the server asks for, reach a decoder that is ready for them.
    await this.#resumeConsumer(consumer);
  }

  /** Asks the server to let a consumer flow; a request lost with a dying socket is asked again. */
  async #resumeConsumer(consumer: types.Consumer): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.#signalling.request('consumer:resume', { consumerId: consumer.id as never });
        return;
      } catch (error) {
        if (consumer.closed || this.#isClosed) return;
        const code = (error as { code?: unknown }).code;
        if (code === 'NOT_FOUND') {
          // The server no longer has it (its session was rebuilt meanwhile): a dead track goes.
          consumer.close();
          if (this.#consumers.delete(consumer.id)) this.#events.onRemoteTrackEnded?.(consumer.id);
          return;
        }
        if (code !== 'TIMEOUT' || attempt >= 5) throw error;
      }
    }
  }

  #wireTransport(transport: types.Transport): void {
    transport.on('connect', ({ dtlsParameters }, callback, errback) => {
      this.#signalling
        .request('transport:connect', { transportId: transport.id as never, dtlsParameters })
        .then(() => callback(), errback);
    });
    transport.on('connectionstatechange', (state) => {
      if (transport !== this.#sendTransport && transport !== this.#recvTransport) return;
      this.#events.onConnectionStateChange?.(transport.direction, state);
      this.#watchConnection(transport, state);
    });
  }

  /**
   * `disconnected` for longer than a moment, or `failed`: restart ICE (new server credentials,
   * same DTLS session, producers and consumers kept), again every interval while it stays down;
   * past the deadline the session is made anew.
   */
  #watchConnection(transport: types.Transport, state: string): void {
    const direction = transport.direction;
    const { disconnectedGraceMs, iceRestartDeadlineMs, iceRestartIntervalMs } = this.#recovery;
    if (state === 'connected') {
      this.#clearIceTimers(direction);
      this.#settleRecovery();
      return;
    }
    if (state !== 'disconnected' && state !== 'failed') return;
    if (this.#iceTimers.has(direction) || this.#rebuild) return;
    const attempt = () => {
      if (this.#isClosed || this.#connectionOf(direction) !== transport) return;
      this.#setRecovering(true);
      this.#iceTimers.set(direction, setTimeout(attempt, iceRestartIntervalMs));
      this.#signalling
        .request('transport:restart-ice', { transportId: transport.id as never })
        .then(({ iceParameters }) => {
          if (transport.closed) return;
          return transport.restartIce({ iceParameters: iceParameters as types.IceParameters });
        })
        .catch(() => {
          // The socket may be down too; the next attempt, or the rebuild, takes it from here.
        });
    };
    this.#iceTimers.set(direction, setTimeout(attempt, state === 'failed' ? 0 : disconnectedGraceMs));
    this.#iceDeadlines.set(
      direction,
      setTimeout(() => {
        this.#iceDeadlines.delete(direction);
        if (this.#isClosed || this.#connectionOf(direction) !== transport) return;
        this.#startRebuild();
      }, iceRestartDeadlineMs),
    );
  }

  #connectionOf(direction: 'send' | 'recv'): types.Transport | undefined {
    return direction === 'send' ? this.#sendTransport : this.#recvTransport;
  }

  /** Recovery is over once nothing is being rebuilt or restarted and media can flow both ways. */
  #settleRecovery(): void {
    if (!this.#rebuild && this.#iceDeadlines.size === 0 && this.#isConnected()) this.#setRecovering(false);
  }

  #isConnected(): boolean {
    const send = this.#sendTransport;
    const recv = this.#recvTransport;
    // A send transport connects only once something is published.
    const isSendUp =
      send?.connectionState === 'connected' || (send !== undefined && this.#publications.length === 0);
    return isSendUp && recv?.connectionState === 'connected';
  }

  #clearIceTimers(direction?: 'send' | 'recv'): void {
    for (const timers of [this.#iceTimers, this.#iceDeadlines]) {
      for (const [key, timer] of timers) {
        if (direction !== undefined && key !== direction) continue;
        clearTimeout(timer);
        timers.delete(key);
      }
    }
  }
}
