import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '@madoguchi/server/config';
import { startTestServer, type TestServer } from '../support/test-server.ts';

/** The password the README publishes for the demonstration accounts (written here, not imported). */
const publishedDemoPassword = 'madoguchi-demo';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const builtPages = {
  kiosk: path.join(repoRoot, 'kiosk-client/dist/index.html'),
  console: path.join(repoRoot, 'staff-console/dist/index.html'),
};

/**
 * Production mode refuses to start unsafely; demo mode says so on every page. Driven through real
 * servers; the certificate, capture key and proof key live in a folder of their own, outside the
 * server's DATA_DIR, with a certificate issued by a test CA (not self-signed).
 */
describe('production mode and the demo mark', () => {
  let secrets: string;
  let production: Record<string, string>;
  const servers: TestServer[] = [];
  let dataDir: string | undefined;

  beforeAll(async () => {
    secrets = await mkdtemp(path.join(os.tmpdir(), 'madoguchi-secrets-'));
    const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: secrets, stdio: 'ignore' });
    const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'];
    openssl(
      'req',
      '-x509',
      ...ec,
      '-keyout',
      'ca.key',
      '-out',
      'ca.crt',
      '-subj',
      '/CN=Test CA',
      '-days',
      '2',
    );
    openssl('req', ...ec, '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=localhost');
    openssl(
      'x509',
      '-req',
      '-in',
      'server.csr',
      '-CA',
      'ca.crt',
      '-CAkey',
      'ca.key',
      '-out',
      'server.crt',
      '-days',
      '2',
    );
    await writeFile(path.join(secrets, 'capture-1.key'), Buffer.alloc(32, 7), { mode: 0o400 });
    await writeFile(path.join(secrets, 'proof-1.key'), Buffer.alloc(32, 9), { mode: 0o400 });
    production = {
      MADOGUCHI_MODE: 'production',
      TLS_CERT_FILE: path.join(secrets, 'server.crt'),
      TLS_KEY_FILE: path.join(secrets, 'server.key'),
      CAPTURE_KEY_FILE: path.join(secrets, 'capture-1.key'),
      PROOF_KEY_FILE: path.join(secrets, 'proof-1.key'),
    };
  });
  afterEach(async () => {
    for (const server of servers.splice(0)) await server.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
    dataDir = undefined;
  });
  afterAll(async () => {
    await rm(secrets, { recursive: true, force: true });
  });

  const start = async (env: Record<string, string>, options: { dataDir?: string } = {}) => {
    const server = await startTestServer(env, options);
    servers.push(server);
    return server;
  };
  /** Stops a server but keeps its data (and PostgreSQL database) for the next start. */
  const stopKeepingData = async (server: TestServer) => {
    servers.splice(servers.indexOf(server), 1);
    await server.close({ keepData: true });
  };

  it('refuses to start while an active account holds the demo password, and starts once it is changed', async () => {
    const demo = await start({});
    dataDir = demo.dataDir;
    const { accounts } = demo.app.services.auth;
    await accounts.create({
      staffId: 'admin',
      displayName: '管理者',
      role: 'admin',
      password: publishedDemoPassword,
    });
    await accounts.create({
      staffId: 'suzuki-h',
      displayName: '鈴木',
      role: 'clerk',
      password: 'a passphrase of her own',
    });
    await stopKeepingData(demo);

    const refusal = await startTestServer(production, { dataDir }).then(
      () => undefined,
      (error: unknown) => error as { code?: string; message: string },
    );
    expect(refusal?.code).toBe('PRODUCTION_UNSAFE');
    expect(refusal?.message).toContain('still have the published demonstration password (admin)');
    expect(refusal?.message).not.toContain('suzuki-h');
    expect(refusal?.message).toContain('reset or disable them');

    const again = await start({}, { dataDir });
    await again.app.services.auth.accounts.changePassword(
      'admin',
      publishedDemoPassword,
      'the office passphrase',
    );
    await stopKeepingData(again);
    const safe = await start(production, { dataDir });
    expect((await safe.app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBeLessThan(500);
  });

  it('refuses a production start with the demo defaults, naming every fix', () => {
    expect(() => loadConfig({ MADOGUCHI_MODE: 'production', DEMO: 'true' })).toThrow(
      expect.objectContaining({
        code: 'PRODUCTION_UNSAFE',
        message: expect.stringMatching(
          /DEMO=true.*TLS_CERT_FILE and TLS_KEY_FILE.*CAPTURE_KEY_FILE.*PROOF_KEY_FILE/,
        ),
      }),
    );
  });

  // The start and test commands build both front ends first.
  it('marks the kiosk and console pages デモ in demo mode only, under the same Content-Security-Policy', async () => {
    const demo = await start({ SERVE_CLIENTS: 'true' });
    const real = await start({ ...production, SERVE_CLIENTS: 'true' });
    const get = (server: TestServer, url: string) => server.app.inject({ method: 'GET', url });

    for (const [name, url] of [
      ['kiosk', '/kiosk/'],
      ['console', '/console/'],
      ['kiosk', '/kiosk/index.html'],
    ] as const) {
      const marked = await get(demo, url);
      expect(marked.statusCode).toBe(200);
      expect(marked.headers['content-type']).toMatch(/^text\/html/);
      expect(marked.body).toMatch(
        /<body>\s*<div class="madoguchi-demo-mark" role="note" lang="ja" title="デモ環境：実際の手続きには使えません[^"]*"[^>]*><strong[^>]*>デモ<\/strong>/,
      );
      expect(marked.body).toMatch(/<link rel="stylesheet" href="\/demo-mark.css">\s*<\/head>/);
      expect(marked.body).not.toMatch(/<script>|<style|style=/);
      // Everything else is the built page as it was.
      const built = readFileSync(builtPages[name], 'utf8');
      expect(
        marked.body
          .replace(/<link rel="stylesheet" href="\/demo-mark.css">\s*/, '')
          .replace(/<div class="madoguchi-demo-mark".*?<\/div>/, ''),
      ).toBe(built);

      const plain = await get(real, url);
      expect(plain.statusCode).toBe(200);
      expect(plain.body).toBe(built);
      expect(plain.body).not.toContain('デモ');
      expect(marked.headers['content-security-policy']).toBe(plain.headers['content-security-policy']);
    }
    const policy = (await get(demo, '/kiosk/')).headers['content-security-policy'];
    expect(policy).toBe(
      "default-src 'self';script-src 'self';style-src 'self';img-src 'self' data: blob:;media-src 'self' blob: mediastream:;connect-src 'self' wss:;font-src 'self';object-src 'none';base-uri 'none';form-action 'self';frame-ancestors 'none'",
    );

    const stylesheet = await get(demo, '/demo-mark.css');
    expect(stylesheet.statusCode).toBe(200);
    expect(stylesheet.headers['content-type']).toMatch(/^text\/css/);
    expect(stylesheet.body).toContain('.madoguchi-demo-mark');
    expect(stylesheet.body).toContain('pointer-events: none');
    expect((await get(real, '/demo-mark.css')).statusCode).toBe(404);
    // The static files beside the page are served as before.
    const script = /src="(\/kiosk\/assets\/[^"]+\.js)"/.exec(readFileSync(builtPages.kiosk, 'utf8'))?.[1];
    expect(script).toBeDefined();
    expect((await get(demo, script!)).statusCode).toBe(200);
  });
});
