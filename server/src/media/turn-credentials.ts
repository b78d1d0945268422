import { createHmac } from 'node:crypto';
import type { IceServer } from '@madoguchi/shared';

export interface TurnOptions {
  /** e.g. `turns:turn.example.lg.jp:443?transport=tcp`; empty when the deployment has no TURN. */
  urls: string[];
  /** coturn's `static-auth-secret` (use-auth-secret mode). */
  sharedSecret: string;
  /** How long issued credentials stay valid. */
  ttlSeconds: number;
  /** Send all media through TURN. */
  isRelayOnly: boolean;
}

/**
 * Time-limited TURN credentials in coturn's REST-API scheme: the username carries its own expiry,
 * the password is an HMAC of it under the shared secret. Nothing is stored, and a leaked
 * credential stops working by itself.
 */
export function turnIceServers(
  options: TurnOptions,
  userId: string,
  now: number,
):
  { iceServers: IceServer[]; iceTransportPolicy: 'all' | 'relay'; iceServersValidUntil: string } | undefined {
  if (options.urls.length === 0) return undefined;
  const expiresAtS = Math.floor(now / 1000) + options.ttlSeconds;
  const username = `${expiresAtS}:${userId}`;
  const credential = createHmac('sha1', options.sharedSecret).update(username).digest('base64');
  return {
    iceServers: [{ urls: options.urls, username, credential }],
    iceTransportPolicy: options.isRelayOnly ? 'relay' : 'all',
    iceServersValidUntil: new Date(expiresAtS * 1000).toISOString(),
  };
}
