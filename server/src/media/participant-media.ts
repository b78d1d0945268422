import type { types } from 'mediasoup';
import type { Logger } from 'pino';
import type {
  ControlChannel,
  MediaKind,
  MediaSource,
  TransportDirection,
  TransportOptions,
  WireDtlsParameters,
  WireIceParameters,
  WireRtpCapabilities,
  WireRtpParameters,
} from '@madoguchi/shared';
import { AppError } from '../errors.ts';

/** Stored on every producer; mediasoup copies it onto piped producers, so origin travels with media. */
export type ProducerOrigin = types.AppData & {
  participantId: string;
  source: MediaSource;
};

export interface ParticipantMediaEvents {
  /** The participant published a track. */
  onProducer: (producer: types.Producer<ProducerOrigin>) => void;
  /** A consumer went away without the participant asking (its producer closed). */
  onConsumerClosed: (consumerId: string) => void;
  /** The home router closed (its worker died, or the owner closed it). */
  onClosed: () => void;
}

/**
 * One participant's WebRTC transports, producers and consumers on its home router. Closing it
 * closes them all; the router stays with whoever owns it.
 */
export class ParticipantMedia {
  readonly participantId: string;
  readonly router: types.Router;
  readonly #webRtcServer: types.WebRtcServer;
  readonly #log: Logger;
  readonly #events: ParticipantMediaEvents;
  readonly #ownsRouter: boolean;
  readonly #transports = new Map<
    string,
    { transport: types.WebRtcTransport; direction: TransportDirection }
  >();
  readonly #producers = new Map<string, types.Producer<ProducerOrigin>>();
  readonly #consumers = new Map<string, types.Consumer>();
  /**
   * Consumers set up while a call rings, kept paused until it is answered even if the client has
   * already confirmed them: `heldFor` is the participant whose answer releases them.
   */
  readonly #held = new Map<string, { heldFor: string; isConfirmed: boolean }>();
  #recvTransport: types.WebRtcTransport | undefined;
  #control: Promise<{ direct: types.DirectTransport; producer: types.DataProducer }> | undefined;
  #rtpCapabilities: types.RtpCapabilities | undefined;
  #receiveEpoch = 0;
  #isClosed = false;

  constructor(options: {
    participantId: string;
    router: types.Router;
    webRtcServer: types.WebRtcServer;
    log: Logger;
    events: ParticipantMediaEvents;
    /** A desk router lives and dies with its participant's media; a hub belongs to its consultation. */
    ownsRouter?: boolean;
  }) {
    this.participantId = options.participantId;
    this.router = options.router;
    this.#ownsRouter = options.ownsRouter ?? false;
    this.#webRtcServer = options.webRtcServer;
    this.#log = options.log;
    this.#events = options.events;
    this.router.observer.once('close', () => this.close());
  }

  get isClosed(): boolean {
    return this.#isClosed;
  }

  /** True once a receive transport exists, so consumers can be created for this participant. */
  get canReceive(): boolean {
    return this.#recvTransport !== undefined && this.#rtpCapabilities !== undefined;
  }

  /**
   * Counts receive transports: a new one (the client started over) carries none of the old one's
   * consumers, so whoever tracks what this participant consumes starts afresh when it changes.
   */
  get receiveEpoch(): number {
    return this.#receiveEpoch;
  }

  get producers(): readonly types.Producer<ProducerOrigin>[] {
    return [...this.#producers.values()];
  }

  /** What the home router can carry, for the client's device. */
  get routerRtpCapabilities(): WireRtpCapabilities {
    return this.router.rtpCapabilities as WireRtpCapabilities;
  }

  /**
   * Wire payloads arrive shape-checked by their schemas; mediasoup checks their meaning and its
   * refusals become MEDIA_REJECTED.
   */
  async createTransport(
    direction: TransportDirection,
    rtpCapabilities?: WireRtpCapabilities,
  ): Promise<TransportOptions> {
    this.#assertOpen();
    const transport = await this.router.createWebRtcTransport({
      webRtcServer: this.#webRtcServer,
      enableUdp: true,
      enableTcp: true,
      preferUdp: true,
      enableSctp: direction === 'recv',
      // Documents need bandwidth from the first second, before the estimator has ramped up.
      initialAvailableOutgoingBitrate: 2_000_000,
      appData: { direction },
    });
    // One transport per direction: a client that lost its own (a reloaded page, transports that
    // did not come back) starts over, and what the old one carried goes with it. Closed after the
    // new one exists, so parallel requests cannot leave two of a direction open.
    for (const entry of this.#transports.values()) {
      if (entry.direction === direction) entry.transport.close();
    }
    this.#transports.set(transport.id, { transport, direction });
    transport.observer.once('close', () => {
      this.#transports.delete(transport.id);
      if (this.#recvTransport === transport) this.#recvTransport = undefined;
    });
    transport.on('dtlsstatechange', (state) => {
      if (state === 'failed' || state === 'closed') {
        this.#log.warn({ transportId: transport.id, direction, dtlsState: state }, 'transport DTLS ended');
      }
    });
    transport.on('icestatechange', (state) => {
      // The client restarts ICE itself (transport:restart-ice); the server only records it.
      if (state === 'disconnected')
        this.#log.info({ transportId: transport.id, direction }, 'transport ICE disconnected');
    });
    if (direction === 'recv') {
      this.#recvTransport = transport;
      this.#rtpCapabilities = rtpCapabilities as types.RtpCapabilities | undefined;
      this.#receiveEpoch++;
    }
    const options: TransportOptions = {
      id: transport.id as TransportOptions['id'],
      iceParameters: transport.iceParameters,
      iceCandidates: transport.iceCandidates,
      dtlsParameters: transport.dtlsParameters,
    };
    if (direction === 'recv' && transport.sctpParameters) {
      const { producer } = await this.#controlProducer();
      const dataConsumer = await transport.consumeData({ dataProducerId: producer.id });
      options.sctpParameters = transport.sctpParameters;
      options.controlChannel = {
        dataConsumerId: dataConsumer.id,
        dataProducerId: dataConsumer.dataProducerId,
        sctpStreamParameters: dataConsumer.sctpStreamParameters as ControlChannel['sctpStreamParameters'],
        label: dataConsumer.label,
        protocol: dataConsumer.protocol,
      };
    }
    return options;
  }

  /** The server's end of this participant's control channel, on a direct transport of the home router. */
  #controlProducer(): Promise<{ direct: types.DirectTransport; producer: types.DataProducer }> {
    this.#control ??= this.router.createDirectTransport().then(async (direct) => ({
      direct,
      producer: await direct.produceData({ label: 'control', protocol: 'madoguchi-control' }),
    }));
    return this.#control;
  }

  /** New ICE credentials for a transport whose client lost its connection (same DTLS, same media). */
  async restartIce(transportId: string): Promise<WireIceParameters> {
    const { transport, direction } = this.#transport(transportId);
    const iceParameters = await transport.restartIce();
    this.#log.info({ transportId, direction }, 'transport ICE restarted');
    return iceParameters as WireIceParameters;
  }

  async connectTransport(transportId: string, dtlsParameters: WireDtlsParameters): Promise<void> {
    const { transport } = this.#transport(transportId);
    try {
      await transport.connect({ dtlsParameters });
    } catch (error) {
      throw AppError.mediaRejected('the DTLS parameters were refused', error);
    }
  }

  async produce(
    transportId: string,
    kind: MediaKind,
    rtpParameters: WireRtpParameters,
    source: MediaSource,
  ): Promise<types.Producer<ProducerOrigin>> {
    const { transport, direction } = this.#transport(transportId);
    if (direction !== 'send') throw AppError.invalidState('media can only be published on a send transport');
    for (const existing of this.#producers.values()) {
      if (existing.appData.source === source)
        throw AppError.invalidState(`a ${source} track is already published`);
    }
    let producer: types.Producer<ProducerOrigin>;
    try {
      producer = await transport.produce<ProducerOrigin>({
        kind,
        rtpParameters: rtpParameters as types.RtpParameters,
        appData: { participantId: this.participantId, source },
      });
    } catch (error) {
      throw AppError.mediaRejected('the RTP parameters were refused', error);
    }
    this.#producers.set(producer.id, producer);
    producer.observer.once('close', () => this.#producers.delete(producer.id));
    this.#log.info({ producerId: producer.id, kind, source }, 'producer created');
    this.#events.onProducer(producer);
    return producer;
  }

  canConsume(producerId: string): boolean {
    return (
      this.#rtpCapabilities !== undefined &&
      this.router.canConsume({ producerId, rtpCapabilities: this.#rtpCapabilities })
    );
  }

  /**
   * Creates a paused consumer of a producer that lives on this participant's home router. With
   * `heldFor`, it stays paused after the client's confirmation until `release(heldFor)`.
   */
  async consume(producerId: string, heldFor?: string): Promise<types.Consumer> {
    this.#assertOpen();
    if (!this.#recvTransport || !this.#rtpCapabilities)
      throw AppError.invalidState('no receive transport yet');
    const consumer = await this.#recvTransport.consume({
      producerId,
      rtpCapabilities: this.#rtpCapabilities,
      paused: true,
    });
    this.#consumers.set(consumer.id, consumer);
    if (heldFor !== undefined) this.#held.set(consumer.id, { heldFor, isConfirmed: false });
    consumer.observer.once('close', () => {
      this.#consumers.delete(consumer.id);
      this.#held.delete(consumer.id);
    });
    // Only closures the participant did not ask for are reported (transport closures are the
    // participant's own doing, and producer closures mean the track went away).
    consumer.once('producerclose', () => this.#events.onConsumerClosed(consumer.id));
    return consumer;
  }

  hasConsumer(consumerId: string): boolean {
    return this.#consumers.has(consumerId);
  }

  async resumeConsumer(consumerId: string): Promise<void> {
    const consumer = this.#consumers.get(consumerId);
    if (!consumer) throw AppError.notFound('consumer');
    const held = this.#held.get(consumerId);
    if (held) {
      held.isConfirmed = true;
      return;
    }
    await consumer.resume();
  }

  /** Every consumer and whether media flows through it (for monitoring and tests). */
  consumerStates(): { consumerId: string; isPaused: boolean; isHeld: boolean }[] {
    return [...this.#consumers.values()].map((consumer) => ({
      consumerId: consumer.id,
      isPaused: consumer.paused,
      isHeld: this.#held.has(consumer.id),
    }));
  }

  /** The call was answered: consumers held for it flow now (those already confirmed at once). */
  async release(heldFor: string): Promise<void> {
    const resumes: Promise<void>[] = [];
    for (const [consumerId, held] of this.#held) {
      if (held.heldFor !== heldFor) continue;
      this.#held.delete(consumerId);
      const consumer = this.#consumers.get(consumerId);
      if (held.isConfirmed && consumer) resumes.push(consumer.resume());
    }
    await Promise.all(resumes);
  }

  /**
   * Closes the transports (and so every producer and consumer on them), and the router when it is
   * this participant's own desk; idempotent.
   */
  close(): void {
    if (this.#isClosed) return;
    this.#isClosed = true;
    for (const { transport } of this.#transports.values()) transport.close();
    this.#transports.clear();
    void this.#control?.then(({ direct }) => direct.close()).catch(() => undefined);
    this.#producers.clear();
    this.#consumers.clear();
    this.#recvTransport = undefined;
    if (this.#ownsRouter) this.router.close();
    this.#events.onClosed();
  }

  #transport(transportId: string) {
    this.#assertOpen();
    const entry = this.#transports.get(transportId);
    if (!entry) throw AppError.notFound('transport');
    return entry;
  }

  #assertOpen(): void {
    if (this.#isClosed) throw AppError.invalidState('the media session is closed');
  }
}
