import type { Logger } from 'pino';
import type {
  CommandRequest,
  CommandResponse,
  ConsumerId,
  TransportOptions,
  WireRtpCapabilities,
} from '@madoguchi/shared';
import { AppError } from '../errors.ts';
import { ParticipantMedia } from '../media/participant-media.ts';
import { turnIceServers, type TurnOptions } from '../media/turn-credentials.ts';
import type { PlacedRouter, WorkerPool } from '../media/worker-pool.ts';
import type { ConsultationService } from './consultation-service.ts';
import type { Participant } from './participant.ts';

/**
 * Each participant's media session on its home router: a kiosk's is its consultation's hub, a
 * clerk's is a desk router of its own that lives as long as the clerk's session, so the clerk's
 * transports are connected before any call arrives.
 */
export class SessionMediaService {
  readonly #pool: WorkerPool;
  readonly #consultations: ConsultationService;
  readonly #log: Logger;

  readonly #turn: TurnOptions;

  constructor(options: {
    pool: WorkerPool;
    consultations: ConsultationService;
    turn: TurnOptions;
    log: Logger;
  }) {
    this.#pool = options.pool;
    this.#turn = options.turn;
    this.#consultations = options.consultations;
    this.#log = options.log;
  }

  async getCapabilities(participant: Participant): Promise<WireRtpCapabilities> {
    const media = await this.#ensureMedia(participant);
    return media.routerRtpCapabilities;
  }

  async createTransport(
    participant: Participant,
    request: CommandRequest<'transport:create'>,
  ): Promise<TransportOptions> {
    const media = await this.#ensureMedia(participant);
    const options =
      request.direction === 'recv'
        ? await media.createTransport('recv', request.rtpCapabilities)
        : await media.createTransport('send');
    if (request.direction === 'recv') this.#consultations.mediaChanged(participant);
    return { ...options, ...turnIceServers(this.#turn, participant.id, Date.now()) };
  }

  async connectTransport(
    participant: Participant,
    request: CommandRequest<'transport:connect'>,
  ): Promise<void> {
    await this.#media(participant).connectTransport(request.transportId, request.dtlsParameters);
  }

  async produce(participant: Participant, request: CommandRequest<'producer:create'>): Promise<string> {
    const { transportId, kind, rtpParameters, source } = request;
    const producer = await this.#media(participant).produce(transportId, kind, rtpParameters, source);
    return producer.id;
  }

  refreshIceServers(participant: Participant): CommandResponse<'media:refresh-ice-servers'> {
    this.#media(participant);
    const turn = turnIceServers(this.#turn, participant.id, Date.now());
    return turn ? { iceServers: turn.iceServers, iceServersValidUntil: turn.iceServersValidUntil } : {};
  }

  async restartIce(
    participant: Participant,
    request: CommandRequest<'transport:restart-ice'>,
  ): Promise<CommandResponse<'transport:restart-ice'>> {
    return { iceParameters: await this.#media(participant).restartIce(request.transportId) };
  }

  async resumeConsumer(participant: Participant, consumerId: ConsumerId): Promise<void> {
    await this.#media(participant).resumeConsumer(consumerId);
  }

  #media(participant: Participant): ParticipantMedia {
    if (!participant.media || participant.media.isClosed) {
      throw AppError.invalidState('no media session: ask for capabilities first');
    }
    return participant.media;
  }

  async #ensureMedia(participant: Participant): Promise<ParticipantMedia> {
    if (participant.media && !participant.media.isClosed) return participant.media;
    const placed = await this.#homeRouterFor(participant);
    const log = this.#log.child({ participantId: participant.id, role: participant.role });
    const media = new ParticipantMedia({
      participantId: participant.id,
      router: placed.router,
      webRtcServer: placed.webRtcServer,
      ownsRouter: participant.role !== 'kiosk',
      log,
      events: {
        onProducer: () => this.#consultations.mediaChanged(participant),
        onConsumerClosed: (consumerId) =>
          participant.notify('consumer:closed', { consumerId: consumerId as ConsumerId }),
        onClosed: () => {
          if (participant.media !== media) return;
          participant.media = undefined;
          if (placed.isLost()) this.#consultations.mediaLost(participant);
        },
      },
    });
    participant.media = media;
    this.#consultations.mediaReady(participant);
    return media;
  }

  async #homeRouterFor(participant: Participant): Promise<PlacedRouter> {
    if (participant.role === 'kiosk') return this.#consultations.hubFor(participant);
    // Clerks and supervisors (who monitor calls) have desks of their own.
    if (participant.role !== 'clerk' && participant.role !== 'supervisor') throw AppError.forbidden('media');
    try {
      return await this.#pool.createRouter({ deskOf: participant.id });
    } catch (error) {
      this.#log.error({ err: error, participantId: participant.id }, 'no router for a desk');
      throw AppError.mediaUnavailable('no media capacity is available');
    }
  }
}
