import { afterEach, describe, expect, it } from 'vitest';
import { csrfTokenOf, kioskCredentials, procedureId, staffCredentials } from '../support/identities.ts';
import { pngOf } from '../support/images.ts';
import { answeredCall } from '../support/answered-call.ts';
import { TestClient } from '../support/test-client.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

describe('around the call at the booth: chat, documents, survey, devices, help', () => {
  let server: TestServer;
  const clients: TestClient[] = [];
  const connect = async (credentials: Parameters<typeof TestClient.connect>[1]) => {
    const client = await TestClient.connect(server.url, credentials);
    clients.push(client);
    return client;
  };

  afterEach(async () => {
    for (const client of clients.splice(0)) client.close();
    await server.close();
  });

  const inCall = () =>
    answeredCall(server, (client) => clients.push(client), { clerkId: 'nguyen-t', language: 'vi' });

  it('relays chat both ways, to the other side only', async () => {
    server = await startTestServer();
    const { clerk, kiosk, consultationId } = await inCall();
    await kiosk.signalling.request('chat:send', { consultationId, text: '耳が聞こえにくいです' });
    const heard = await clerk.waitFor('chat:message');
    expect(heard).toMatchObject({ from: 'resident', senderName: null, text: '耳が聞こえにくいです' });
    await clerk.signalling.request('chat:send', { consultationId, text: '文字でご案内しますね' });
    expect(await kiosk.waitFor('chat:message')).toMatchObject({
      from: 'clerk',
      senderName: 'Staff nguyen-t',
    });
    expect(kiosk.all('chat:message')).toHaveLength(1);
    expect(clerk.all('chat:message')).toHaveLength(1);
  });

  it('shows a clerk’s document on the kiosk only, and forgets it when closed', async () => {
    server = await startTestServer();
    const { clerkCredentials, kiosk, kioskCredentials: kioskCreds, consultationId, clerk } = await inCall();
    const form = pngOf(1240, 1754);
    const pushed = await server.app.inject({
      method: 'POST',
      url: `/api/consultations/${consultationId}/documents`,
      headers: {
        cookie: clerkCredentials.cookie!,
        'x-csrf-token': await csrfTokenOf(server, clerkCredentials),
        'content-type': 'image/png',
      },
      payload: form,
    });
    const { documentId } = pushed.json<{ documentId: string }>();
    expect(pushed.json()).toMatchObject({ width: 1240, height: 1754 });
    expect(await kiosk.waitFor('document:shown')).toMatchObject({ documentId, width: 1240, height: 1754 });

    const fetchAs = (credential: string) =>
      server.app.inject({
        url: `/api/documents/${documentId}`,
        headers: { authorization: `Kiosk ${credential}` },
      });
    const ownKiosk = (kioskCreds.auth as { credential: string }).credential;
    const fetched = await fetchAs(ownKiosk);
    expect(Buffer.compare(fetched.rawPayload, form)).toBe(0);
    const otherKiosk = ((await kioskCredentials(server, 'seiseki-2')).auth as { credential: string })
      .credential;
    expect((await fetchAs(otherKiosk)).statusCode).toBe(404);

    await clerk.signalling.request('document:close', { consultationId, documentId: documentId as never });
    expect(await kiosk.waitFor('document:closed')).toEqual({ consultationId, documentId });
    expect((await fetchAs(ownKiosk)).statusCode).toBe(404);
  });

  it('stores the survey of the call that just ended (a later answer replaces it), and refuses others', async () => {
    server = await startTestServer();
    const { clerk, kiosk, consultationId } = await inCall();
    await expect(
      kiosk.signalling.request('survey:submit', { consultationId, rating: 5 }),
    ).rejects.toMatchObject({
      code: 'INVALID_STATE',
    });
    await clerk.signalling.request('consultation:hang-up', { consultationId });
    await kiosk.waitFor('consultation:updated', (f) => f.consultation.status === 'ended');
    // The tap stores the rating at once; the comment comes with a second answer that replaces it.
    await kiosk.signalling.request('survey:submit', { consultationId, rating: 5 });
    expect((await server.app.services.surveys.find(consultationId))?.rating).toBe(5);
    await kiosk.signalling.request('survey:submit', {
      consultationId,
      rating: 4,
      comment: 'とても丁寧でした',
    });
    expect(await server.app.services.surveys.find(consultationId)).toMatchObject({
      kioskId: 'seiseki-1',
      procedureId,
      language: 'vi',
      staffIds: ['nguyen-t'],
      rating: 4,
      comment: 'とても丁寧でした',
    });
    // Another kiosk cannot rate this call.
    const other = await connect(await kioskCredentials(server, 'seiseki-2'));
    await expect(
      other.signalling.request('survey:submit', { consultationId, rating: 1 }),
    ).rejects.toMatchObject({ code: 'INVALID_STATE' });
    expect((await server.app.services.surveys.find(consultationId))?.rating).toBe(4);
  });

  it('takes a kiosk with a failed device out of service, and calls its booth’s staff for help', async () => {
    server = await startTestServer();
    const kiosk = await connect(await kioskCredentials(server, 'seiseki-1'));
    const ok = { camera: 'ok', documentCamera: 'ok', microphone: 'ok', speaker: 'ok' } as const;
    expect(await kiosk.signalling.request('kiosk:report-devices', { devices: ok })).toEqual({
      isInService: true,
    });
    expect(
      await kiosk.signalling.request('kiosk:report-devices', {
        devices: { ...ok, documentCamera: 'failed' },
      }),
    ).toEqual({ isInService: false });
    expect(server.app.services.kiosks.isInService('seiseki-1')).toBe(false);

    const here = await connect(await staffCredentials(server, 'onsite-seiseki', 'onsite'));
    const supervisor = await connect(await staffCredentials(server, 'sato', 'supervisor'));
    await kiosk.signalling.request('kiosk:request-help', { reason: 'device' });
    expect(await here.waitFor('help:requested')).toMatchObject({ kioskId: 'seiseki-1', reason: 'device' });
    expect(await supervisor.waitFor('help:requested')).toMatchObject({ kioskId: 'seiseki-1' });
  });
});
