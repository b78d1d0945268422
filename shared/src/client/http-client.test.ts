import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { staffSessionSchema } from '../http.ts';
import { HttpClient, HttpError } from './http-client.ts';
import { FakeFetch, refusal } from './testing/fake-fetch.ts';

const session = {
  staffId: 'tanaka-y',
  displayName: '田中',
  role: 'clerk',
  csrfToken: 'token',
  expiresAt: '2026-01-08T10:00:00.000Z',
  mustChangePassword: false,
  hasSecondFactor: false,
};

describe('HttpClient', () => {
  it('sends JSON to the same origin with the CSRF header and parses the answer', async () => {
    const server = new FakeFetch().on('POST /api/auth/login', session);
    const http = new HttpClient(server.fetch);
    await expect(
      http.post('/api/auth/login', staffSessionSchema, { body: { staffId: 'tanaka-y' }, csrfToken: 'c' }),
    ).resolves.toEqual(session);
    const [request] = server.requests;
    expect(request).toMatchObject({
      method: 'POST',
      body: { staffId: 'tanaka-y' },
      headers: { 'content-type': 'application/json', 'x-csrf-token': 'c' },
    });
    expect(server.fetch.mock.calls[0]?.[1]).toMatchObject({ credentials: 'same-origin' });
  });

  it('turns the server’s refusal into a coded error', async () => {
    const server = new FakeFetch().on('GET /api/auth/session', () =>
      refusal(401, 'UNAUTHENTICATED', 'log in'),
    );
    const error = await new HttpClient(server.fetch)
      .get('/api/auth/session', staffSessionSchema)
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(HttpError);
    expect(error).toMatchObject({ code: 'UNAUTHENTICATED', status: 401, message: 'log in' });
  });

  it('replaces a document with PUT and keeps the per-field issues of a refusal', async () => {
    const issues = [{ path: 'procedures[0].name.en', code: 'required', message: 'Required' }];
    const server = new FakeFetch().on('PUT /api/admin/catalog', () => ({
      status: 400,
      body: { error: { code: 'CATALOG_INVALID', message: 'the catalogue breaks 1 rule(s)', issues } },
    }));
    const error = await new HttpClient(server.fetch)
      .put('/api/admin/catalog', z.object({}), { body: { baseRevision: 1 }, csrfToken: 'c' })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'CATALOG_INVALID', status: 400, issues });
    expect(server.requests[0]).toMatchObject({
      method: 'PUT',
      body: { baseRevision: 1 },
      headers: { 'x-csrf-token': 'c' },
    });
    const plain = await new HttpClient(new FakeFetch().fetch)
      .get('/nowhere', z.object({}))
      .catch((e: unknown) => e);
    expect(plain).toMatchObject({ code: 'NOT_FOUND', issues: [] });
  });

  it('codes an unreachable server, an off-contract answer and a foreign error page', async () => {
    const server = new FakeFetch()
      .on('GET /down', () => ({ networkError: true }))
      .on('GET /odd', { unexpected: true })
      .on('GET /proxy', () => ({ status: 502, body: '<html>' }));
    const http = new HttpClient(server.fetch);
    await expect(http.get('/down', z.object({}))).rejects.toMatchObject({ code: 'TIMEOUT', status: 0 });
    await expect(http.get('/odd', z.object({ a: z.string() }))).rejects.toMatchObject({ code: 'INTERNAL' });
    await expect(http.get('/proxy', z.object({}))).rejects.toMatchObject({ code: 'INTERNAL', status: 502 });
  });
});

describe('HttpClient with bytes', () => {
  it('uploads a blob with its type and the authorization header, and parses the JSON answer', async () => {
    const server = new FakeFetch().on('PUT /api/captures/c1', { captureId: 'c1', width: 2, height: 1 });
    const blob = new Blob([new Uint8Array([1, 2, 3])], { type: 'image/jpeg' });
    const answer = await new HttpClient(server.fetch).putBlob(
      '/api/captures/c1',
      z.object({ captureId: z.string(), width: z.number(), height: z.number() }),
      blob,
      { authorization: 'Kiosk secret' },
    );
    expect(answer).toEqual({ captureId: 'c1', width: 2, height: 1 });
    expect(server.requests[0]).toMatchObject({
      method: 'PUT',
      headers: { 'content-type': 'image/jpeg', authorization: 'Kiosk secret' },
      body: blob,
    });
  });

  it('fetches bytes, and turns a refusal into a coded error', async () => {
    const image = new Blob([new Uint8Array([9, 9])], { type: 'image/png' });
    const server = new FakeFetch()
      .on('GET /api/captures/c1', () => ({ status: 200, bytes: image }))
      .on('GET /api/captures/c2', () => refusal(404, 'NOT_FOUND'));
    const http = new HttpClient(server.fetch);
    const blob = await http.getBlob('/api/captures/c1');
    expect(blob.type).toBe('image/png');
    expect(new Uint8Array(await blob.arrayBuffer())).toEqual(new Uint8Array([9, 9]));
    await expect(http.getBlob('/api/captures/c2')).rejects.toMatchObject({ code: 'NOT_FOUND', status: 404 });
  });
});
