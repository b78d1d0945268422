import { createHash, createHmac } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CaptureId, Stroke } from '@madoguchi/shared';
import { kioskCredentials, staffCredentials, type Credentials } from '../support/identities.ts';
import { pngOf } from '../support/images.ts';
import { answeredCall } from '../support/answered-call.ts';
import type { TestClient } from '../support/test-client.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

describe('document stills and signatures', () => {
  let server: TestServer;
  const clients: TestClient[] = [];

  afterEach(async () => {
    for (const client of clients.splice(0)) client.close();
    await server.close();
  });

  const inCall = () => answeredCall(server, (client) => clients.push(client));

  const upload = (kiosk: Credentials, captureId: string, body: Buffer, contentType = 'image/png') =>
    server.app.inject({
      method: 'PUT',
      url: `/api/captures/${captureId}`,
      headers: {
        authorization: `Kiosk ${(kiosk.auth as { credential: string }).credential}`,
        'content-type': contentType,
      },
      payload: body,
    });
  const view = (staff: Credentials, captureId: string) =>
    server.app.inject({ url: `/api/captures/${captureId}`, headers: { cookie: staff.cookie! } });

  it('stores a full-resolution still sealed at rest, shows it to the call’s clerk only, audits each view', async () => {
    server = await startTestServer();
    const { clerk, clerkCredentials, kiosk, kioskCredentials: kioskCreds, consultationId } = await inCall();
    const { captureId } = await clerk.signalling.request('capture:request', {
      consultationId,
      kind: 'document-still',
    });
    expect(await kiosk.waitFor('capture:requested')).toEqual({
      consultationId,
      captureId,
      kind: 'document-still',
    });

    const image = pngOf(1920, 1080);
    const uploaded = await upload(kioskCreds, captureId, image);
    expect(uploaded.json()).toEqual({ captureId, width: 1920, height: 1080 });
    expect(await clerk.waitFor('capture:stored')).toMatchObject({
      captureId,
      width: 1920,
      height: 1080,
      mimeType: 'image/png',
    });

    const seen = await view(clerkCredentials, captureId);
    expect(seen.headers['content-type']).toBe('image/png');
    expect(seen.headers['cache-control']).toBe('no-store');
    expect(Buffer.compare(seen.rawPayload, image)).toBe(0);
    expect(await server.app.services.auth.audit.recent(10)).toContainEqual(
      expect.objectContaining({ actor: 'tanaka-y', action: 'capture-viewed', subject: captureId }),
    );

    // Administrators read the audit log over HTTP (and reading it is audited too).
    const admin = await staffCredentials(server, 'admin', 'admin');
    const audit = await server.app.inject({
      url: '/api/admin/audit?limit=50',
      headers: { cookie: admin.cookie! },
    });
    expect(
      audit.json<{ entries: { actor: string; action: string; subject: string | null }[] }>().entries,
    ).toContainEqual(
      expect.objectContaining({ actor: 'tanaka-y', action: 'capture-viewed', subject: captureId }),
    );

    // At rest the file is sealed: no PNG signature, none of the pixels.
    const blobsDir = path.join(server.dataDir, 'blobs');
    const [file] = readdirSync(blobsDir).filter((name) => name.startsWith(captureId));
    const sealed = readFileSync(path.join(blobsDir, file!));
    expect(sealed.includes(Buffer.from('IHDR'))).toBe(false);
    expect(sealed.subarray(0, 4).toString()).toBe('MDB1');

    // A clerk outside the call cannot see it; a supervisor only with a reason, which is audited;
    // an administrator never.
    const outsider = await staffCredentials(server, 'kato-d');
    expect((await view(outsider, captureId)).json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
    const supervisor = await staffCredentials(server, 'sato', 'supervisor');
    expect((await view(supervisor, captureId)).json()).toMatchObject({
      error: { code: 'VALIDATION_FAILED' },
    });
    const withReason = await server.app.inject({
      url: `/api/captures/${captureId}?reason=${encodeURIComponent('苦情対応 #42')}`,
      headers: { cookie: supervisor.cookie! },
    });
    expect(withReason.statusCode).toBe(200);
    expect((await view(admin, captureId)).json()).toMatchObject({ error: { code: 'FORBIDDEN' } });
    const entries = await server.app.services.auth.audit.recent(50);
    expect(entries).toContainEqual(
      expect.objectContaining({
        actor: 'sato',
        action: 'capture-viewed',
        subject: captureId,
        details: { reason: '苦情対応 #42' },
      }),
    );
    expect(entries).toContainEqual(
      expect.objectContaining({ actor: 'tanaka-y', action: 'capture-requested', subject: captureId }),
    );
    expect(entries).toContainEqual(
      expect.objectContaining({ actor: 'kiosk:seiseki-1', action: 'capture-uploaded', subject: captureId }),
    );
    expect(entries.filter((entry) => entry.actor === 'admin' && entry.action === 'capture-viewed')).toEqual(
      [],
    );
  });

  it('checks uploads by content and by whose capture it is', async () => {
    server = await startTestServer();
    const { clerk, kioskCredentials: kioskCreds, consultationId } = await inCall();
    const { captureId } = await clerk.signalling.request('capture:request', {
      consultationId,
      kind: 'document-still',
    });
    const other = await kioskCredentials(server, 'seiseki-2');
    const codeOf = (response: { json: () => unknown }) =>
      (response.json() as { error?: { code: string } }).error?.code;

    expect(codeOf(await upload(kioskCreds, captureId, Buffer.from('%PDF-1.7 not an image')))).toBe(
      'VALIDATION_FAILED',
    );
    expect(codeOf(await upload(kioskCreds, captureId, pngOf(8, 8), 'image/jpeg'))).toBe('VALIDATION_FAILED');
    expect(codeOf(await upload(kioskCreds, captureId, pngOf(9000, 1)))).toBe('VALIDATION_FAILED');
    expect(codeOf(await upload(other, captureId, pngOf(8, 8)))).toBe('NOT_FOUND');
    const anonymous = await server.app.inject({
      method: 'PUT',
      url: `/api/captures/${captureId}`,
      headers: { 'content-type': 'image/png' },
      payload: pngOf(8, 8),
    });
    expect(anonymous.statusCode).toBe(401);
    expect((await upload(kioskCreds, captureId, pngOf(8, 8))).statusCode).toBe(200);
    expect(codeOf(await upload(kioskCreds, captureId, pngOf(8, 8)))).toBe('INVALID_STATE');
  });

  it('relays a signature live stroke by stroke, keeps only the accepted one, and deletes it after retention', async () => {
    server = await startTestServer({ CAPTURE_RETENTION_DAYS: '0', PURGE_INTERVAL_MS: '1000' });
    const { clerk, clerkCredentials, kiosk, kioskCredentials: kioskCreds, consultationId } = await inCall();
    const { captureId } = await clerk.signalling.request('capture:request', {
      consultationId,
      kind: 'signature',
    });
    await kiosk.waitFor('capture:requested');

    const stroke = (offset: number): Stroke => ({
      points: Array.from({ length: 20 }, (_, i) => ({ x: (i + offset) / 100, y: 0.5, p: 0.4, t: i * 16 })),
    });
    await kiosk.signalling.request('signature:strokes', { captureId, strokes: [stroke(0)] });
    await kiosk.signalling.request('signature:clear', { captureId });
    await kiosk.signalling.request('signature:strokes', { captureId, strokes: [stroke(10), stroke(40)] });
    await clerk.waitFor('signature:updated', (u) => u.strokes.length === 2);
    const updates = clerk.all('signature:updated');
    expect(updates.map((u) => [u.strokes.length, u.isCleared])).toEqual([
      [1, false],
      [0, true],
      [2, false],
    ]);
    expect(updates[2]!.strokes).toEqual([stroke(10), stroke(40)]);

    // Submitting needs the rendered image first.
    await expect(kiosk.signalling.request('signature:submit', { captureId })).rejects.toMatchObject({
      code: 'INVALID_STATE',
    });
    expect((await upload(kioskCreds, captureId, pngOf(600, 200))).statusCode).toBe(200);
    await kiosk.signalling.request('signature:submit', { captureId });
    await clerk.waitFor('signature:submitted');

    // Asked to sign again: the first attempt is gone and the pad is open again.
    await clerk.signalling.request('signature:decide', { captureId, decision: 'retry' });
    expect((await kiosk.waitFor('signature:decided')).decision).toBe('retry');
    expect((await view(clerkCredentials, captureId)).statusCode).toBe(404);
    await kiosk.signalling.request('signature:strokes', { captureId, strokes: [stroke(5)] });
    expect((await upload(kioskCreds, captureId, pngOf(600, 200))).statusCode).toBe(200);
    await kiosk.signalling.request('signature:submit', { captureId });
    await clerk.signalling.request('signature:decide', { captureId, decision: 'accept' });

    const strokes = await server.app.inject({
      url: `/api/captures/${captureId}/strokes`,
      headers: { cookie: clerkCredentials.cookie! },
    });
    expect(strokes.json()).toEqual({ strokes: [stroke(5)] });

    // The accepted signature's proof binds image, strokes, call, clerk and time under the key.
    const proof = await server.app.services.captures.proofOf(captureId);
    const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');
    expect(proof).toMatchObject({
      capture_id: captureId,
      consultation_id: consultationId,
      clerk_id: 'tanaka-y',
      image_sha256: sha256(pngOf(600, 200)),
      strokes_sha256: sha256(JSON.stringify([stroke(5)])),
      document_sha256: null,
      key_id: 'proof-local-1',
    });
    const key = readFileSync(path.join(server.dataDir, 'keys', 'proof-local-1.key'));
    const macInput = JSON.stringify([
      'madoguchi-signature-proof-v1',
      captureId,
      consultationId,
      'tanaka-y',
      Number(proof!.accepted_at),
      sha256(pngOf(600, 200)),
      sha256(JSON.stringify([stroke(5)])),
      null,
    ]);
    expect(proof!.mac).toBe(createHmac('sha256', key).update(macInput).digest('hex'));

    // Retention 0 days: the next purge deletes image and strokes, and says so in the audit log.
    expect(await server.app.services.captures.purgeExpired()).toBe(1);
    expect((await view(clerkCredentials, captureId as CaptureId)).statusCode).toBe(404);
    expect(
      readdirSync(path.join(server.dataDir, 'blobs')).filter((name) => name.startsWith(captureId)),
    ).toEqual([]);
    expect(await server.app.services.auth.audit.recent(20)).toContainEqual(
      expect.objectContaining({ actor: 'retention', action: 'capture-deleted', subject: captureId }),
    );
  });
});
