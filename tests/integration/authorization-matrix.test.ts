import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands, type CommandName, type ParticipantRole, type StaffRole } from '@madoguchi/shared';
import { csrfTokenOf, kioskCredentials, staffCredentials, type Credentials } from '../support/identities.ts';
import { TestClient } from '../support/test-client.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

const unknownCapture = '00000000-0000-4000-8000-000000000000';
const staffRoles: StaffRole[] = ['clerk', 'onsite', 'supervisor', 'admin'];
const commandNames = Object.keys(commands) as CommandName[];

const media = ['kiosk', 'clerk', 'supervisor'] as const;
/**
 * Who may send each command, written from what each role is for, not read from the declarations
 * under test: kiosks call and sign, clerks answer and serve, supervisors watch (and may step in),
 * on-site staff tend their booth, administrators run the system. Media goes to whoever is in or
 * watching a call. A command missing here, or a declaration that differs, fails.
 */
const expectedSocketRoles: Record<string, readonly ParticipantRole[]> = {
  'media:get-capabilities': media,
  'transport:create': media,
  'transport:connect': media,
  'producer:create': media,
  'consumer:resume': media,
  'media:refresh-ice-servers': media,
  'transport:restart-ice': media,
  'consultation:request': ['kiosk'],
  'consultation:cancel': ['kiosk'],
  'consultation:hang-up': ['kiosk', 'clerk'],
  'staff:set-status': ['clerk'],
  'call:accept': ['clerk'],
  'call:decline': ['clerk'],
  'capture:request': ['clerk'],
  'signature:strokes': ['kiosk'],
  'signature:clear': ['kiosk'],
  'signature:submit': ['kiosk'],
  'signature:decide': ['clerk'],
  'chat:send': ['kiosk', 'clerk'],
  'document:close': ['clerk'],
  'survey:submit': ['kiosk'],
  'kiosk:report-devices': ['kiosk'],
  'kiosk:request-help': ['kiosk'],
  'consultation:invite': ['clerk'],
  'staff:colleagues': ['clerk'],
  'call:join': ['clerk'],
  'call:decline-invite': ['clerk'],
  'consultation:transfer': ['clerk'],
  'consultation:leave': ['clerk', 'supervisor'],
  'consultation:wrap-up': ['clerk'],
  'onsite:get-board': ['onsite'],
  'task:resolve': ['onsite'],
  'supervisor:monitor': ['supervisor'],
  'supervisor:join': ['supervisor'],
  'supervisor:stop-monitoring': ['supervisor'],
  'supervisor:get-snapshot': ['supervisor', 'admin'],
};

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

  it('has an expectation for every socket command, and none for a command that does not exist', () => {
    expect(Object.keys(expectedSocketRoles).sort()).toEqual([...commandNames].sort());
  });

  it.each(socketCases)('socket $name as $role', async ({ name, role }) => {
    const isAllowed = (expectedSocketRoles[name] ?? []).includes(role);
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
    { method: 'GET', url: `/api/captures/${unknownCapture}`, allowed: ['clerk', 'supervisor'] },
    {
      method: 'GET',
      url: `/api/captures/${unknownCapture}/strokes`,
      allowed: ['clerk', 'supervisor'],
    },
    { method: 'POST', url: '/api/admin/kiosks/seiseki-2/enrollment-codes', allowed: ['admin'] },
    { method: 'POST', url: '/api/admin/kiosks/seiseki-2/revoke', allowed: ['admin'] },
    { method: 'POST', url: '/api/auth/password', allowed: 'staff' },
    { method: 'POST', url: '/api/admin/staff/nobody-here/disable', allowed: ['admin'] },
    { method: 'POST', url: '/api/admin/staff/nobody-here/enable', allowed: ['admin'] },
    { method: 'POST', url: '/api/admin/staff/nobody-here/password-reset', allowed: ['admin'] },
    { method: 'POST', url: '/api/admin/staff/nobody-here/role', allowed: ['admin'] },
    { method: 'POST', url: '/api/admin/staff/nobody-here/end-sessions', allowed: ['admin'] },
    // The second step of a login is made before anyone is signed in.
    { method: 'POST', url: '/api/auth/login/second-factor', allowed: 'anyone' },
    // A second factor is for the roles that can see the most.
    { method: 'POST', url: '/api/auth/second-factor/enrolment', allowed: ['supervisor', 'admin'] },
    { method: 'POST', url: '/api/auth/second-factor/confirm', allowed: ['supervisor', 'admin'] },
    { method: 'POST', url: '/api/admin/staff/nobody-here/second-factor-reset', allowed: ['admin'] },
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

  /**
   * The kiosk routes by the state of the device credential presented, written from what enrollment
   * promises: a live credential gets past authentication (to the unknown id), anything else is
   * UNAUTHENTICATED — a revoked kiosk's credential, and the credential a kiosk held before it was
   * enrolled again, as much as none at all. The handshake is held to the same.
   */
  const kioskRoutes = [
    { method: 'PUT', url: `/api/captures/${unknownCapture}`, live: 'NOT_FOUND' },
    { method: 'GET', url: `/api/documents/${unknownCapture}`, live: 'NOT_FOUND' },
  ] as const;
  const expectedByCredential = {
    live: undefined,
    revoked: 'UNAUTHENTICATED',
    'replaced by a re-enrollment': 'UNAUTHENTICATED',
    garbled: 'UNAUTHENTICATED',
    none: 'UNAUTHENTICATED',
  } as const;
  type CredentialState = keyof typeof expectedByCredential;

  it('has a kiosk case for every route only kiosks may use', () => {
    expect(kioskRoutes.map((route) => `${route.method} ${route.url}`).sort()).toEqual(
      routes
        .filter((route) => route.allowed === 'kiosk')
        .map((route) => `${route.method} ${route.url}`)
        .sort(),
    );
  });

  it('refuses revoked and replaced kiosk credentials on every kiosk route and at the handshake', async () => {
    const admin = await staffCredentials(server, 'admin', 'admin');
    const adminHeaders = { cookie: admin.cookie!, 'x-csrf-token': await csrfTokenOf(server, admin) };
    const credentialOf = (credentials: Credentials) =>
      (credentials.auth as { credential: string }).credential;
    const revoked = credentialOf(await kioskCredentials(server, 'tama-center-1'));
    const revocation = await server.app.inject({
      method: 'POST',
      url: '/api/admin/kiosks/tama-center-1/revoke',
      headers: adminHeaders,
    });
    expect(revocation.statusCode).toBe(200);
    const replaced = credentialOf(await kioskCredentials(server, 'tama-center-2'));
    const live = credentialOf(await kioskCredentials(server, 'tama-center-2'));
    const presented: Record<CredentialState, string | undefined> = {
      live,
      revoked,
      'replaced by a re-enrollment': replaced,
      garbled: `${live.slice(0, -2)}xx`,
      none: undefined,
    };
    const outcomes: Record<string, string> = {};
    const expected: Record<string, string> = {};
    for (const [state, credential] of Object.entries(presented) as [CredentialState, string | undefined][]) {
      for (const route of kioskRoutes) {
        const response = await server.app.inject({
          method: route.method,
          url: route.url,
          headers: {
            ...(credential ? { authorization: `Kiosk ${credential}` } : {}),
            ...(route.method === 'PUT' ? { 'content-type': 'image/png' } : {}),
          },
          ...(route.method === 'PUT' ? { payload: Buffer.from('not really an image') } : {}),
        });
        const key = `${route.method} ${route.url} with ${state}`;
        outcomes[key] =
          response.statusCode >= 400 ? response.json<{ error: { code: string } }>().error.code : 'ok';
        expected[key] = expectedByCredential[state] ?? route.live;
      }
      if (credential) {
        const key = `handshake with ${state}`;
        outcomes[key] = await TestClient.connect(server.url, { auth: { role: 'kiosk', credential } }).then(
          (client) => {
            client.close();
            return 'connected';
          },
          (error: { code?: string }) => error.code ?? String(error),
        );
        expected[key] = expectedByCredential[state] ?? 'connected';
      }
    }
    expect(outcomes).toEqual(expected);
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
