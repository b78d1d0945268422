import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConsultationId, ProcedureId } from '@madoguchi/shared';
import { SignallingError } from '@madoguchi/shared/client';
import { clerkSources, kioskSources, startFakeMedia } from '../support/fake-media.ts';
import { clerkAuth, kioskAuth, procedureId } from '../support/identities.ts';
import { TestClient } from '../support/test-client.ts';
import { waitUntil } from '../support/wait.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

describe('a consultation through the real server and media worker', () => {
  let server: TestServer;
  const clients: TestClient[] = [];
  const connect = async (auth: Parameters<typeof TestClient.connect>[1]) => {
    const client = await TestClient.connect(server.url, auth);
    clients.push(client);
    return client;
  };

  beforeEach(async () => {
    server = await startTestServer();
  });
  afterEach(async () => {
    for (const client of clients.splice(0)) client.close();
    await server.close();
  });

  it('offers the call to an available clerk; accepting gives each side the other side’s tracks', async () => {
    const clerk = await connect(clerkAuth('tanaka'));
    await startFakeMedia(clerk, clerkSources);
    await clerk.signalling.request('staff:set-status', { status: 'available' });

    const kiosk = await connect(kioskAuth());
    const { consultation } = await kiosk.signalling.request('consultation:request', {
      procedureId,
      language: 'en',
    });
    // A clerk is free, so the call is offered before the request is even answered.
    expect(consultation.status).toBe('offered');
    await startFakeMedia(kiosk, kioskSources);

    const offer = await clerk.waitFor('call:offered');
    expect(offer).toMatchObject({ consultationId: consultation.consultationId, procedureId, language: 'en' });
    expect(Date.parse(offer.expiresAt)).toBeGreaterThan(Date.now());

    const accepted = await clerk.signalling.request('call:accept', { consultationId: offer.consultationId });
    expect(accepted.consultation.status).toBe('active');
    expect(accepted.consultation.staff.map((s) => s.staffId)).toEqual(['tanaka']);
    await kiosk.waitFor('consultation:updated', ({ consultation: c }) => c.status === 'active');

    // Every kiosk track reaches the clerk's desk router through the hub, and the other way round.
    await waitUntil(() => clerk.all('consumer:new').length === 3 && kiosk.all('consumer:new').length === 2);
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
    for (const consumer of clerk.all('consumer:new')) {
      await clerk.signalling.request('consumer:resume', { consumerId: consumer.consumerId });
    }
    expect(clerk.all('consumer:new').every((c) => c.role === 'kiosk')).toBe(true);

    await clerk.signalling.request('consultation:hang-up', { consultationId: offer.consultationId });
    const ended = await kiosk.waitFor('consultation:updated', ({ consultation: c }) => c.status === 'ended');
    expect(ended.consultation.endReason).toBe('hung-up');
    await clerk.waitFor('staff:status-changed', ({ status }) => status === 'available');
    // The desk outlives the call, but what it received from the kiosk is closed.
    await waitUntil(() => clerk.all('consumer:closed').length === 3);
  });

  it('re-offers a declined call to the next clerk and never back to the one who declined', async () => {
    const first = await connect(clerkAuth('first'));
    await first.signalling.request('staff:set-status', { status: 'available' });
    const second = await connect(clerkAuth('second'));
    await second.signalling.request('staff:set-status', { status: 'available' });
    const kiosk = await connect(kioskAuth());
    const { consultation } = await kiosk.signalling.request('consultation:request', {
      procedureId,
      language: 'ja',
    });

    // The longest-idle clerk gets it first.
    const offer = await first.waitFor('call:offered');
    await first.signalling.request('call:decline', { consultationId: offer.consultationId });
    await first.waitFor('call:offer-withdrawn', (w) => w.reason === 'declined');
    const reoffer = await second.waitFor('call:offered');
    expect(reoffer.consultationId).toBe(consultation.consultationId);
    expect(first.all('call:offered')).toHaveLength(1);

    // Accepting a call offered to someone else is refused.
    await expect(
      first.signalling.request('call:accept', { consultationId: reoffer.consultationId }),
    ).rejects.toMatchObject({
      code: 'INVALID_STATE',
    });
  });

  it('withdraws the offer when the resident cancels, and the clerk is free again', async () => {
    const clerk = await connect(clerkAuth('tanaka'));
    await clerk.signalling.request('staff:set-status', { status: 'available' });
    const kiosk = await connect(kioskAuth());
    const { consultation } = await kiosk.signalling.request('consultation:request', {
      procedureId,
      language: 'ja',
    });
    await clerk.waitFor('call:offered');
    await kiosk.signalling.request('consultation:cancel', { consultationId: consultation.consultationId });
    const withdrawn = await clerk.waitFor('call:offer-withdrawn');
    expect(withdrawn.reason).toBe('cancelled');
    await clerk.waitFor('staff:status-changed', ({ status }) => status === 'available');
    expect(server.app.services.pool.aliveCount).toBe(1);
  });

  it('lets an offer ring out: the call goes back to waiting and the clerk is set away', async () => {
    await server.close();
    server = await startTestServer({ OFFER_TIMEOUT_MS: '1000' });
    const clerk = await connect(clerkAuth('sleepy'));
    await clerk.signalling.request('staff:set-status', { status: 'available' });
    const kiosk = await connect(kioskAuth());
    await kiosk.signalling.request('consultation:request', { procedureId, language: 'ja' });
    await clerk.waitFor('call:offered');
    const withdrawn = await clerk.waitFor('call:offer-withdrawn');
    expect(withdrawn.reason).toBe('expired');
    await clerk.waitFor('staff:status-changed', ({ status }) => status === 'away');
  });

  it('refuses bad input with a code and keeps serving', async () => {
    const kiosk = await connect(kioskAuth());
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
    const { consultation } = await kiosk.signalling.request('consultation:request', {
      procedureId,
      language: 'ja',
    });
    expect(consultation.status).toBe('waiting');
  });

  it('refuses a handshake without a valid identity', async () => {
    const anonymous = new TestClient(server.url, { role: 'kiosk', kioskId: 'Bad Id!' } as never);
    clients.push(anonymous);
    anonymous.signalling.connect();
    await expect(anonymous.signalling.waitForConnection()).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});
