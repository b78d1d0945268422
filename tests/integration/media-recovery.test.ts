import { describe, expect, it } from 'vitest';
import { answeredCall } from '../support/answered-call.ts';
import { clerkSources, kioskSources, startFakeMedia } from '../support/fake-media.ts';
import { kioskCredentials, procedureId, queued, staffCredentials } from '../support/identities.ts';
import type { TestClient } from '../support/test-client.ts';
import { useServerFixture } from '../support/server-fixture.ts';
import type { TestServer } from '../support/test-server.ts';
import { waitUntil } from '../support/wait.ts';

/** Consumers announced to a client since index `since` of what it received. */
const newConsumers = (client: TestClient, since: number) =>
  client.received.slice(since).filter((fact) => fact.name === 'consumer:new');

/** Waits until `client` has been sent, since index `since`, a consumer of each of these sources. */
const receivesSources = (client: TestClient, since: number, sources: readonly { source: string }[]) =>
  waitUntil(() => {
    const got = newConsumers(client, since).map((fact) => (fact.payload as { source: string }).source);
    return sources.every(({ source }) => got.includes(source));
  });

/** An answered call whose first consumers have all been announced on both sides. */
const settledCall = async (server: TestServer, track: (client: TestClient) => void) => {
  const call = await answeredCall(server, track);
  await waitUntil(
    () => call.clerk.all('consumer:new').length === 3 && call.kiosk.all('consumer:new').length === 2,
  );
  return call;
};

describe('a call outlives the media worker that carried it', () => {
  const fixture = useServerFixture();
  const { connect } = fixture;

  const killWorker = async (pid: number) => {
    const { pool } = fixture.server.app.services;
    process.kill(pid, 'SIGKILL');
    await waitUntil(() => pool.aliveCount === pool.expectedCount && !pool.pids.includes(pid));
  };

  it('keeps a running call when its only worker dies: both sides start media again and receive each other', async () => {
    const server = await fixture.start();
    const { kiosk, clerk, consultationId } = await settledCall(server, fixture.track);
    const kioskSince = kiosk.received.length;
    const clerkSince = clerk.received.length;

    await killWorker(server.app.services.pool.pids[0]!);
    expect(await kiosk.waitFor('media:reset', () => true, { since: kioskSince })).toEqual({
      reason: 'worker-died',
    });
    expect((await clerk.waitFor('media:reset', () => true, { since: clerkSince })).reason).toBe(
      'worker-died',
    );

    await startFakeMedia(clerk, clerkSources);
    await startFakeMedia(kiosk, kioskSources);
    await receivesSources(clerk, clerkSince, kioskSources);
    await receivesSources(kiosk, kioskSince, clerkSources);
    const kioskGot = newConsumers(kiosk, kioskSince).map(
      (fact) => (fact.payload as { source: string }).source,
    );
    expect(kioskGot.sort()).toEqual(['camera', 'microphone']);

    // Still the same call, never ended; the resident was not sent to the survey.
    const endedFacts = [...kiosk.all('consultation:updated'), ...clerk.all('consultation:updated')].filter(
      (fact) => fact.consultation.status === 'ended',
    );
    expect(endedFacts).toEqual([]);
    await clerk.signalling.request('consultation:hang-up', { consultationId });
    const ended = await kiosk.waitFor('consultation:updated', (f) => f.consultation.status === 'ended');
    expect(ended.consultation.endReason).toBe('hung-up');
  });

  it('moves only the hub when the kiosk’s worker dies and the clerk’s desk lives on another', async () => {
    const server = await fixture.start({ MEDIA_WORKERS: '2' });
    const { kiosk, clerk, consultationId } = await settledCall(server, fixture.track);
    const { pool } = server.app.services;
    const hubWorkerPid = workerOfHub(server, consultationId);
    // Placement puts the desk and the hub on different workers (least loaded first).
    const clerkDesk = [...server.app.services.registry.all()].find((p) => p.role === 'clerk')?.media?.router
      .id;
    expect(pool.workerPidOf(clerkDesk!)).not.toBe(hubWorkerPid);
    const kioskSince = kiosk.received.length;
    const clerkSince = clerk.received.length;

    await killWorker(hubWorkerPid);
    await kiosk.waitFor('media:reset', () => true, { since: kioskSince });
    // The clerk's desk is untouched: no reset; it only loses the resident's tracks for a moment.
    await clerk.waitFor('consumer:closed', () => true, { since: clerkSince });
    expect(clerk.received.slice(clerkSince).some((fact) => fact.name === 'media:reset')).toBe(false);

    await startFakeMedia(kiosk, kioskSources);
    await receivesSources(clerk, clerkSince, kioskSources);
    // The clerk's own tracks are piped to the new hub without the clerk doing anything.
    await waitUntil(() => newConsumers(kiosk, kioskSince).length === 2);
    expect(pool.aliveCount).toBe(2);
  });

  it('keeps a waiting resident’s place when the worker dies, and the call is answered afterwards', async () => {
    const server = await fixture.start();
    const kiosk = await connect(await kioskCredentials(server, 'seiseki-1'));
    const consultation = queued(
      await kiosk.signalling.request('consultation:request', { procedureId, language: 'ja' }),
    );
    await startFakeMedia(kiosk, kioskSources);
    const since = kiosk.received.length;

    await killWorker(server.app.services.pool.pids[0]!);
    await kiosk.waitFor('media:reset', () => true, { since });
    await startFakeMedia(kiosk, kioskSources);

    const clerk = await connect(await staffCredentials(server, 'tanaka-y'));
    await startFakeMedia(clerk, clerkSources);
    await clerk.signalling.request('staff:set-status', { status: 'available' });
    const offer = await clerk.waitFor('call:offered');
    expect(offer.consultationId).toBe(consultation.consultationId);
    await clerk.signalling.request('call:accept', { consultationId: offer.consultationId });
    await receivesSources(clerk, 0, kioskSources);
  });

  it('keeps a ringing call ringing: the clerk’s rebuilt desk is made ready and answering brings media', async () => {
    const server = await fixture.start();
    const clerk = await connect(await staffCredentials(server, 'tanaka-y'));
    await startFakeMedia(clerk, clerkSources);
    await clerk.signalling.request('staff:set-status', { status: 'available' });
    const kiosk = await connect(await kioskCredentials(server, 'seiseki-1'));
    const consultation = queued(
      await kiosk.signalling.request('consultation:request', { procedureId, language: 'ja' }),
    );
    await startFakeMedia(kiosk, kioskSources);
    await clerk.waitFor('call:offered');
    const clerkSince = clerk.received.length;

    await killWorker(server.app.services.pool.pids[0]!);
    await clerk.waitFor('media:reset', () => true, { since: clerkSince });
    await startFakeMedia(clerk, clerkSources);
    await startFakeMedia(kiosk, kioskSources);
    await receivesSources(clerk, clerkSince, kioskSources);
    expect(clerk.received.slice(clerkSince).some((fact) => fact.name === 'call:offer-withdrawn')).toBe(false);

    const accepted = await clerk.signalling.request('call:accept', {
      consultationId: consultation.consultationId,
    });
    expect(accepted.consultation.status).toBe('active');
  });

  it('closes a clerk’s desk router when the clerk logs out, so routers do not pile up on workers', async () => {
    const server = await fixture.start({ RESUME_GRACE_MS: '100' });
    const { pool } = server.app.services;
    const before = pool.routerCount;
    const clerk = await connect(await staffCredentials(server, 'tanaka-y'));
    await startFakeMedia(clerk, clerkSources);
    expect(pool.routerCount).toBe(before + 1);
    clerk.close();
    await waitUntil(() => pool.routerCount === before);
  });
});

describe('transports that lose their way', () => {
  const fixture = useServerFixture();
  const { connect } = fixture;

  it('restarts ICE with new credentials on the same transport', async () => {
    const server = await fixture.start();
    const clerk = await connect(await staffCredentials(server, 'tanaka-y'));
    const { routerRtpCapabilities } = await clerk.signalling.request('media:get-capabilities', {});
    const recv = await clerk.signalling.request('transport:create', {
      direction: 'recv',
      rtpCapabilities: routerRtpCapabilities,
    });
    const restarted = await clerk.signalling.request('transport:restart-ice', { transportId: recv.id });
    expect(restarted.iceParameters.usernameFragment).not.toBe(recv.iceParameters.usernameFragment);
    expect(restarted.iceParameters.password).not.toBe(recv.iceParameters.password);
    await expect(
      clerk.signalling.request('transport:restart-ice', { transportId: crypto.randomUUID() as never }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('lets a client that started over (a reloaded page) create its transports again and receive afresh', async () => {
    const server = await fixture.start();
    const { kiosk, clerk } = await settledCall(server, fixture.track);
    const clerkSince = clerk.received.length;
    const kioskSince = kiosk.received.length;
    // The same session, new transports: the old ones are replaced, and the kiosk's tracks come again.
    await startFakeMedia(clerk, clerkSources);
    await receivesSources(clerk, clerkSince, kioskSources);
    // The kiosk receives the clerk's new tracks (the old producers went with the old transport).
    await kiosk.waitFor('consumer:closed');
    await receivesSources(kiosk, kioskSince, clerkSources);
  });
});

/** The pid of the worker carrying the consultation's hub. */
function workerOfHub(
  server: TestServer,
  consultationId: Parameters<TestServer['app']['services']['consultations']['find']>[0],
): number {
  const { pool, consultations } = server.app.services;
  const hubId = consultations.find(consultationId)?.media?.hub.id;
  const pid = hubId === undefined ? undefined : pool.workerPidOf(hubId);
  if (pid === undefined) throw new Error('the consultation has no hub');
  return pid;
}

describe('a call outlives a restart of the server', () => {
  const fixture = useServerFixture();
  const { connect } = fixture;

  /** An answered call, then the server stops and starts again on the same data. */
  const restartedMidCall = async (env: Record<string, string> = {}) => {
    const server = await fixture.start(env);
    const call = await answeredCall(server, fixture.track);
    const before = server.app.services.consultations.find(call.consultationId)!;
    const times = { requestedAt: before.requestedAt, answeredAt: before.answeredAt };
    await fixture.restart(env);
    return { ...call, times };
  };

  it('restores the running call: kiosk and clerk come back to the same consultation and media flows again', async () => {
    const { consultationId, kioskCredentials: kioskAuth, clerkCredentials, times } = await restartedMidCall();

    const kiosk = await connect(kioskAuth);
    const kioskReady = await kiosk.waitFor('session:ready');
    expect(kioskReady.isResumed).toBe(false);
    expect(kioskReady.consultation).toMatchObject({ consultationId, status: 'active' });
    const clerk = await connect(clerkCredentials);
    const clerkReady = await clerk.waitFor('session:ready');
    expect(clerkReady.consultation).toMatchObject({ consultationId, status: 'active' });
    expect(clerkReady.staffStatus).toBe('busy');
    expect(clerkReady.consultation?.staff.map((member) => member.staffId)).toEqual(['tanaka-y']);

    await startFakeMedia(kiosk, kioskSources);
    await startFakeMedia(clerk, clerkSources);
    await receivesSources(clerk, 0, kioskSources);
    await receivesSources(kiosk, 0, clerkSources);

    // The queue's log stamps its own reading of the clock, a few milliseconds from the call's.
    const restored = fixture.server.app.services.consultations.find(consultationId)!;
    expect(Math.abs(restored.requestedAt - times.requestedAt)).toBeLessThan(50);
    expect(Math.abs(restored.answeredAt! - times.answeredAt!)).toBeLessThan(50);
    await clerk.signalling.request('consultation:hang-up', { consultationId });
    await kiosk.waitFor('consultation:updated', (f) => f.consultation.status === 'ended');
    // One record of the call, with its original times and its clerk.
    const record = await fixture.server.app.services.records.find(consultationId);
    expect(record).toMatchObject({ consultationId, endReason: 'hung-up', staffIds: ['tanaka-y'] });
    expect(Math.abs(record!.requestedAt - times.requestedAt)).toBeLessThan(50);
  });

  it('takes a restored caller whose kiosk does not come back out of the queue before any clerk gets it', async () => {
    const server = await fixture.start({ RESUME_GRACE_MS: '1000' });
    const kiosk = await connect(await kioskCredentials(server, 'seiseki-1'));
    const { consultationId } = queued(
      await kiosk.signalling.request('consultation:request', { procedureId, language: 'ja' }),
    );
    const restarted = await fixture.restart({ RESUME_GRACE_MS: '1000' });
    expect(restarted.app.services.consultations.find(consultationId)?.status).toBe('waiting');

    await waitUntil(() => restarted.app.services.consultations.find(consultationId) === undefined);
    const clerk = await connect(await staffCredentials(restarted, 'tanaka-y'));
    await clerk.signalling.request('staff:set-status', { status: 'available' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(clerk.all('call:offered')).toEqual([]);
  });

  it('ends a restored call whose resident does not come back, and frees its clerk', async () => {
    const { consultationId, clerkCredentials } = await restartedMidCall({ RESUME_GRACE_MS: '1500' });
    const clerk = await connect(clerkCredentials);
    expect((await clerk.waitFor('session:ready')).consultation?.consultationId).toBe(consultationId);
    const ended = await clerk.waitFor('consultation:updated', (f) => f.consultation.status === 'ended', {
      timeoutMs: 5_000,
    });
    expect(ended.consultation.endReason).toBe('participant-left');
    await clerk.waitFor('staff:status-changed', (f) => f.status === 'wrap-up');
    expect(fixture.server.app.services.consultations.find(consultationId)).toBeUndefined();
  });
});
