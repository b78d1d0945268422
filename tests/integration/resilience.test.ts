import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import {
  csrfTokenOf,
  kioskCredentials,
  procedureId,
  queued,
  staffCredentials,
} from '../support/identities.ts';
import { clerkSources, kioskSources, startFakeMedia } from '../support/fake-media.ts';
import { answeredCall } from '../support/answered-call.ts';
import { TestClient } from '../support/test-client.ts';
import { waitUntil } from '../support/wait.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { useServerFixture } from '../support/server-fixture.ts';

describe('sessions and media survive what goes wrong', () => {
  let server: TestServer | undefined;
  const clients: TestClient[] = [];
  const connect = async (auth: Parameters<typeof TestClient.connect>[1]) => {
    const client = await TestClient.connect(server!.url, auth);
    clients.push(client);
    return client;
  };

  afterEach(async () => {
    for (const client of clients.splice(0)) client.close();
    await server?.close();
    server = undefined;
  });

  /** A kiosk and a clerk in an answered call. */
  const inCall = () => answeredCall(server!, (client) => clients.push(client));

  it('resumes a session after its socket dropped, keeping the call and delivering what it missed', async () => {
    server = await startTestServer();
    const { clerk, kiosk, consultationId } = await inCall();
    const first = await kiosk.waitFor('session:ready');

    const cutAt = kiosk.received.length;
    for (const socket of server.app.services.signalling.sockets.sockets.values()) {
      if ((socket.data as { participant: { id: string } }).participant.id === first.participantId)
        socket.conn.close();
    }
    const resumed = await kiosk.waitFor('session:ready', () => true, { since: cutAt });
    expect(resumed.isResumed).toBe(true);
    expect(resumed.participantId).toBe(first.participantId);
    expect(resumed.consultation?.status).toBe('active');

    await clerk.signalling.request('consultation:hang-up', { consultationId });
    const ended = await kiosk.waitFor('consultation:updated', (f) => f.consultation.status === 'ended', {
      since: cutAt,
    });
    expect(ended.consultation.endReason).toBe('hung-up');
  });

  it('ends the call for the others when a participant does not come back within the grace period', async () => {
    server = await startTestServer({ RESUME_GRACE_MS: '300' });
    const { clerk, kiosk } = await inCall();
    kiosk.close();
    const ended = await clerk.waitFor('consultation:updated', (f) => f.consultation.status === 'ended');
    expect(ended.consultation.endReason).toBe('participant-left');
    await clerk.waitFor('staff:status-changed', (f) => f.status === 'wrap-up');
  });

  it('replaces a media worker that dies; its calls go on and the replacement carries new ones', async () => {
    server = await startTestServer();
    const { kiosk, clerk, consultationId } = await inCall();
    const { pool } = server.app.services;
    const [pid] = pool.pids;
    process.kill(pid!, 'SIGKILL');

    await kiosk.waitFor('media:reset');
    await waitUntil(() => pool.aliveCount === 1 && pool.pids[0] !== pid);
    const health = await server.app.inject({ url: '/api/health' });
    expect(health.json()).toEqual({ status: 'ok', mediaWorkers: { alive: 1, expected: 1 } });
    expect(server.app.services.consultations.find(consultationId)?.status).toBe('active');
    // The call was never ended by the fault: only hanging up ends it.
    expect(kiosk.all('consultation:updated').some((fact) => fact.consultation.status === 'ended')).toBe(
      false,
    );
    const beforeHangUp = clerk.received.length;
    await clerk.signalling.request('consultation:hang-up', { consultationId });
    await clerk.waitFor('staff:status-changed', ({ status }) => status === 'available', {
      since: beforeHangUp,
      timeoutMs: 15_000,
    });

    // The replacement carries new calls: the clerk's desk is rebuilt on demand.
    await startFakeMedia(clerk, clerkSources);
    const cutAt = clerk.received.length;
    const next = await connect(await kioskCredentials(server!, 'seiseki-2'));
    await next.signalling.request('consultation:request', { procedureId, language: 'ja' });
    await startFakeMedia(next, kioskSources);
    const offer = await clerk.waitFor('call:offered', () => true, { since: cutAt });
    await clerk.signalling.request('call:accept', { consultationId: offer.consultationId });
    await waitUntil(
      () => clerk.received.slice(cutAt).filter((fact) => fact.name === 'consumer:new').length === 3,
    );
  });

  it('keeps every caller in line, and the pending offer, across a server restart', async () => {
    server = await startTestServer();
    const clerk = await connect(await staffCredentials(server!, 'kato-d'));
    await clerk.signalling.request('staff:set-status', { status: 'available' });
    const kioskIds = ['seiseki-1', 'seiseki-2', 'tama-center-1'];
    const before: string[] = [];
    for (const kioskId of kioskIds) {
      const kiosk = await connect(await kioskCredentials(server!, kioskId));
      before.push(
        queued(await kiosk.signalling.request('consultation:request', { procedureId, language: 'ja' }))
          .consultationId,
      );
    }
    const offered = await clerk.waitFor('call:offered');
    expect(offered.consultationId).toBe(before[0]);

    for (const client of clients.splice(0)) client.close();
    const { dataDir } = server;
    await server.close({ keepData: true });
    server = await startTestServer({}, { dataDir });

    const supervisor = await connect(await staffCredentials(server!, 'sato', 'supervisor'));
    const snapshot = await supervisor.signalling.request('supervisor:get-snapshot', {});
    expect(snapshot.callers.map((c) => c.consultationId)).toEqual(before);
    expect(snapshot.callers.map((c) => c.kioskId)).toEqual(kioskIds);
    expect(snapshot.callers[0]?.offeredTo).toBe('kato-d');

    // Kiosks coming back find their call where they left it.
    const second = await connect(await kioskCredentials(server!, 'seiseki-2'));
    const ready = await second.waitFor('session:ready');
    expect(ready.consultation).toMatchObject({ consultationId: before[1], status: 'waiting' });

    // The clerk coming back is shown the offer again and can take it.
    const back = await connect(await staffCredentials(server!, 'kato-d'));
    const again = await back.waitFor('call:offered');
    expect(again.consultationId).toBe(before[0]);
    const first = await connect(await kioskCredentials(server!, 'seiseki-1'));
    await first.waitFor('session:ready');
    const accepted = await back.signalling.request('call:accept', { consultationId: again.consultationId });
    expect(accepted.consultation.status).toBe('active');
    await first.waitFor('consultation:updated', (f) => f.consultation.status === 'active');
  });

  it('copies the queue’s events into PostgreSQL beside the records (the SQLite file holds them already)', async () => {
    server = await startTestServer();
    const clerk = await connect(await staffCredentials(server!, 'kato-d'));
    await clerk.signalling.request('staff:set-status', { status: 'available' });
    const kiosk = await connect(await kioskCredentials(server!, 'seiseki-1'));
    await kiosk.signalling.request('consultation:request', { procedureId, language: 'ja' });
    const offered = await clerk.waitFor('call:offered');
    await clerk.signalling.request('call:accept', { consultationId: offered.consultationId });

    const archive = server.app.services.queueArchive;
    if (!server.databaseUrl) {
      expect(archive).toBeUndefined();
      return;
    }
    await archive!.catchUp();
    const client = new pg.Client({ connectionString: server.databaseUrl });
    await client.connect();
    const { rows } = await client.query<{ type: string }>(
      'SELECT type FROM queue_event_archive ORDER BY seq',
    );
    await client.end();
    // Clerks sign in away and choose when to start.
    expect(rows.map((row) => row.type)).toEqual([
      'clerk-signed-in',
      'clerk-away',
      'clerk-available',
      'caller-enqueued',
      'offer-made',
      'offer-accepted',
    ]);
  });

  it('ends a session replaced by a newer login, and the old client stays off', async () => {
    server = await startTestServer();
    const older = await connect(await staffCredentials(server, 'kato-d'));
    const newer = await connect(await staffCredentials(server, 'kato-d'));
    const ended = await older.waitFor('session:ended');
    expect(ended.reason).toBe('replaced');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(older.signalling.isConnected).toBe(false);
    expect(newer.signalling.isConnected).toBe(true);
  });

  it('cuts off a kiosk whose credential is revoked', async () => {
    server = await startTestServer();
    const kiosk = await connect(await kioskCredentials(server, 'seiseki-1'));
    const admin = await staffCredentials(server, 'admin', 'admin');
    const response = await server.app.inject({
      method: 'POST',
      url: '/api/admin/kiosks/seiseki-1/revoke',
      headers: { cookie: admin.cookie!, 'x-csrf-token': await csrfTokenOf(server, admin) },
    });
    expect(response.json()).toEqual({ kioskId: 'seiseki-1', revokedCredentials: 1 });
    expect((await kiosk.waitFor('session:ended')).reason).toBe('revoked');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(kiosk.signalling.isConnected).toBe(false);
  });
});

describe('facts sent to a socket that died silently', () => {
  const fixture = useServerFixture();

  it('are sent again when the client resumes, once each', async () => {
    const server = await fixture.start();
    const { clerk, kiosk, consultationId } = await answeredCall(server, fixture.track);
    const ready = await kiosk.waitFor('session:ready');
    const socket = [...server.app.services.signalling.sockets.sockets.values()].find(
      (candidate) =>
        (candidate.data as { participant: { id: string } }).participant.id === ready.participantId,
    )!;
    // The line is dead but nobody knows yet: whatever the server sends is lost.
    socket.emit = (() => true) as typeof socket.emit;
    const before = kiosk.received.length;
    await clerk.signalling.request('chat:send', { consultationId, text: '本人確認書類をお願いします' });
    await clerk.signalling.request('chat:send', { consultationId, text: '書類台に置いてください' });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(kiosk.received.slice(before).filter((fact) => fact.name === 'chat:message')).toEqual([]);

    socket.conn.close();
    const resumed = await kiosk.waitFor('session:ready', () => true, { since: before });
    expect(resumed.isResumed).toBe(true);
    await waitUntil(() => kiosk.all('chat:message').length >= 2);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(kiosk.all('chat:message').map((message) => message.text)).toEqual([
      '本人確認書類をお願いします',
      '書類台に置いてください',
    ]);
  });
});
