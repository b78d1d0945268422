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
  onError?: (error: unknown) => void;
}

/**
 * A participant's media over the SFU: one send and one receive transport, connected as soon as the
 * session starts (before any call), so answering a call only costs the consumers.
 */
export class MediaSession {
  readonly #signalling: SignallingClient;
  readonly #events: MediaSessionEvents;
  readonly #producers = new Map<ProducerId, types.Producer>();
  readonly #consumers = new Map<string, types.Consumer>();
  readonly #unsubscribers: (() => void)[] = [];
  #sendTransport: types.Transport | undefined;
  #recvTransport: types.Transport | undefined;
  /** Consumers still being set up, by id. */
  readonly #settingUp = new Map<string, Promise<void>>();
  #isClosed = false;

  constructor(signalling: SignallingClient, events: MediaSessionEvents = {}) {
    this.#signalling = signalling;
    this.#events = events;
    this.#unsubscribers.push(
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

    const recvOptions = await this.#signalling.request('transport:create', {
      direction: 'recv',
      rtpCapabilities: device.rtpCapabilities as never,
    });
    const recv = device.createRecvTransport(recvOptions as types.TransportOptions);
    this.#wireTransport(recv);
    this.#recvTransport = recv;
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
    if (options.isDetail && track.kind === 'video') track.contentHint = 'detail';
    const producer = await this.#sendTransport.produce({
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
    const id = producer.id as ProducerId;
    this.#producers.set(id, producer);
    return id;
  }

  /** Consumers currently receiving, for statistics. */
  get consumers(): readonly types.Consumer[] {
    return [...this.#consumers.values()];
  }

  get producers(): readonly types.Producer[] {
    return [...this.#producers.values()];
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
    this.#sendTransport?.close();
    this.#recvTransport?.close();
    this.#producers.clear();
    this.#consumers.clear();
  }

  async #consume(fact: FactPayload<'consumer:new'>): Promise<void> {
    if (this.#isClosed) return;
    if (!this.#recvTransport) throw new Error('a consumer arrived before the receive transport exists');
    const consumer = await this.#recvTransport.consume({
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
    await this.#signalling.request('consumer:resume', { consumerId: fact.consumerId });
  }

  #wireTransport(transport: types.Transport): void {
    transport.on('connect', ({ dtlsParameters }, callback, errback) => {
      this.#signalling
        .request('transport:connect', { transportId: transport.id as never, dtlsParameters })
        .then(() => callback(), errback);
    });
    transport.on('connectionstatechange', (state) => {
      this.#events.onConnectionStateChange?.(transport.direction, state);
    });
  }
}
