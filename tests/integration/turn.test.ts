import { afterEach, describe, expect, it } from 'vitest';
import { kioskCredentials, procedureId, queued } from '../support/identities.ts';
import { TestClient } from '../support/test-client.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

describe('TURN for booths behind strict firewalls', () => {
  let server: TestServer;
  let client: TestClient | undefined;

  afterEach(async () => {
    client?.close();
    await server.close();
  });

  it('hands every transport short-lived TURN credentials and the relay-only policy', async () => {
    server = await startTestServer({
      TURN_URLS: 'turns:turn.example.lg.jp:443?transport=tcp',
      TURN_SHARED_SECRET: 'a shared secret for the test',
      TURN_RELAY_ONLY: 'true',
    });
    client = await TestClient.connect(server.url, await kioskCredentials(server));
    const ready = await client.waitFor('session:ready');
    queued(await client.signalling.request('consultation:request', { procedureId, language: 'ja' }));
    await client.signalling.request('media:get-capabilities', {});
    const transport = await client.signalling.request('transport:create', { direction: 'send' });
    expect(transport.iceTransportPolicy).toBe('relay');
    const [turn] = transport.iceServers ?? [];
    expect(turn?.urls).toEqual(['turns:turn.example.lg.jp:443?transport=tcp']);
    const [expiry, user] = turn!.username!.split(':');
    expect(user).toBe(ready.participantId);
    expect(Number(expiry) * 1000).toBeGreaterThan(Date.now());
    expect(turn?.credential).toMatch(/^[A-Za-z0-9+/]{27}=$/);
  });

  it('hands out fresh credentials for long-lived transports before the first ones expire', async () => {
    server = await startTestServer({
      TURN_URLS: 'turns:turn.example.lg.jp:443?transport=tcp',
      TURN_SHARED_SECRET: 'a shared secret for the test',
      TURN_CREDENTIAL_TTL_S: '120',
    });
    client = await TestClient.connect(server.url, await kioskCredentials(server));
    queued(await client.signalling.request('consultation:request', { procedureId, language: 'ja' }));
    await client.signalling.request('media:get-capabilities', {});
    const transport = await client.signalling.request('transport:create', { direction: 'send' });
    const firstUntil = Date.parse(transport.iceServersValidUntil!);
    expect(firstUntil - Date.now()).toBeGreaterThan(100_000);
    expect(firstUntil - Date.now()).toBeLessThanOrEqual(120_000);

    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const fresh = await client.signalling.request('media:refresh-ice-servers', {});
    expect(Date.parse(fresh.iceServersValidUntil!)).toBeGreaterThan(firstUntil);
    const [turn] = fresh.iceServers ?? [];
    expect(turn?.username).not.toBe(transport.iceServers?.[0]?.username);
    expect(Number(turn!.username!.split(':')[0]) * 1000).toBe(Date.parse(fresh.iceServersValidUntil!));
  });

  it('refuses to start with TURN servers but no secret', async () => {
    await expect(startTestServer({ TURN_URLS: 'turn:turn.example.lg.jp' })).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
    });
    server = await startTestServer();
  });
});
