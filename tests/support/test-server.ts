import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { buildApp } from '@madoguchi/server/app';
import { tamaCatalog } from '@madoguchi/server/catalog';
import { loadConfig } from '@madoguchi/server/config';
import { createTestDatabase, dropTestDatabase } from '@madoguchi/server/testing/databases';

export interface TestServer {
  app: FastifyInstance;
  url: string;
  dataDir: string;
  /** The PostgreSQL database of this server's records (TEST_DATABASE=postgres only). */
  databaseUrl: string | undefined;
  /** Stops the server; its data folder is removed unless `keepData` (to start again on it). */
  close: (options?: { keepData?: boolean }) => Promise<void>;
}

export interface TestServerOptions {
  /** Start on this data folder (a restart) instead of a new temporary one. */
  dataDir?: string;
  /**
   * Listen on this port instead of any free one: a restart on the port the pages already talk to,
   * so that they reconnect to the same URL.
   */
  port?: number;
}

/**
 * A real server (HTTPS, socket.io, mediasoup workers, SQLite) on loopback with Tama City's
 * catalogue, opening hours ignored, and a temporary data folder (or the given one). With
 * TEST_DATABASE=postgres its records go to a fresh PostgreSQL database instead, kept with the
 * data folder so a restart on that folder finds them again.
 */
export async function startTestServer(
  env: Record<string, string> = {},
  options: TestServerOptions = {},
): Promise<TestServer> {
  const dataDir = options.dataDir ?? (await mkdtemp(path.join(os.tmpdir(), 'madoguchi-test-')));
  const database = process.env.TEST_DATABASE === 'postgres' ? await postgresFor(dataDir) : undefined;
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
    // Every test logs in from loopback, many times over; the limit has its own test.
    RATE_LOGINS_PER_MINUTE: '10000',
    RATE_ENROLLMENTS_PER_MINUTE: '10000',
    ...(database ? { DATABASE_URL: database.url } : {}),
    ...env,
  });
  const app = await buildApp(config, { catalog: tamaCatalog(), logger: pino({ level: config.logLevel }) });
  await app.listen({ host: config.host, port: options.port ?? 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('server has no TCP address');
  return {
    app,
    url: `https://127.0.0.1:${address.port}`,
    dataDir,
    databaseUrl: database?.url,
    close: async ({ keepData = false } = {}) => {
      await app.close();
      if (keepData) return;
      await rm(dataDir, { recursive: true, force: true });
      await database?.drop();
    },
  };
}

/** The PostgreSQL database of a data folder: created on first use, remembered in the folder. */
async function postgresFor(dataDir: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const remembered = path.join(dataDir, 'test-database.json');
  const existing = await readFile(remembered, 'utf8').catch(() => undefined);
  if (existing) {
    const { url } = JSON.parse(existing) as { url: string };
    return { url, drop: () => dropTestDatabase(url) };
  }
  const created = await createTestDatabase('postgres');
  if (created.location.kind !== 'postgres') throw new Error('expected a PostgreSQL database');
  await writeFile(remembered, JSON.stringify({ url: created.location.url }));
  return { url: created.location.url, drop: created.drop };
}
