import { readFile } from 'node:fs/promises';
import type { FastifyInstance } from 'fastify';
import { pino } from 'pino';
import { buildApp } from './app.ts';
import { loadCatalog } from './catalog/load-catalog.ts';
import { loadConfig } from './config.ts';
import { demoPassword, seedDemoIdentities } from './demo/demo-identities.ts';

let app: FastifyInstance;
try {
  const config = loadConfig();
  // Stored as revision 1 on the first start; later the latest revision saved in the console wins.
  const catalog = loadCatalog(JSON.parse(await readFile(config.catalogFile, 'utf8')));
  app = await buildApp(config, { catalog });
  await app.listen({ host: config.host, port: config.port });
  const base = `https://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`;
  app.log.info({ kiosk: `${base}/kiosk/`, console: `${base}/console/` }, 'remote window ready');
  process.stdout.write(`\n  Kiosk:         ${base}/kiosk/\n  Staff console: ${base}/console/\n`);
  if (config.mode === 'demo') {
    app.log.warn('demo mode: every page is marked デモ; set MADOGUCHI_MODE=production for real use');
    process.stdout.write(
      '  Mode:          demo (not for real procedures; MADOGUCHI_MODE=production for real use)\n',
    );
  } else {
    app.log.info('production mode: certificate, keys and accounts checked');
  }
  if (config.isDemo) {
    const demo = await seedDemoIdentities({ catalog: app.services.catalog.catalog, ...app.services.auth });
    process.stdout.write(
      [
        '',
        `  Demo accounts: every catalogue clerk id (e.g. tanaka-y), "supervisor", "admin" and the`,
        `                 booths' on-site staff (onsite-seiseki-sakuragaoka, onsite-tama-center),`,
        `                 password "${demoPassword}"${demo.createdAccounts.length ? '' : ' (if unchanged)'}`,
        '  Kiosk enrollment codes (enter one in the kiosk settings, valid 10 minutes):',
        ...demo.enrollmentCodes.map(({ kioskId, code }) => `    ${kioskId.padEnd(16)} ${code}`),
        '',
        '',
      ].join('\n'),
    );
  }
} catch (error) {
  // Bad configuration or catalogue: say what and where, with a code, and do not start half-way.
  const code = (error as { code?: unknown }).code ?? 'STARTUP_FAILED';
  pino({}, pino.destination(2)).fatal({ code, err: error }, 'madoguchi could not start');
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
