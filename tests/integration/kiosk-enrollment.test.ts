import { afterEach, describe, expect, it } from 'vitest';
import { csrfTokenOf, kioskCredentials, staffCredentials } from '../support/identities.ts';
import { TestClient } from '../support/test-client.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

/** What an administrator's revoke and a kiosk's re-enrollment leave working. */
describe('kiosk enrollment codes and credentials', () => {
  let server: TestServer;

  afterEach(async () => {
    await server.close();
  });

  const asAdmin = async () => {
    const admin = await staffCredentials(server, 'admin', 'admin');
    const headers = { cookie: admin.cookie!, 'x-csrf-token': await csrfTokenOf(server, admin) };
    return {
      newCode: async (kioskId: string) => {
        const response = await server.app.inject({
          method: 'POST',
          url: `/api/admin/kiosks/${kioskId}/enrollment-codes`,
          headers,
        });
        expect(response.statusCode).toBe(200);
        return response.json<{ code: string }>().code;
      },
      revoke: async (kioskId: string) => {
        const response = await server.app.inject({
          method: 'POST',
          url: `/api/admin/kiosks/${kioskId}/revoke`,
          headers,
        });
        expect(response.statusCode).toBe(200);
      },
    };
  };
  const enroll = async (code: string) => {
    const response = await server.app.inject({ method: 'POST', url: '/api/kiosk/enroll', payload: { code } });
    return response.statusCode === 200 ? 'ok' : response.json<{ error: { code: string } }>().error.code;
  };

  it('expires the kiosk’s unused codes with a revoke, and only that kiosk’s', async () => {
    server = await startTestServer();
    const admin = await asAdmin();
    const first = await admin.newCode('seiseki-1');
    const second = await admin.newCode('seiseki-1');
    const otherKiosk = await admin.newCode('seiseki-2');
    // A code handed out before a theft must not enroll the thief's machine after the revoke.
    await admin.revoke('seiseki-1');
    expect(await enroll(first)).toBe('UNAUTHENTICATED');
    expect(await enroll(second)).toBe('UNAUTHENTICATED');
    expect(await enroll(otherKiosk)).toBe('ok');
    // The kiosk is enrolled again with a code made after the revoke.
    expect(await enroll(await admin.newCode('seiseki-1'))).toBe('ok');
    expect(await server.app.services.auth.enrollment.isEnrolled('seiseki-1')).toBe(true);
  });

  it('revokes the old credential when the kiosk is enrolled again', async () => {
    server = await startTestServer();
    const old = await kioskCredentials(server, 'seiseki-1');
    const replacement = await kioskCredentials(server, 'seiseki-1');
    const refusal = await TestClient.connect(server.url, old).then(
      (client) => {
        client.close();
        return 'connected';
      },
      (error: { code?: string }) => error.code ?? String(error),
    );
    expect(refusal).toBe('UNAUTHENTICATED');
    const kiosk = await TestClient.connect(server.url, replacement);
    kiosk.close();
    // Another kiosk's enrollment leaves this one's credential alone.
    await kioskCredentials(server, 'seiseki-2');
    const again = await TestClient.connect(server.url, replacement);
    again.close();
  });
});
