import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConsultationId, ProcedureId } from '@madoguchi/shared';
import { SignallingError } from '@madoguchi/shared/client';
import { clerkSources, kioskSources, startFakeMedia } from '../support/fake-media.ts';
import {
  csrfTokenOf,
  kioskCredentials,
  procedureId,
  queued,
  staffCredentials,
  type Credentials,
} from '../support/identities.ts';
import { TestClient } from '../support/test-client.ts';
import { waitUntil } from '../support/wait.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

describe('a consultation through the real server, queue and media worker', () => {
  let server: TestServer;
  const clients: TestClient[] = [];
  const connect = async (auth: Parameters<typeof TestClient.connect>[1]) => {
    const client = await TestClient.connect(server.url, auth);
    clients.push(client);
    return client;
  };
  const available = async (staffId: string) => {
    const clerk = await connect(await staffCredentials(server, staffId));
    await clerk.signalling.request('staff:set-status', { status: 'available' });
    return clerk;
  };
  const call = async (kiosk: TestClient, language: 'ja' | 'en' = 'ja') =>
    queued(await kiosk.signalling.request('consultation:request', { procedureId, language }));

  beforeEach(async () => {
    server = await startTestServer();
  });
  afterEach(async () => {
    for (const client of clients.splice(0)) client.close();
    await server.close();
  });

  it('offers the call to a skilled clerk; accepting gives each side the other side’s tracks', async () => {
    const clerk = await connect(await staffCredentials(server, 'tanaka-y'));
    await startFakeMedia(clerk, clerkSources);
    await clerk.signalling.request('staff:set-status', { status: 'available' });

    const kiosk = await connect(await kioskCredentials(server));
    const consultation = await call(kiosk, 'en');
    // A clerk is free, so the call is offered before the request is even answered.
    expect(consultation.status).toBe('offered');
    await startFakeMedia(kiosk, kioskSources);

    const offer = await clerk.waitFor('call:offered');
    expect(offer).toMatchObject({ consultationId: consultation.consultationId, procedureId, language: 'en' });
    expect(Date.parse(offer.expiresAt)).toBeGreaterThan(Date.now());

    // While it rings, both sides' consumers are set up but nothing flows, even once confirmed.
    await waitUntil(() => clerk.all('consumer:new').length === 3 && kiosk.all('consumer:new').length === 2);
    for (const consumer of clerk.all('consumer:new')) {
      await clerk.signalling.request('consumer:resume', { consumerId: consumer.consumerId });
    }
    const clerkMedia = () => server.app.services.registry.findClerk('tanaka-y')!.media!.consumerStates();
    expect(clerkMedia().filter((c) => c.isPaused)).toHaveLength(3);

    const accepted = await clerk.signalling.request('call:accept', { consultationId: offer.consultationId });
    expect(accepted.consultation.status).toBe('active');
    expect(accepted.consultation.staff.map((s) => s.staffId)).toEqual(['tanaka-y']);
    await kiosk.waitFor('consultation:updated', ({ consultation: c }) => c.status === 'active');

    // Every kiosk track reaches the clerk's desk router through the hub, and the other way round;
    // the consumers the clerk already confirmed flow as soon as the call is answered.
    await waitUntil(() => clerkMedia().filter((c) => !c.isPaused).length === 3);
    expect(
      clerk
        .all('consumer:new')
        .map((c) => c.source)
        .sort(),
    ).toEqual(['camera', 'document-camera', 'microphone']);
    expect(
      kiosk
        .all('consumer:new')
        .map((c) => c.source)
        .sort(),
    ).toEqual(['camera', 'microphone']);
    expect(clerk.all('consumer:new').every((c) => c.role === 'kiosk')).toBe(true);

    await clerk.signalling.request('consultation:hang-up', { consultationId: offer.consultationId });
    const ended = await kiosk.waitFor('consultation:updated', ({ consultation: c }) => c.status === 'ended');
    expect(ended.consultation.endReason).toBe('hung-up');
    // Wrap-up first, then available again by itself.
    const wrapUp = await clerk.waitFor('staff:status-changed', ({ status }) => status === 'wrap-up');
    expect(wrapUp.until).not.toBeNull();
    await clerk.waitFor('staff:status-changed', ({ status }) => status === 'available', {
      since: clerk.received.findIndex((fact) => fact.payload === wrapUp),
    });
    // The desk outlives the call, but what it received from the kiosk is closed.
    await waitUntil(() => clerk.all('consumer:closed').length === 3);
  });

  it('routes by skill: a clerk without the procedure’s skill is never offered the call', async () => {
    const unskilled = await available('watanabe-s');
    const kiosk = await connect(await kioskCredentials(server));
    const consultation = await call(kiosk);
    expect(consultation.status).toBe('waiting');
    const skilled = await available('kato-d');
    const offer = await skilled.waitFor('call:offered');
    expect(offer.consultationId).toBe(consultation.consultationId);
    expect(unskilled.all('call:offered')).toHaveLength(0);
  });

  it('re-offers a declined call to the next clerk; the one who declined is not offered calls', async () => {
    const clerks = [await available('suzuki-h'), await available('kato-d')];
    const kiosk = await connect(await kioskCredentials(server));
    const consultation = await call(kiosk);

    // The most proficient clerk (suzuki-h, 5) gets it first.
    const [first, second] = clerks as [TestClient, TestClient];
    const offer = await first.waitFor('call:offered');
    await first.signalling.request('call:decline', { consultationId: offer.consultationId });
    await first.waitFor('call:offer-withdrawn', (w) => w.reason === 'declined');
    await first.waitFor('staff:status-changed', (f) => f.status === 'not-responding');
    const reoffer = await second.waitFor('call:offered');
    expect(reoffer.consultationId).toBe(consultation.consultationId);

    // Accepting a call offered to someone else is refused.
    await expect(
      first.signalling.request('call:accept', { consultationId: reoffer.consultationId }),
    ).rejects.toMatchObject({ code: 'INVALID_STATE' });
  });

  it('withdraws the offer when the resident cancels, and the clerk is free again', async () => {
    const clerk = await available('tanaka-y');
    const kiosk = await connect(await kioskCredentials(server));
    const consultation = await call(kiosk);
    await clerk.waitFor('call:offered');
    await kiosk.signalling.request('consultation:cancel', { consultationId: consultation.consultationId });
    const withdrawn = await clerk.waitFor('call:offer-withdrawn');
    expect(withdrawn.reason).toBe('cancelled');
    await clerk.waitFor('staff:status-changed', ({ status }) => status === 'available');
  });

  it('lets an offer ring out: the call goes to the next clerk and the first is not responding', async () => {
    await server.close();
    server = await startTestServer({ OFFER_TIMEOUT_MS: '1000' });
    const sleepy = await available('suzuki-h');
    const kiosk = await connect(await kioskCredentials(server));
    await call(kiosk);
    await sleepy.waitFor('call:offered');
    const awake = await available('kato-d');
    const withdrawn = await sleepy.waitFor('call:offer-withdrawn');
    expect(withdrawn.reason).toBe('expired');
    await sleepy.waitFor('staff:status-changed', ({ status }) => status === 'not-responding');
    await awake.waitFor('call:offered');
  });

  it('tells each waiting resident their place and updates it as the line moves', async () => {
    const first = await connect(await kioskCredentials(server, 'seiseki-1'));
    const second = await connect(await kioskCredentials(server, 'seiseki-2'));
    const a = await call(first);
    await call(second);
    expect((await first.waitFor('queue:updated')).position).toBe(0);
    expect((await second.waitFor('queue:updated')).position).toBe(1);
    const before = second.received.length;
    await first.signalling.request('consultation:cancel', { consultationId: a.consultationId });
    const moved = await second.waitFor('queue:updated', () => true, { since: before });
    expect(moved.position).toBe(0);
  });

  it('tells a kiosk whose booth is not open that it is closed, with no call queued', async () => {
    await server.close();
    server = await startTestServer({ SERVICE_HOURS: 'catalog' });
    const planned = await connect(await kioskCredentials(server, 'nagayama-1'));
    const response = await planned.signalling.request('consultation:request', {
      procedureId,
      language: 'ja',
    });
    // 永山 is planned, not open: no opening is scheduled yet.
    expect(response).toEqual({ outcome: 'closed', nextOpeningAt: null });
  });

  it('gives supervisors a live snapshot of queues and clerks', async () => {
    const supervisor = await connect(await staffCredentials(server, 'sato', 'supervisor'));
    const clerk = await connect(await staffCredentials(server, 'watanabe-s'));
    await clerk.signalling.request('staff:set-status', { status: 'away', reason: 'meeting' });
    const kiosk = await connect(await kioskCredentials(server));
    const consultation = await call(kiosk);
    const pushed = await supervisor.waitFor('queue:snapshot', (s) => s.callers.length === 1);
    expect(pushed.callers[0]).toMatchObject({ consultationId: consultation.consultationId, procedureId });
    const snapshot = await supervisor.signalling.request('supervisor:get-snapshot', {});
    expect(snapshot.clerks).toEqual([
      expect.objectContaining({
        staffId: 'watanabe-s',
        status: 'away',
        awayReason: 'meeting',
        isConnected: true,
      }),
    ]);
    await expect(kiosk.signalling.request('supervisor:get-snapshot', {})).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });

  it('refuses bad input with a code and keeps serving', async () => {
    const kiosk = await connect(await kioskCredentials(server));
    const refusal = (promise: Promise<unknown>) =>
      promise.then(
        () => undefined,
        (error: unknown) => error,
      );

    const malformed = await refusal(
      kiosk.signalling.request('consultation:request', { procedureId: 'NOT A SLUG' } as never),
    );
    expect(malformed).toBeInstanceOf(SignallingError);
    expect((malformed as SignallingError).code).toBe('VALIDATION_FAILED');

    const unknownProcedure = await refusal(
      kiosk.signalling.request('consultation:request', {
        procedureId: 'no-such-thing' as ProcedureId,
        language: 'ja',
      }),
    );
    expect((unknownProcedure as SignallingError).code).toBe('NOT_FOUND');

    const wrongRole = await refusal(
      kiosk.signalling.request('call:accept', { consultationId: crypto.randomUUID() as ConsultationId }),
    );
    expect((wrongRole as SignallingError).code).toBe('FORBIDDEN');

    const mediaFirst = await refusal(kiosk.signalling.request('media:get-capabilities', {}));
    expect((mediaFirst as SignallingError).code).toBe('INVALID_STATE');

    // And a valid request still works on the same connection.
    expect((await call(kiosk)).status).toBe('waiting');
  });

  it('refuses a handshake without a valid identity: bad, unknown or revoked credentials, no login', async () => {
    const revoked = await kioskCredentials(server, 'seiseki-2');
    await server.app.services.auth.enrollment.revoke('seiseki-2');
    const loggedOut = await staffCredentials(server, 'kato-d');
    await server.app.inject({
      method: 'POST',
      url: '/api/auth/logout-everywhere',
      headers: { cookie: loggedOut.cookie!, 'x-csrf-token': await csrfTokenOf(server, loggedOut) },
    });
    for (const credentials of [
      { auth: { role: 'kiosk', credential: 'not a credential' } },
      { auth: { role: 'kiosk', credential: 'A'.repeat(43) } },
      revoked,
      { auth: { role: 'staff' } },
      { auth: { role: 'staff' }, cookie: 'madoguchi_session=forged' },
      loggedOut,
    ] as Credentials[]) {
      const anonymous = new TestClient(server.url, credentials);
      clients.push(anonymous);
      anonymous.signalling.connect();
      await expect(anonymous.signalling.waitForConnection()).rejects.toMatchObject({
        code: 'UNAUTHENTICATED',
      });
    }
  });
});
