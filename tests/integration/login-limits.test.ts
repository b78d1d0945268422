import { io } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { staffCredentials, testPassword } from '../support/identities.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

const clerkAddress = '192.0.2.10';
const strangerAddress = '198.51.100.66';
/** The lockout of StaffAccounts' defaults: this many consecutive failures lock. */
const maxFailures = 5;

/**
 * Brute force and denial of service at the front door: failed logins counted atomically per
 * account and address, separate budgets for logins and enrollments, and the client address taken
 * from X-Forwarded-For only when the proxy is trusted, for HTTP and socket handshakes alike.
 */
describe('login lockout, rate limits and the client address', () => {
  let server: TestServer;

  afterEach(async () => {
    await server.close();
  });

  const login = (password: string, options: { from?: string; headers?: Record<string, string> } = {}) =>
    server.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { staffId: 'tanaka-y', password },
      ...(options.from ? { remoteAddress: options.from } : {}),
      ...(options.headers ? { headers: options.headers } : {}),
    });
  const enroll = (code: string, options: { from?: string; headers?: Record<string, string> } = {}) =>
    server.app.inject({
      method: 'POST',
      url: '/api/kiosk/enroll',
      payload: { code },
      ...(options.from ? { remoteAddress: options.from } : {}),
      ...(options.headers ? { headers: options.headers } : {}),
    });
  const codeOf = (response: { statusCode: number; json: () => unknown }) =>
    response.statusCode === 200 ? 'ok' : (response.json() as { error: { code: string } }).error.code;

  it(`counts ${maxFailures} failed logins sent at once, each of them, and locks`, async () => {
    server = await startTestServer();
    await staffCredentials(server, 'tanaka-y');
    const guesses = await Promise.all(
      Array.from({ length: maxFailures }, (_, i) =>
        login(`wrong password number ${i}`, { from: clerkAddress }),
      ),
    );
    expect(guesses.map(codeOf)).toEqual(Array(maxFailures).fill('UNAUTHENTICATED'));
    // Had two of them overwritten each other's count, the account would still open.
    const right = await login(testPassword, { from: clerkAddress });
    expect(right.statusCode).toBe(423);
    expect(codeOf(right)).toBe('ACCOUNT_LOCKED');
  });

  it('does not lock the clerk out at their own address when a stranger guesses from another', async () => {
    server = await startTestServer();
    await staffCredentials(server, 'tanaka-y');
    for (let i = 0; i <= maxFailures; i += 1) await login(`stranger guess ${i}`, { from: strangerAddress });
    expect(codeOf(await login(testPassword, { from: strangerAddress }))).toBe('ACCOUNT_LOCKED');
    expect(codeOf(await login(testPassword, { from: clerkAddress }))).toBe('ok');
    // The clerk's success does not lift the stranger's lock either.
    expect(codeOf(await login(testPassword, { from: strangerAddress }))).toBe('ACCOUNT_LOCKED');
  });

  it('keeps separate budgets for logins and enrollments, per address', async () => {
    server = await startTestServer({ RATE_LOGINS_PER_MINUTE: '3', RATE_ENROLLMENTS_PER_MINUTE: '2' });
    await staffCredentials(server, 'tanaka-y');
    const enrollments = [];
    for (let i = 0; i < 3; i += 1)
      enrollments.push(codeOf(await enroll('00000000', { from: strangerAddress })));
    expect(enrollments).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED', 'RATE_LIMITED']);
    // Spent enrollment guesses leave the address's logins alone, and the other way round.
    const logins = [];
    for (let i = 0; i < 4; i += 1) logins.push(codeOf(await login(testPassword, { from: strangerAddress })));
    expect(logins).toEqual(['ok', 'ok', 'ok', 'RATE_LIMITED']);
    expect(codeOf(await enroll('00000000', { from: strangerAddress }))).toBe('RATE_LIMITED');
    // Another address has budgets of its own.
    const { code } = await server.app.services.auth.enrollment.createCode('seiseki-2', 'test');
    expect(codeOf(await enroll(code, { from: clerkAddress }))).toBe('ok');
    expect(codeOf(await login(testPassword, { from: clerkAddress }))).toBe('ok');
  });

  it('ignores X-Forwarded-For without TRUST_PROXY: every forwarded client shares the proxy’s budget', async () => {
    // The test servers' loopback staffCredentials spend logins too; none are used here.
    server = await startTestServer({ RATE_LOGINS_PER_MINUTE: '2', RATE_ENROLLMENTS_PER_MINUTE: '2' });
    const viaProxy = (client: string) => ({ from: '10.0.0.1', headers: { 'x-forwarded-for': client } });
    expect(codeOf(await login('wrong password one', viaProxy(clerkAddress)))).toBe('UNAUTHENTICATED');
    expect(codeOf(await login('wrong password two', viaProxy(strangerAddress)))).toBe('UNAUTHENTICATED');
    expect(codeOf(await login('wrong password three', viaProxy('203.0.113.5')))).toBe('RATE_LIMITED');
    expect(codeOf(await enroll('00000000', viaProxy(clerkAddress)))).toBe('UNAUTHENTICATED');
    expect(codeOf(await enroll('00000000', viaProxy(strangerAddress)))).toBe('UNAUTHENTICATED');
    expect(codeOf(await enroll('00000000', viaProxy('203.0.113.5')))).toBe('RATE_LIMITED');
    // The address recorded is the proxy's, not what the header claims.
    const failures = (await server.app.services.auth.audit.recent(10)).filter(
      (entry) => entry.action === 'login-failed',
    );
    expect(failures.map((entry) => entry.details)).toEqual([{ ip: '10.0.0.1' }, { ip: '10.0.0.1' }]);
  });

  it('takes the client address from X-Forwarded-For when the proxy is trusted, and only from it', async () => {
    server = await startTestServer({
      TRUST_PROXY: '10.0.0.0/8',
      RATE_LOGINS_PER_MINUTE: '2',
      RATE_ENROLLMENTS_PER_MINUTE: '2',
    });
    await staffCredentials(server, 'tanaka-y');
    const viaProxy = (client: string) => ({ from: '10.0.0.1', headers: { 'x-forwarded-for': client } });
    expect(codeOf(await login('wrong password one', viaProxy(strangerAddress)))).toBe('UNAUTHENTICATED');
    expect(codeOf(await login('wrong password two', viaProxy(strangerAddress)))).toBe('UNAUTHENTICATED');
    expect(codeOf(await login('wrong password three', viaProxy(strangerAddress)))).toBe('RATE_LIMITED');
    expect(codeOf(await login(testPassword, viaProxy(clerkAddress)))).toBe('ok');
    expect(codeOf(await enroll('00000000', viaProxy(strangerAddress)))).toBe('UNAUTHENTICATED');
    expect(codeOf(await enroll('00000000', viaProxy(strangerAddress)))).toBe('UNAUTHENTICATED');
    expect(codeOf(await enroll('00000000', viaProxy(strangerAddress)))).toBe('RATE_LIMITED');
    expect(codeOf(await enroll('00000000', viaProxy(clerkAddress)))).toBe('UNAUTHENTICATED');
    // A client that is not the trusted proxy cannot claim another address with the header.
    const direct = { from: '192.0.2.200', headers: { 'x-forwarded-for': clerkAddress } };
    expect(codeOf(await login('wrong password four', direct))).toBe('UNAUTHENTICATED');
    const failures = (await server.app.services.auth.audit.recent(20)).filter(
      (entry) => entry.action === 'login-failed',
    );
    expect(failures.map((entry) => entry.details)).toEqual([
      { ip: '192.0.2.200' },
      { ip: strangerAddress },
      { ip: strangerAddress },
    ]);
  });

  /** Opens a socket as from `forwardedFor` and says how the handshake ended. */
  const handshake = (forwardedFor: string) => {
    const socket = io(server.url, {
      // No identity at all: refused as UNAUTHENTICATED once past the rate limit.
      auth: {},
      transports: ['websocket'],
      rejectUnauthorized: false,
      reconnection: false,
      extraHeaders: { 'x-forwarded-for': forwardedFor },
    });
    return new Promise<string>((resolve) => {
      socket.once('connect', () => resolve('connected'));
      socket.once('connect_error', (error: Error & { data?: { code?: string } }) =>
        resolve(error.data?.code ?? error.message),
      );
    }).finally(() => socket.close());
  };

  it('limits socket handshakes by the same client address as HTTP when the proxy is trusted', async () => {
    // The test's sockets come from loopback: that is the trusted proxy here.
    server = await startTestServer({ TRUST_PROXY: '127.0.0.1', RATE_HANDSHAKES_PER_MINUTE: '2' });
    expect(await handshake(strangerAddress)).toBe('UNAUTHENTICATED');
    expect(await handshake(strangerAddress)).toBe('UNAUTHENTICATED');
    expect(await handshake(strangerAddress)).toBe('RATE_LIMITED');
    expect(await handshake(clerkAddress)).toBe('UNAUTHENTICATED');
  });

  it('limits socket handshakes by the socket’s own address without TRUST_PROXY', async () => {
    server = await startTestServer({ RATE_HANDSHAKES_PER_MINUTE: '2' });
    expect(await handshake(strangerAddress)).toBe('UNAUTHENTICATED');
    expect(await handshake(clerkAddress)).toBe('UNAUTHENTICATED');
    expect(await handshake('203.0.113.5')).toBe('RATE_LIMITED');
  });
});
