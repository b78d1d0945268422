import net from 'node:net';

/** A TCP port on one address that forwards every connection to another address and port. */
export interface TcpForwarder {
  port: number;
  /** Stops listening and cuts every forwarded connection; safe to call twice. */
  close: () => Promise<void>;
}

/**
 * Listens on `host` (any free port) and pipes each connection to `target`, bytes untouched (TLS
 * stays end to end). Lets a booth's namespace reach a service that listens on this host's loopback
 * only, such as the test coturn, through the booth's line.
 */
export async function forwardTcp(
  host: string,
  target: { host: string; port: number },
): Promise<TcpForwarder> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((incoming) => {
    const outgoing = net.connect(target);
    for (const socket of [incoming, outgoing]) {
      sockets.add(socket);
      socket.once('close', () => sockets.delete(socket));
      // Either end failing ends both; the error itself is the peer's business.
      socket.once('error', () => {
        incoming.destroy();
        outgoing.destroy();
      });
    }
    incoming.pipe(outgoing).pipe(incoming);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, resolve);
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('forwarder has no TCP address');
  let closing: Promise<void> | undefined;
  return {
    port: address.port,
    close: () =>
      (closing ??= new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      })),
  };
}
