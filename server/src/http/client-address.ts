import type { IncomingMessage } from 'node:http';
import proxyAddr from '@fastify/proxy-addr';

/**
 * The client address of a raw request, worked out as Fastify's `request.ip` is for the same
 * `trustProxy` (and by the same library): for requests Fastify never sees, such as socket.io
 * handshakes, so that every per-address limit counts the same client. X-Forwarded-For is believed
 * only as far back as the proxies in it are trusted.
 */
export function clientAddressOf(trustProxy: boolean | string[]): (request: IncomingMessage) => string {
  if (trustProxy === false) return (request) => request.socket.remoteAddress ?? 'unknown';
  const isTrusted = trustProxy === true ? () => true : proxyAddr.compile(trustProxy);
  return (request) => (request.socket.remoteAddress ? proxyAddr(request, isTrusted) : 'unknown');
}
