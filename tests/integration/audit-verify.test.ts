import { execFile } from 'node:child_process';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import type { Stroke } from '@madoguchi/shared';
import { answeredCall } from '../support/answered-call.ts';
import { pngOf } from '../support/images.ts';
import type { TestClient } from '../support/test-client.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** `npm run audit:verify` as an operator runs it, on the test server's data folder and database. */
async function verify(server: TestServer): Promise<{ code: number; output: string }> {
  const env = {
    ...process.env,
    DATA_DIR: server.dataDir,
    LOG_LEVEL: 'silent',
    ...(server.databaseUrl ? { DATABASE_URL: server.databaseUrl } : {}),
  };
  try {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [path.join(repoRoot, 'server/src/tools/verify-audit.ts')],
      { env, cwd: repoRoot },
    );
    return { code: 0, output: stdout };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, output: failed.stdout + failed.stderr };
  }
}

/** SQL run as someone with write access to the database itself, past the server. */
async function tamper(server: TestServer, statements: string[]): Promise<void> {
  if (server.databaseUrl) {
    const client = new pg.Client({ connectionString: server.databaseUrl });
    await client.connect();
    try {
      for (const statement of statements) await client.query(statement);
    } finally {
      await client.end();
    }
    return;
  }
  const db = new DatabaseSync(path.join(server.dataDir, 'madoguchi.db'));
  try {
    for (const statement of statements) db.exec(statement);
  } finally {
    db.close();
  }
}

const dropTriggers = (server: TestServer) =>
  server.databaseUrl
    ? ['DROP TRIGGER audit_log_no_change ON audit_log']
    : ['DROP TRIGGER audit_log_no_update', 'DROP TRIGGER audit_log_no_delete'];

describe('audit:verify', () => {
  let server: TestServer;
  const clients: TestClient[] = [];

  afterEach(async () => {
    for (const client of clients.splice(0)) client.close();
    await server.close();
  });

  it('holds on an untouched log, refuses updates and deletes, and names the first entry changed', async () => {
    server = await startTestServer();
    const { clerk, kiosk, kioskCredentials, consultationId } = await answeredCall(server, (client) =>
      clients.push(client),
    );
    const { captureId } = await clerk.signalling.request('capture:request', {
      consultationId,
      kind: 'signature',
    });
    await kiosk.waitFor('capture:requested');
    const stroke: Stroke = {
      points: [
        { x: 0.1, y: 0.5, p: 0.5, t: 0 },
        { x: 0.4, y: 0.5, p: 0.5, t: 16 },
      ],
    };
    await kiosk.signalling.request('signature:strokes', { captureId, strokes: [stroke] });
    const uploaded = await server.app.inject({
      method: 'PUT',
      url: `/api/captures/${captureId}`,
      headers: {
        authorization: `Kiosk ${(kioskCredentials.auth as { credential: string }).credential}`,
        'content-type': 'image/png',
      },
      payload: pngOf(600, 200),
    });
    expect(uploaded.statusCode).toBe(200);
    await kiosk.signalling.request('signature:submit', { captureId });
    await clerk.signalling.request('signature:decide', { captureId, decision: 'accept' });
    for (const client of clients.splice(0)) client.close();
    await server.close({ keepData: true });

    const intact = await verify(server);
    console.log(`audit:verify on the untouched log:\n${intact.output}`);
    expect(intact.code).toBe(0);
    expect(intact.output).toMatch(/audit log: \d+ entries, chain intact/);
    expect(intact.output).toContain('signature proofs: 1 checked, 0 broken');

    // The database itself refuses to change or remove an entry.
    await expect(
      tamper(server, ["UPDATE audit_log SET actor = 'someone-else' WHERE seq = 2"]),
    ).rejects.toThrow(/append-only/);
    await expect(tamper(server, ['DELETE FROM audit_log WHERE seq = 2'])).rejects.toThrow(/append-only/);

    // Someone with the database's own rights drops the guard and rewrites history.
    await tamper(server, [
      ...dropTriggers(server),
      "UPDATE audit_log SET actor = 'someone-else' WHERE seq = 3",
      "UPDATE signature_proofs SET clerk_id = 'kato-d'",
    ]);
    const tampered = await verify(server);
    console.log(`audit:verify after a tampered row:\n${tampered.output}`);
    expect(tampered.code).toBe(1);
    expect(tampered.output).toContain('audit log: BROKEN at entry 3: its content does not match its hash');
    expect(tampered.output).toContain(`signature proof ${captureId}: BROKEN: its MAC does not match`);
    expect(tampered.output).toContain('audit:verify: FAILED');

    // A removed entry shows as the next one no longer following on.
    await tamper(server, [
      'UPDATE audit_log SET actor = (SELECT actor FROM audit_log WHERE seq = 2) WHERE seq = 3',
    ]);
    await tamper(server, ['DELETE FROM audit_log WHERE seq = 4']);
    const removed = await verify(server);
    expect(removed.output).toMatch(/BROKEN at entry (3|5)/);
  }, 60_000);
});
