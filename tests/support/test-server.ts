import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { buildApp } from '@madoguchi/server/app';
import { loadConfig } from '@madoguchi/server/config';
import type { Procedure, ProcedureId } from '@madoguchi/shared';

export const testProcedures: Procedure[] = [
  { id: 'juumin-idou' as ProcedureId, name: { ja: '住民異動', en: 'Change of address' } },
  { id: 'shoumeisho' as ProcedureId, name: { ja: '証明書', en: 'Certificates' } },
];

export interface TestServer {
  app: FastifyInstance;
  url: string;
  close: () => Promise<void>;
}

// Each server in a test run gets its own WebRtcServer ports, so a slow close never collides.
let nextPortBase = 46_000 + (process.pid % 50) * 40;

/** A real server (HTTPS, socket.io, mediasoup workers) on loopback, with a temporary data dir. */
export async function startTestServer(env: Record<string, string> = {}): Promise<TestServer> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'madoguchi-test-'));
  const portBase = nextPortBase;
  nextPortBase += 4;
  const config = loadConfig({
    HOST: '127.0.0.1',
    PORT: '0',
    DATA_DIR: dataDir,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    MEDIA_WORKERS: '1',
    MEDIA_LISTEN_IP: '127.0.0.1',
    MEDIA_ANNOUNCED_ADDRESS: '127.0.0.1',
    MEDIA_PORT_BASE: String(portBase),
    MEDIA_RTC_MIN_PORT: String(portBase + 1000),
    MEDIA_RTC_MAX_PORT: String(portBase + 1999),
    SERVE_CLIENTS: 'false',
    ...env,
  });
  const app = await buildApp(config, {
    procedures: testProcedures,
    logger: pino({ level: config.logLevel }),
  });
  await app.listen({ host: config.host, port: 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('server has no TCP address');
  return {
    app,
    url: `https://127.0.0.1:${address.port}`,
    close: async () => {
      await app.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
