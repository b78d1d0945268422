import type { MediaSource, WireRtpParameters } from '@madoguchi/shared';
import type { TestClient } from './test-client.ts';

let nextSsrc = 1000;

/** RTP parameters as a browser would send them for one track (no packets are sent). */
export function rtpParametersFor(kind: 'audio' | 'video'): WireRtpParameters {
  const ssrc = nextSsrc++;
  return kind === 'audio'
    ? {
        codecs: [{ mimeType: 'audio/opus', payloadType: 111, clockRate: 48_000, channels: 2 }],
        encodings: [{ ssrc }],
        rtcp: { cname: `test-${ssrc}` },
      }
    : {
        codecs: [
          { mimeType: 'video/VP8', payloadType: 96, clockRate: 90_000, rtcpFeedback: [{ type: 'nack' }] },
        ],
        encodings: [{ ssrc }],
        rtcp: { cname: `test-${ssrc}` },
      };
}

/** Creates send and receive transports and publishes the given sources, like MediaSession does. */
export async function startFakeMedia(
  client: TestClient,
  sources: { source: MediaSource; kind: 'audio' | 'video' }[],
): Promise<{ producerIds: string[] }> {
  const { routerRtpCapabilities } = await client.signalling.request('media:get-capabilities', {});
  const send = await client.signalling.request('transport:create', { direction: 'send' });
  await client.signalling.request('transport:create', {
    direction: 'recv',
    rtpCapabilities: routerRtpCapabilities,
  });
  const producerIds: string[] = [];
  for (const { source, kind } of sources) {
    const { producerId } = await client.signalling.request('producer:create', {
      transportId: send.id,
      kind,
      rtpParameters: rtpParametersFor(kind),
      source,
    });
    producerIds.push(producerId);
  }
  return { producerIds };
}

export const kioskSources = [
  { source: 'microphone', kind: 'audio' },
  { source: 'camera', kind: 'video' },
  { source: 'document-camera', kind: 'video' },
] as const satisfies { source: MediaSource; kind: 'audio' | 'video' }[];

export const clerkSources = [
  { source: 'microphone', kind: 'audio' },
  { source: 'camera', kind: 'video' },
] as const satisfies { source: MediaSource; kind: 'audio' | 'video' }[];
