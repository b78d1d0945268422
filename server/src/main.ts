import { readFile } from 'node:fs/promises';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.ts';
import { loadCatalog } from './catalog/load-catalog.ts';
import { loadConfig, type Config } from './config.ts';

async function start(config: Config): Promise<FastifyInstance> {
  const catalog = loadCatalog(JSON.parse(await readFile(config.catalogFile, 'utf8')));
  const app = await buildApp(config, { catalog });
  await app.listen({ host: config.host, port: config.port });
  return app;
}

let app: FastifyInstance;
try {
  const config = loadConfig();
  app = await start(config);
  const base = `https://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`;
  app.log.info({ kiosk: `${base}/kiosk/`, console: `${base}/console/` }, 'remote window ready');
  process.stdout.write(`\n  Kiosk:         ${base}/kiosk/\n  Staff console: ${base}/console/\n\n`);
} catch (error) {
  // Bad configuration or catalogue: say what and where, with a code, and do not start half-way.
  const code = (error as { code?: unknown }).code ?? 'STARTUP_FAILED';
  process.stderr.write(`madoguchi could not start [${String(code)}]: ${(error as Error).message}\n`);
  process.exit(1);
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    app.log.info({ signal }, 'shutting down');
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        app.log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  });
}
