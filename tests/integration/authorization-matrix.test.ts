import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands, type CommandName, type ParticipantRole, type StaffRole } from '@madoguchi/shared';
import { csrfTokenOf, kioskCredentials, staffCredentials, type Credentials } from '../support/identities.ts';
import { TestClient } from '../support/test-client.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

const unknownCapture = '00000000-0000-4000-8000-000000000000';
const staffRoles: StaffRole[] = ['clerk', 'onsite', 'supervisor', 'admin'];
const commandNames = Object.keys(commands) as CommandName[];

/**
 * Every (role × socket command) and (role × HTTP route) pair: allowed pairs get past authorisation
 * (to a validation error on a deliberately bad payload), refused pairs get FORBIDDEN or
 * UNAUTHENTICATED. A new command or route without an entry here fails the test.
 */
describe('authorisation matrix', () => {
  let server: TestServer;
  const clients = new Map<ParticipantRole, TestClient>();
  const credentials = new Map<ParticipantRole, Credentials>();

  beforeAll(async () => {
    server = await startTestServer();
    credentials.set('kiosk', await kioskCredentials(server, 'seiseki-1'));
    // Clerks must exist in the catalogue; the other roles are plain accounts.
    credentials.set('clerk', await staffCredentials(server, 'tanaka-y', 'clerk'));
    credentials.set('onsite', await staffCredentials(server, 'onsite-seiseki', 'onsite'));
    credentials.set('supervisor', await staffCredentials(server, 'sato', 'supervisor'));
    credentials.set('admin', await staffCredentials(server, 'admin', 'admin'));
    for (const [role, credential] of credentials)
      clients.set(role, await TestClient.connect(server.url, credential));
  });

  afterAll(async () => {
    for (const client of clients.values()) client.close();
    await server.close();
  });

  const socketCases = commandNames.flatMap((name) =>
    (['kiosk', ...staffRoles] as ParticipantRole[]).map((role) => ({ name, role })),
  );

  it.each(socketCases)('socket $name as $role', async ({ name, role }) => {
    const isAllowed = (commands[name].roles as readonly string[]).includes(role);
    const outcome = await clients
      .get(role)!
      .signalling.request(name, { notAField: true } as never)
      .then(
        () => 'ok',
        (error: { code: string }) => error.code,
      );
    expect(outcome).toBe(isAllowed ? 'VALIDATION_FAILED' : 'FORBIDDEN');
  });

  type Route = {
    method: 'GET' | 'POST' | 'PUT';
    url: string;
    /** `kiosk`: only with a kiosk's device credential (staff cookies do not count). */
    allowed: 'anyone' | 'staff' | 'kiosk' | readonly StaffRole[];
  };
  const routes: Route[] = [
    { method: 'GET', url: '/api/health', allowed: 'anyone' },
    { method: 'GET', url: '/api/procedures', allowed: 'anyone' },
    { method: 'POST', url: '/api/auth/login', allowed: 'anyone' },
    { method: 'POST', url: '/api/kiosk/enroll', allowed: 'anyone' },
    { method: 'GET', url: '/api/auth/session', allowed: 'staff' },
    { method: 'POST', url: '/api/auth/logout', allowed: 'staff' },
    { method: 'POST', url: '/api/auth/logout-everywhere', allowed: 'staff' },
    { method: 'GET', url: '/api/admin/staff', allowed: ['admin'] },
    { method: 'POST', url: '/api/admin/staff', allowed: ['admin'] },
    { method: 'GET', url: '/api/admin/kiosks', allowed: ['admin'] },
    { method: 'GET', url: '/api/admin/audit', allowed: ['admin'] },
    { method: 'GET', url: '/api/admin/catalog', allowed: ['supervisor', 'admin'] },
    { method: 'PUT', url: '/api/admin/catalog', allowed: ['admin'] },
    { method: 'GET', url: '/api/admin/catalog/revisions', allowed: ['admin'] },
    { method: 'GET', url: '/api/reports/kpis', allowed: ['supervisor', 'admin'] },
    { method: 'GET', url: '/api/reports/kpis.csv', allowed: ['supervisor', 'admin'] },
    { method: 'GET', url: '/api/reports/national', allowed: ['supervisor', 'admin'] },
    { method: 'PUT', url: `/api/captures/${unknownCapture}`, allowed: 'kiosk' },
    { method: 'GET', url: `/api/documents/${unknownCapture}`, allowed: 'kiosk' },
    { method: 'POST', url: `/api/consultations/${unknownCapture}/documents`, allowed: ['clerk'] },
    { method: 'GET', url: `/api/captures/${unknownCapture}`, allowed: ['clerk', 'supervisor', 'admin'] },
    {
      method: 'GET',
      url: `/api/captures/${unknownCapture}/strokes`,
      allowed: ['clerk', 'supervisor', 'admin'],
    },
    { method: 'POST', url: '/api/admin/kiosks/seiseki-2/enrollment-codes', allowed: ['admin'] },
    { method: 'POST', url: '/api/admin/kiosks/seiseki-2/revoke', allowed: ['admin'] },
    { method: 'POST', url: '/api/auth/password', allowed: 'staff' },
    { method: 'POST', url: '/api/admin/staff/nobody-here/disable', allowed: ['admin'] },
    { method: 'POST', url: '/api/admin/staff/nobody-here/enable', allowed: ['admin'] },
    { method: 'POST', url: '/api/admin/staff/nobody-here/password-reset', allowed: ['admin'] },
    { method: 'POST', url: '/api/admin/staff/nobody-here/role', allowed: ['admin'] },
    { method: 'POST', url: '/api/admin/staff/nobody-here/end-sessions', allowed: ['admin'] },
  ];

  it('accounts for every API route the server has', () => {
    const listed = routes
      .map(
        (route) =>
          `${route.method} ${route.url
            .replace('seiseki-2', ':kioskId')
            .replace('nobody-here', ':staffId')
            .replace(`documents/${unknownCapture}`, 'documents/:documentId')
            .replace(`consultations/${unknownCapture}`, 'consultations/:consultationId')
            .replace(unknownCapture, ':captureId')}`,
      )
      .sort();
    const served = server.app.services.routes
      .filter((route) => route.url.startsWith('/api/') && route.method !== 'HEAD')
      .map((route) => `${route.method} ${route.url}`)
      .sort();
    expect(listed).toEqual(served);
  });

  const httpCases = routes.flatMap((route) =>
    (['anonymous', ...staffRoles] as const).map((who) => ({ ...route, who })),
  );

  it.each(httpCases)('HTTP $method $url as $who', async ({ method, url, allowed, who }) => {
    const headers: Record<string, string> = {};
    if (who !== 'anonymous') {
      // A session of its own: the logout cases end theirs.
      const staffId = { clerk: 'tanaka-y', onsite: 'onsite-seiseki', supervisor: 'sato', admin: 'admin' }[
        who
      ];
      const credential = await staffCredentials(server, staffId, who);
      headers.cookie = credential.cookie!;
      headers['x-csrf-token'] = await csrfTokenOf(server, credential);
    }
    // Bodies that fail validation, so an allowed request changes nothing.
    const response = await server.app.inject({
      method,
      url,
      headers,
      ...(method === 'POST' ? { payload: { notAField: true } } : {}),
    });
    const code = response.statusCode >= 400 ? response.json<{ error: { code: string } }>().error.code : 'ok';
    const isAllowed =
      allowed === 'anyone' ||
      (who !== 'anonymous' && allowed !== 'kiosk' && (allowed === 'staff' || allowed.includes(who)));
    if (!isAllowed) {
      expect(code).toBe(who === 'anonymous' || allowed === 'kiosk' ? 'UNAUTHENTICATED' : 'FORBIDDEN');
    } else {
      // Allowed through: the request fails only on its (deliberately) bad content or unknown id.
      expect(['ok', 'VALIDATION_FAILED', 'NOT_FOUND']).toContain(code);
    }
  });

  it('refuses a state-changing request without the CSRF token, even from an administrator', async () => {
    const admin = await staffCredentials(server, 'admin', 'admin');
    const response = await server.app.inject({
      method: 'POST',
      url: '/api/admin/kiosks/seiseki-2/enrollment-codes',
      headers: { cookie: admin.cookie! },
    });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ error: { code: 'FORBIDDEN' } });
  });
});
