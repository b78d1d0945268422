import type { SessionMediaService } from '../../sessions/session-media.ts';
import type { CommandHandlers } from '../register-handlers.ts';

type MediaHandlers = Pick<
  CommandHandlers,
  | 'media:get-capabilities'
  | 'transport:create'
  | 'transport:connect'
  | 'transport:restart-ice'
  | 'media:refresh-ice-servers'
  | 'producer:create'
  | 'consumer:resume'
>;

export function mediaHandlers(media: SessionMediaService): MediaHandlers {
  return {
    'media:get-capabilities': async (participant) => ({
      routerRtpCapabilities: await media.getCapabilities(participant),
    }),
    'transport:create': (participant, request) => media.createTransport(participant, request),
    'transport:connect': async (participant, request) => {
      await media.connectTransport(participant, request);
      return {};
    },
    'transport:restart-ice': (participant, request) => media.restartIce(participant, request),
    'media:refresh-ice-servers': async (participant) => media.refreshIceServers(participant),
    'producer:create': async (participant, request) => ({
      producerId: (await media.produce(participant, request)) as never,
    }),
    'consumer:resume': async (participant, { consumerId }) => {
      await media.resumeConsumer(participant, consumerId);
      return {};
    },
  };
}
