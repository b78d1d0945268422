import { z } from 'zod';

/**
 * Media negotiation payloads. They are checked here for shape and size; mediasoup validates the
 * semantics (codec support, fingerprints) and its refusals become MEDIA_REJECTED.
 */

export const mediaKindSchema = z.enum(['audio', 'video']);
export type MediaKind = z.infer<typeof mediaKindSchema>;

/** What a track shows; the console lays out a kiosk's face and document cameras differently. */
export const mediaSourceSchema = z.enum(['microphone', 'camera', 'document-camera']);
export type MediaSource = z.infer<typeof mediaSourceSchema>;

const shortString = z.string().max(128);
const parameterBag = z.record(z.string().max(64), z.union([z.string().max(256), z.number()]));

const rtcpFeedbackSchema = z
  .array(z.object({ type: shortString, parameter: shortString.optional() }))
  .max(16);

const codecCapabilitySchema = z.looseObject({
  kind: mediaKindSchema,
  mimeType: shortString,
  clockRate: z.number().int().positive(),
  channels: z.number().int().positive().max(8).optional(),
  preferredPayloadType: z.number().int().min(0).max(127).optional(),
  parameters: parameterBag.optional(),
  rtcpFeedback: rtcpFeedbackSchema.optional(),
});

const headerExtensionSchema = z.looseObject({
  uri: z.string().max(256),
});

export const rtpCapabilitiesSchema = z.looseObject({
  codecs: z.array(codecCapabilitySchema).max(64).optional(),
  headerExtensions: z.array(headerExtensionSchema).max(64).optional(),
});
export type WireRtpCapabilities = z.infer<typeof rtpCapabilitiesSchema>;

export const rtpParametersSchema = z.looseObject({
  mid: z.string().max(32).optional(),
  codecs: z
    .array(
      z.looseObject({
        mimeType: shortString,
        payloadType: z.number().int().min(0).max(127),
        clockRate: z.number().int().positive(),
        channels: z.number().int().positive().max(8).optional(),
        parameters: parameterBag.optional(),
        rtcpFeedback: rtcpFeedbackSchema.optional(),
      }),
    )
    .min(1)
    .max(16),
  headerExtensions: z.array(headerExtensionSchema).max(32).optional(),
  encodings: z.array(z.looseObject({})).max(8).optional(),
  rtcp: z.looseObject({}).optional(),
});
export type WireRtpParameters = z.infer<typeof rtpParametersSchema>;

export const dtlsParametersSchema = z.object({
  role: z.enum(['auto', 'client', 'server']).optional(),
  fingerprints: z
    .array(
      z.object({
        algorithm: z.enum(['sha-1', 'sha-224', 'sha-256', 'sha-384', 'sha-512']),
        value: z.string().max(256),
      }),
    )
    .min(1)
    .max(8),
});
export type WireDtlsParameters = z.infer<typeof dtlsParametersSchema>;

export const iceParametersSchema = z.looseObject({
  usernameFragment: z.string().max(256),
  password: z.string().max(256),
  iceLite: z.boolean().optional(),
});
export type WireIceParameters = z.infer<typeof iceParametersSchema>;

export const iceCandidateSchema = z.looseObject({
  foundation: z.string().max(64),
  priority: z.number(),
  address: z.string().max(256),
  ip: z.string().max(256),
  protocol: z.enum(['udp', 'tcp']),
  port: z.number().int().min(1).max(65535),
  type: z.string().max(16),
  tcpType: z.string().max(16).optional(),
});

export const transportDirectionSchema = z.enum(['send', 'recv']);
export type TransportDirection = z.infer<typeof transportDirectionSchema>;

export const sctpParametersSchema = z.looseObject({
  port: z.number().int(),
  OS: z.number().int(),
  MIS: z.number().int(),
  maxMessageSize: z.number().int(),
});

export const controlChannelSchema = z.object({
  dataConsumerId: z.uuid(),
  dataProducerId: z.uuid(),
  sctpStreamParameters: z.looseObject({ streamId: z.number().int().min(0).max(65_535) }),
  label: z.string().max(64),
  protocol: z.string().max(64),
});
export type ControlChannel = z.infer<typeof controlChannelSchema>;

/** A TURN or STUN server for the browser's ICE agent (booths behind strict firewalls). */
export const iceServerSchema = z.object({
  urls: z.union([z.string().max(256), z.array(z.string().max(256)).max(4)]),
  username: z.string().max(256).optional(),
  credential: z.string().max(256).optional(),
});
export type IceServer = z.infer<typeof iceServerSchema>;
