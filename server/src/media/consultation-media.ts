import type { types } from 'mediasoup';
import type { Logger } from 'pino';
import type { ParticipantMedia, ProducerOrigin } from './participant-media.ts';
import type { PlacedRouter } from './worker-pool.ts';

export interface NewConsumer {
  /** Who receives. */
  receiverId: string;
  consumer: types.Consumer;
  origin: ProducerOrigin;
}

export interface ConsultationMediaEvents {
  onConsumer: (created: NewConsumer) => void;
  onError: (error: unknown) => void;
}

interface Member {
  media: ParticipantMedia;
  /** Origin producer ids this member already consumes, on the receive transport of `receiveEpoch`. */
  consumed: Set<string>;
  receiveEpoch: number;
  /**
   * A clerk being offered the call. Media is piped between desk and hub and consumers are set up
   * on both sides while it rings, but they stay paused until the clerk answers; answering then
   * only resumes them. Piping early also makes the senders produce their pipe key frame well
   * before the one the consumers ask for on answer (browsers ignore a second request within a few
   * hundred milliseconds).
   */
  isProspect: boolean;
  /** A supervisor monitoring: receives everything, and nothing it sends reaches the others. */
  isListenOnly: boolean;
}

/**
 * The media of one consultation, hub and spoke: the consultation's own router (the hub) carries
 * the kiosk's transports; each clerk keeps the transports of their desk router, connected before
 * any call, and joins by piping producers between desk and hub. Every member receives every other
 * member's tracks. Changes run one at a time so two arrivals cannot create the same consumer twice.
 */
export class ConsultationMedia {
  readonly hub: types.Router;
  /** The WebRtcServer of the hub's worker, for transports created on the hub. */
  readonly hubWebRtcServer: types.WebRtcServer;
  readonly #log: Logger;
  readonly #events: ConsultationMediaEvents;
  readonly #members = new Map<string, Member>();
  /** Producer as seen on a router, keyed by `${routerId}:${originProducerId}`. */
  readonly #routed = new Map<string, Promise<types.Producer<ProducerOrigin>>>();
  #queue: Promise<void> = Promise.resolve();
  #isClosed = false;

  /** The hub as placed on its worker (to tell a worker's death from an orderly close). */
  readonly placedHub: PlacedRouter;

  constructor(hub: PlacedRouter, log: Logger, events: ConsultationMediaEvents) {
    this.placedHub = hub;
    this.hub = hub.router;
    this.hubWebRtcServer = hub.webRtcServer;
    this.#log = log;
    this.#events = events;
  }

  get isClosed(): boolean {
    return this.#isClosed || this.hub.closed;
  }

  add(media: ParticipantMedia, options: { isListenOnly?: boolean } = {}): void {
    const isListenOnly = options.isListenOnly ?? false;
    const existing = this.#members.get(media.participantId);
    if (existing?.media === media && existing.isListenOnly !== isListenOnly) {
      existing.isListenOnly = isListenOnly;
      this.sync();
      return;
    }
    if (existing?.media === media) {
      if (!existing.isProspect) return;
      existing.isProspect = false;
      const members = [...this.#members.values()];
      this.#enqueue(async () => {
        await Promise.all(members.map((member) => member.media.release(media.participantId)));
      });
      this.sync();
      return;
    }
    // A member whose media session was made anew (its worker died) starts over with the new one.
    this.#members.set(media.participantId, memberOf(media, { isProspect: false, isListenOnly }));
    this.sync();
  }

  /** Gets a clerk's desk ready for this call while it is being offered (again, if it was rebuilt). */
  prepare(media: ParticipantMedia): void {
    if (this.#members.get(media.participantId)?.media === media) return;
    this.#members.set(media.participantId, memberOf(media, { isProspect: true, isListenOnly: false }));
    this.sync();
  }

  /**
   * Stops a member's part in the consultation: what it received is closed, and what it published
   * stops reaching the others. Its transports stay open (a clerk's desk outlives the call).
   */
  remove(participantId: string): void {
    const member = this.#members.get(participantId);
    if (!member) return;
    this.#members.delete(participantId);
    this.#enqueue(async () => {
      for (const [key, routed] of this.#routed) {
        const producer = await routed.catch(() => undefined);
        if (!producer) continue;
        const isIntoLeaver = key.startsWith(`${member.media.router.id}:`) && member.media.router !== this.hub;
        const isFromLeaver = producer.appData.participantId === participantId;
        if (isIntoLeaver || isFromLeaver) {
          // Only piped producers are in this map: closing one closes its consumers (the
          // receivers get consumer:closed) while the origin producer lives on.
          producer.close();
          this.#routed.delete(key);
        }
      }
      for (const other of this.#members.values()) {
        for (const producer of member.media.producers) other.consumed.delete(producer.id);
      }
    });
  }

  /** Creates whatever consumers are missing; call after any member, producer or transport change. */
  sync(): void {
    this.#enqueue(() => this.#sync());
  }

  /** Resolves when every queued change has been applied (for tests and orderly shutdown). */
  settled(): Promise<void> {
    return this.#queue;
  }

  close(): void {
    if (this.#isClosed) return;
    this.#isClosed = true;
    for (const member of this.#members.keys()) this.remove(member);
    // Closing the hub closes its pipe transports, whose desk-side twins close with them.
    this.#enqueue(async () => {
      this.hub.close();
    });
  }

  #enqueue(task: () => Promise<void>): void {
    this.#queue = this.#queue.then(task).catch((error: unknown) => this.#events.onError(error));
  }

  async #sync(): Promise<void> {
    if (this.isClosed) return;
    for (const [receiverId, receiver] of this.#members) {
      if (receiver.media.isClosed) continue;
      if (receiver.receiveEpoch !== receiver.media.receiveEpoch) {
        // The receiver started over with a new receive transport: nothing it consumed survives.
        receiver.consumed.clear();
        receiver.receiveEpoch = receiver.media.receiveEpoch;
      }
      for (const [senderId, sender] of this.#members) {
        if (senderId === receiverId || (sender.isProspect && receiver.isProspect) || sender.isListenOnly)
          continue;
        for (const origin of sender.media.producers) {
          if (receiver.consumed.has(origin.id) || origin.closed) continue;
          if (!receiver.media.canReceive) continue;
          const heldFor = receiver.isProspect ? receiverId : sender.isProspect ? senderId : undefined;
          const local = await this.#onRouter(origin, sender.media.router, receiver.media.router);
          if (!receiver.media.canConsume(local.id)) {
            this.#log.warn(
              { receiverId, producerId: origin.id },
              'receiver cannot decode this track; skipped',
            );
            receiver.consumed.add(origin.id);
            continue;
          }
          const consumer = await receiver.media.consume(local.id, heldFor);
          receiver.consumed.add(origin.id);
          this.#events.onConsumer({ receiverId, consumer, origin: origin.appData });
        }
      }
    }
  }

  /** The producer as available on `target`, piping it through the hub when it lives elsewhere. */
  async #onRouter(
    origin: types.Producer<ProducerOrigin>,
    home: types.Router,
    target: types.Router,
  ): Promise<types.Producer<ProducerOrigin>> {
    if (home === target) return origin;
    const onHub = home === this.hub ? origin : await this.#pipe(origin, origin.id, home, this.hub);
    return target === this.hub ? onHub : this.#pipe(onHub, origin.id, this.hub, target);
  }

  #pipe(
    producer: types.Producer<ProducerOrigin>,
    originId: string,
    from: types.Router,
    to: types.Router,
  ): Promise<types.Producer<ProducerOrigin>> {
    const key = `${to.id}:${originId}`;
    let routed = this.#routed.get(key);
    if (!routed) {
      routed = from
        .pipeToRouter({ producerId: producer.id, router: to, keepId: false, enableSctp: false })
        .then(({ pipeProducer }) => {
          if (!pipeProducer) throw new Error('pipeToRouter returned no producer');
          // Its origin closed, or the pipe went with a dead worker's router: pipe afresh next time.
          pipeProducer.observer.once('close', () => {
            if (this.#routed.get(key) === routed) this.#routed.delete(key);
          });
          return pipeProducer as unknown as types.Producer<ProducerOrigin>;
        });
      this.#routed.set(key, routed);
      routed.catch(() => this.#routed.delete(key));
    }
    return routed;
  }
}

function memberOf(media: ParticipantMedia, role: { isProspect: boolean; isListenOnly: boolean }): Member {
  return { media, consumed: new Set(), receiveEpoch: media.receiveEpoch, ...role };
}
