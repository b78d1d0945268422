import { afterEach } from 'vitest';
import { TestClient } from './test-client.ts';
import { startTestServer, type TestServer } from './test-server.ts';

export interface ServerFixture {
  /** The running server; throws before `start`. */
  readonly server: TestServer;
  start(env?: Record<string, string>): Promise<TestServer>;
  /** Stops the server and its clients and starts it again on the same data (a restart). */
  restart(env?: Record<string, string>): Promise<TestServer>;
  /** A client connected to the server, closed after the test. */
  connect(credentials: Parameters<typeof TestClient.connect>[1]): Promise<TestClient>;
  /** Has a client opened elsewhere (e.g. by `answeredCall`) closed after the test. */
  track(client: TestClient): void;
  /** Closes every client opened so far (the server stays). */
  closeClients(): void;
}

/**
 * One test server at a time and the clients a test opens on it; both are closed after each test,
 * whatever the test did.
 */
export function useServerFixture(): ServerFixture {
  let server: TestServer | undefined;
  const clients: TestClient[] = [];
  const closeClients = () => {
    for (const client of clients.splice(0)) client.close();
  };
  afterEach(async () => {
    closeClients();
    await server?.close();
    server = undefined;
  });
  return {
    get server() {
      if (!server) throw new Error('start the test server first');
      return server;
    },
    start: async (env = {}) => (server = await startTestServer(env)),
    restart: async (env = {}) => {
      if (!server) throw new Error('start the test server first');
      closeClients();
      const { dataDir } = server;
      await server.close({ keepData: true });
      server = undefined;
      return (server = await startTestServer(env, { dataDir }));
    },
    connect: async (credentials) => {
      if (!server) throw new Error('start the test server first');
      const client = await TestClient.connect(server.url, credentials);
      clients.push(client);
      return client;
    },
    track: (client) => clients.push(client),
    closeClients,
  };
}
