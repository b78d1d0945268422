import type { types } from 'mediasoup';

/**
 * Codecs every router offers. VP8 is decoded everywhere kiosks run; H.264 lets hardware encoders
 * on low-power kiosk PCs take over. Start bitrates are high because the document camera needs
 * detail from the first frame.
 */
export const routerMediaCodecs: types.RouterRtpCodecCapability[] = [
  { kind: 'audio', mimeType: 'audio/opus', clockRate: 48_000, channels: 2 },
  {
    kind: 'video',
    mimeType: 'video/VP8',
    clockRate: 90_000,
    parameters: { 'x-google-start-bitrate': 1_500 },
  },
  {
    kind: 'video',
    mimeType: 'video/H264',
    clockRate: 90_000,
    parameters: {
      'packetization-mode': 1,
      'profile-level-id': '42e01f',
      'level-asymmetry-allowed': 1,
      'x-google-start-bitrate': 1_500,
    },
  },
];
