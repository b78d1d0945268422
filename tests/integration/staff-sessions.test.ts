import { afterEach, describe, expect, it } from 'vitest';
import {
  auditLogResponseSchema,
  passwordResetResponseSchema,
  staffSessionSchema,
  type AuditEntry,
} from '@madoguchi/shared';
import { csrfTokenOf, staffCredentials, testPassword, type Credentials } from '../support/identities.ts';
import { TestClient } from '../support/test-client.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { waitUntil } from '../support/wait.ts';

/**
 * Sessions that end: every socket of a staff session is cut at once when the session ends
 * (logout, idleness, a disabled account, a changed role, a reset password, an administrator
 * ending it), and what ended it stays shut. Driven through a real server and real sockets.
 */
describe('staff sessions that end', () => {
  let server: TestServer;
  const clients: TestClient[] = [];
  afterEach(async () => {
    for (const client of clients.splice(0)) client.close();
    await server.close();
  });

  const connect = async (credentials: Credentials) => {
    const client = await TestClient.connect(server.url, credentials);
    clients.push(client);
    return client;
  };
  /** A connection attempt that must be refused, with the code it is refused with. */
  const refusedCode = async (credentials: Credentials): Promise<string> => {
    const client = new TestClient(server.url, credentials);
    clients.push(client);
    client.signalling.connect();
    const error = await client.signalling.waitForConnection().then(
      () => undefined,
      (refusal: unknown) => refusal as { code: string },
    );
    if (!error) throw new Error('the connection was accepted');
    return error.code;
  };
  const headersOf = async (credentials: Credentials) => ({
    cookie: credentials.cookie!,
    'x-csrf-token': await csrfTokenOf(server, credentials),
  });
  const post = (url: string, headers: Record<string, string>, payload?: object) =>
    server.app.inject({ method: 'POST', url, headers, ...(payload === undefined ? {} : { payload }) });
  const login = (staffId: string, password: string) =>
    server.app.inject({ method: 'POST', url: '/api/auth/login', payload: { staffId, password } });
  const auditOf = async (headers: Record<string, string>): Promise<AuditEntry[]> =>
    auditLogResponseSchema.parse(
      (await server.app.inject({ url: '/api/admin/audit?limit=50', headers })).json(),
    ).entries;
  const isCutOff = (client: TestClient) => waitUntil(() => !client.signalling.isConnected, 5_000);

  it('a disabled clerk’s open socket is cut at once and can neither reconnect nor log in; re-enabled, they can', async () => {
    server = await startTestServer();
    const admin = await headersOf(await staffCredentials(server, 'admin', 'admin'));
    const clerkCredentials = await staffCredentials(server, 'tanaka-y');
    const clerk = await connect(clerkCredentials);

    const response = await post('/api/admin/staff/tanaka-y/disable', admin);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ staffId: 'tanaka-y', isDisabled: true });
    expect(await clerk.waitFor('session:ended')).toEqual({ reason: 'account-disabled' });
    await isCutOff(clerk);

    expect(await refusedCode(clerkCredentials)).toBe('UNAUTHENTICATED');
    expect(
      (await server.app.inject({ url: '/api/auth/session', headers: { cookie: clerkCredentials.cookie! } }))
        .statusCode,
    ).toBe(401);
    expect((await login('tanaka-y', testPassword)).statusCode).toBe(401);

    expect((await post('/api/admin/staff/tanaka-y/enable', admin)).statusCode).toBe(200);
    expect(await refusedCode(clerkCredentials)).toBe('UNAUTHENTICATED');
    await connect(await staffCredentials(server, 'tanaka-y'));

    const actions = (await auditOf(admin))
      .filter((entry) => entry.subject === 'tanaka-y')
      .map((entry) => entry.action);
    expect(actions).toEqual(expect.arrayContaining(['staff-disabled', 'staff-enabled']));
    const disabled = (await auditOf(admin)).find((entry) => entry.action === 'staff-disabled');
    expect(disabled).toMatchObject({ actor: 'admin', subject: 'tanaka-y', details: { endedSessions: 1 } });
  });

  it('logging out cuts the socket of that session only', async () => {
    server = await startTestServer();
    const first = await staffCredentials(server, 'supervisor', 'supervisor');
    const second = await staffCredentials(server, 'supervisor', 'supervisor');
    const socket = await connect(first);
    const loggedOut = await post('/api/auth/logout', await headersOf(first));
    expect(loggedOut.statusCode).toBe(200);
    expect(await socket.waitFor('session:ended')).toEqual({ reason: 'logged-out' });
    await isCutOff(socket);
    expect(await refusedCode(first)).toBe('UNAUTHENTICATED');
    // The other login is untouched.
    expect(
      (await server.app.inject({ url: '/api/auth/session', headers: { cookie: second.cookie! } })).statusCode,
    ).toBe(200);
    await connect(second);
  });

  it('an idle session ends on its own, its socket with it; a used one lives on', async () => {
    server = await startTestServer({ STAFF_IDLE_TIMEOUT_MS: '1500', STAFF_SESSION_CHECK_INTERVAL_MS: '200' });
    const idle = await staffCredentials(server, 'supervisor', 'supervisor');
    const busy = await staffCredentials(server, 'onsite-tama', 'onsite');
    const idleSocket = await connect(idle);
    const busySocket = await connect(busy);
    const startedAt = Date.now();
    // The busy one sends a command every 300 ms; the idle one nothing.
    const keepBusy = setInterval(
      () => void busySocket.signalling.request('onsite:get-board', {}).catch(() => undefined),
      300,
    );
    try {
      expect(await idleSocket.waitFor('session:ended', () => true, { timeoutMs: 5_000 })).toEqual({
        reason: 'expired',
      });
      expect(Date.now() - startedAt).toBeGreaterThanOrEqual(1_000);
      await isCutOff(idleSocket);
      expect(await refusedCode(idle)).toBe('UNAUTHENTICATED');
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(busySocket.signalling.isConnected).toBe(true);
      expect(busySocket.all('session:ended')).toEqual([]);
    } finally {
      clearInterval(keepBusy);
    }
  });

  it('a changed role cuts the sockets opened with the old one; the next login has the new role', async () => {
    server = await startTestServer();
    const admin = await headersOf(await staffCredentials(server, 'admin', 'admin'));
    const before = await staffCredentials(server, 'supervisor', 'supervisor');
    const socket = await connect(before);
    const changed = await post('/api/admin/staff/supervisor/role', admin, { role: 'clerk' });
    expect(changed.statusCode).toBe(200);
    expect(await socket.waitFor('session:ended')).toEqual({ reason: 'role-changed' });
    await isCutOff(socket);
    expect(await refusedCode(before)).toBe('UNAUTHENTICATED');
    const session = staffSessionSchema.parse((await login('supervisor', testPassword)).json());
    expect(session.role).toBe('clerk');
    expect((await auditOf(admin)).find((entry) => entry.action === 'staff-role-changed')).toMatchObject({
      actor: 'admin',
      subject: 'supervisor',
      details: { from: 'supervisor', to: 'clerk', endedSessions: 1 },
    });
  });

  it('a reset password cuts the sockets, logs in once with nothing allowed but changing it, then works', async () => {
    server = await startTestServer();
    const admin = await headersOf(await staffCredentials(server, 'admin', 'admin'));
    const socket = await connect(await staffCredentials(server, 'tanaka-y'));
    const reset = await post('/api/admin/staff/tanaka-y/password-reset', admin);
    expect(reset.statusCode).toBe(200);
    const { temporaryPassword } = passwordResetResponseSchema.parse(reset.json());
    expect(await socket.waitFor('session:ended')).toEqual({ reason: 'password-reset' });
    expect((await login('tanaka-y', testPassword)).statusCode).toBe(401);

    const loggedIn = await login('tanaka-y', temporaryPassword);
    expect(staffSessionSchema.parse(loggedIn.json()).mustChangePassword).toBe(true);
    const cookie = `madoguchi_session=${loggedIn.cookies.find((c) => c.name === 'madoguchi_session')!.value}`;
    const credentials: Credentials = { auth: { role: 'staff' }, cookie };
    const freshHeaders = await headersOf(credentials);
    const blocked = await server.app.inject({ url: '/api/admin/staff', headers: freshHeaders });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json()).toMatchObject({ error: { code: 'PASSWORD_CHANGE_REQUIRED' } });
    expect(await refusedCode(credentials)).toBe('PASSWORD_CHANGE_REQUIRED');
    const weak = await post('/api/auth/password', freshHeaders, {
      currentPassword: temporaryPassword,
      newPassword: 'short',
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json()).toMatchObject({ error: { code: 'PASSWORD_REJECTED' } });
    const changed = await post('/api/auth/password', freshHeaders, {
      currentPassword: temporaryPassword,
      newPassword: 'a passphrase of my own choosing',
    });
    expect(changed.statusCode).toBe(200);
    expect(
      staffSessionSchema.parse(
        (await server.app.inject({ url: '/api/auth/session', headers: freshHeaders })).json(),
      ).mustChangePassword,
    ).toBe(false);
    await connect(credentials);
    expect((await login('tanaka-y', 'a passphrase of my own choosing')).statusCode).toBe(200);
    const actions = (await auditOf(admin)).map((entry) => entry.action);
    expect(actions).toEqual(
      expect.arrayContaining(['staff-password-reset', 'password-change-refused', 'password-changed']),
    );
  });

  it('staff change their own password: other sessions and their sockets end, this one stays', async () => {
    server = await startTestServer();
    const here = await staffCredentials(server, 'supervisor', 'supervisor');
    const elsewhere = await staffCredentials(server, 'supervisor', 'supervisor');
    const elsewhereSocket = await connect(elsewhere);
    const headers = await headersOf(here);
    const wrong = await post('/api/auth/password', headers, {
      currentPassword: 'not my password',
      newPassword: 'a new passphrase here',
    });
    expect(wrong.json()).toMatchObject({ error: { code: 'PASSWORD_REJECTED' } });
    expect(elsewhereSocket.signalling.isConnected).toBe(true);
    const changed = await post('/api/auth/password', headers, {
      currentPassword: testPassword,
      newPassword: 'a new passphrase here',
    });
    expect(changed.json()).toEqual({ endedSessions: 1 });
    expect(await elsewhereSocket.waitFor('session:ended')).toEqual({ reason: 'password-changed' });
    expect(
      (await server.app.inject({ url: '/api/auth/session', headers: { cookie: here.cookie! } })).statusCode,
    ).toBe(200);
    expect(await refusedCode(elsewhere)).toBe('UNAUTHENTICATED');
  });

  it('an administrator ends someone’s sessions; refusals are coded and audited', async () => {
    server = await startTestServer();
    const adminCredentials = await staffCredentials(server, 'admin', 'admin');
    const admin = await headersOf(adminCredentials);
    const socket = await connect(await staffCredentials(server, 'tanaka-y'));
    const ended = await post('/api/admin/staff/tanaka-y/end-sessions', admin);
    expect(ended.json()).toEqual({ endedSessions: 1 });
    expect(await socket.waitFor('session:ended')).toEqual({ reason: 'ended-by-administrator' });

    for (const [url, payload] of [
      ['/api/admin/staff/admin/disable', undefined],
      ['/api/admin/staff/admin/role', { role: 'clerk' }],
      ['/api/admin/staff/admin/password-reset', undefined],
    ] as const) {
      const refused = await post(url, admin, payload);
      expect(refused.statusCode, url).toBe(409);
      expect(refused.json(), url).toMatchObject({ error: { code: 'SELF_CHANGE_REFUSED' } });
    }
    const unknown = await post('/api/admin/staff/nobody/disable', admin);
    expect(unknown.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
    const badRole = await post('/api/admin/staff/tanaka-y/role', admin, { role: 'onsite' });
    expect(badRole.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED' } });
    const clerkHeaders = await headersOf(await staffCredentials(server, 'suzuki-h'));
    expect((await post('/api/admin/staff/tanaka-y/disable', clerkHeaders)).statusCode).toBe(403);

    // Two administrators demoting each other at once: one of them stays.
    const other = await headersOf(await staffCredentials(server, 'admin2', 'admin'));
    const [first, second] = await Promise.all([
      post('/api/admin/staff/admin2/disable', admin),
      post('/api/admin/staff/admin/disable', other),
    ]);
    expect([first, second].filter((response) => response.statusCode === 200)).toHaveLength(1);
    const refusal = first.statusCode === 200 ? second : first;
    // Refused by the store (the last administrator), or already disabled by the time it was checked.
    expect(['LAST_ADMINISTRATOR', 'UNAUTHENTICATED']).toContain(
      refusal.json<{ error: { code: string } }>().error.code,
    );
    expect(await server.app.services.auth.accounts.countActiveAdministrators()).toBe(1);
    const survivor = first.statusCode === 200 ? admin : other;
    const refusals = (await auditOf(survivor)).filter((entry) => entry.action === 'staff-change-refused');
    expect(refusals.map((entry) => entry.details?.['code'])).toEqual(
      expect.arrayContaining(['SELF_CHANGE_REFUSED', 'SELF_CHANGE_REFUSED', 'SELF_CHANGE_REFUSED']),
    );
    expect(refusals.length).toBeGreaterThanOrEqual(3);
  });
});
