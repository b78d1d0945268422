import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { buildApp } from '@madoguchi/server/app';
import { tamaCatalog } from '@madoguchi/server/catalog';
import { loadConfig } from '@madoguchi/server/config';

export interface TestServer {
  app: FastifyInstance;
  url: string;
  dataDir: string;
  /** Stops the server; its data folder is removed unless `keepData` (to start again on it). */
  close: (options?: { keepData?: boolean }) => Promise<void>;
}

/**
 * A real server (HTTPS, socket.io, mediasoup workers, SQLite) on loopback with Tama City's
 * catalogue, opening hours ignored, and a temporary data folder (or the given one).
 */
export async function startTestServer(
  env: Record<string, string> = {},
  options: { dataDir?: string } = {},
): Promise<TestServer> {
  const dataDir = options.dataDir ?? (await mkdtemp(path.join(os.tmpdir(), 'madoguchi-test-')));
  const config = loadConfig({
    HOST: '127.0.0.1',
    PORT: '0',
    DATA_DIR: dataDir,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    MEDIA_WORKERS: '1',
    MEDIA_LISTEN_IP: '127.0.0.1',
    MEDIA_ANNOUNCED_ADDRESS: '127.0.0.1',
    // Any free ports: test files in other processes may run servers at the same time.
    MEDIA_PORT_BASE: '0',
    MEDIA_RTC_MIN_PORT: '40000',
    MEDIA_RTC_MAX_PORT: '49999',
    SERVE_CLIENTS: 'false',
    SERVICE_HOURS: 'always',
    WRAP_UP_MS: '300',
    ...env,
  });
  const app = await buildApp(config, { catalog: tamaCatalog(), logger: pino({ level: config.logLevel }) });
  await app.listen({ host: config.host, port: 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('server has no TCP address');
  return {
    app,
    url: `https://127.0.0.1:${address.port}`,
    dataDir,
    close: async ({ keepData = false } = {}) => {
      await app.close();
      if (!keepData) await rm(dataDir, { recursive: true, force: true });
    },
  };
}
