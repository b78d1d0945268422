import { describe, expect, it } from 'vitest';
import { turnIceServers } from './turn-credentials.ts';

const options = {
  urls: ['turns:turn.example.lg.jp:443?transport=tcp'],
  sharedSecret: 'north',
  ttlSeconds: 600,
  isRelayOnly: true,
};

describe('turnIceServers', () => {
  it('issues coturn REST credentials: expiry in the username, HMAC-SHA1 of it as the password', () => {
    // 1699999400 + 600 = 1700000000; the expected value was computed independently with
    // `echo -n 1700000000:participant | openssl dgst -sha1 -hmac north -binary | base64`.
    const issued = turnIceServers(options, 'participant', 1_699_999_400_000);
    expect(issued).toEqual({
      iceServers: [
        {
          urls: ['turns:turn.example.lg.jp:443?transport=tcp'],
          username: '1700000000:participant',
          credential: 'Zn27WQGaQJtsakVlWEkrJHVR85s=',
        },
      ],
      iceTransportPolicy: 'relay',
      // 1700000000 s after the epoch.
      iceServersValidUntil: '2023-11-14T22:13:20.000Z',
    });
  });

  it('gives nothing when no TURN server is configured', () => {
    expect(turnIceServers({ ...options, urls: [] }, 'p', 0)).toBeUndefined();
  });
});
