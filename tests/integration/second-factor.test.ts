import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { Secret, TOTP } from 'otpauth';
import { afterEach, describe, expect, it } from 'vitest';
import {
  auditLogResponseSchema,
  recoveryCodesResponseSchema,
  secondFactorChallengeSchema,
  secondFactorEnrolmentSchema,
  staffSessionSchema,
  type AuditEntry,
} from '@madoguchi/shared';
import { csrfTokenOf, staffCredentials, testPassword, type Credentials } from '../support/identities.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

/**
 * The TOTP second factor of administrators and supervisors, through a real server: enrolment
 * (the first code confirms it, then ten single-use recovery codes), the code step of a login,
 * wrong and reused codes, attempts counted like failed logins, and an administrator's reset.
 * Codes are computed here, from the secret the enrolment showed, as an authenticator app would.
 */
describe('second factor', () => {
  let server: TestServer;
  afterEach(async () => {
    await server.close();
  });

  const headersOf = async (credentials: Credentials) => ({
    cookie: credentials.cookie!,
    'x-csrf-token': await csrfTokenOf(server, credentials),
  });
  const post = (url: string, headers: Record<string, string>, payload?: object) =>
    server.app.inject({ method: 'POST', url, headers, ...(payload === undefined ? {} : { payload }) });
  const login = (staffId: string, password = testPassword) =>
    server.app.inject({ method: 'POST', url: '/api/auth/login', payload: { staffId, password } });
  const challengeOf = async (staffId: string) => {
    const response = await login(staffId);
    expect(response.statusCode).toBe(200);
    expect(response.cookies.find((cookie) => cookie.name === 'madoguchi_session')).toBeUndefined();
    return secondFactorChallengeSchema.parse(response.json()).challenge;
  };
  const secondStep = (challenge: string, code: string) =>
    server.app.inject({
      method: 'POST',
      url: '/api/auth/login/second-factor',
      payload: { challenge, code },
    });
  const codeOf = (response: { json: () => unknown }) =>
    (response.json() as { error?: { code?: string } }).error?.code;
  const auditOf = async (headers: Record<string, string>): Promise<AuditEntry[]> =>
    auditLogResponseSchema.parse(
      (await server.app.inject({ url: '/api/admin/audit?limit=100', headers })).json(),
    ).entries;
  /** What the person's authenticator app shows, `stepsAhead` periods from now. */
  const appCode = (secret: string, stepsAhead = 0) =>
    new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 }).generate({
      timestamp: Date.now() + stepsAhead * 30_000,
    });
  /** Enrols the account and returns the secret and the recovery codes. */
  const enrol = async (headers: Record<string, string>) => {
    const started = await post('/api/auth/second-factor/enrolment', headers);
    expect(started.statusCode).toBe(200);
    const { secret, uri } = secondFactorEnrolmentSchema.parse(started.json());
    const confirmed = await post('/api/auth/second-factor/confirm', headers, { code: appCode(secret) });
    expect(confirmed.statusCode).toBe(200);
    return { secret, uri, ...recoveryCodesResponseSchema.parse(confirmed.json()) };
  };

  it('enrols with a first code, then a login needs a code; wrong and reused codes are refused', async () => {
    server = await startTestServer();
    const admin = await headersOf(await staffCredentials(server, 'admin', 'admin'));
    const supervisor = await headersOf(await staffCredentials(server, 'supervisor', 'supervisor'));

    const started = await post('/api/auth/second-factor/enrolment', supervisor);
    const { secret, uri } = secondFactorEnrolmentSchema.parse(started.json());
    expect(uri).toMatch(/^otpauth:\/\/totp\/[^?]*supervisor\?/);
    expect(new URL(uri).searchParams.get('secret')).toBe(secret);
    // A wrong first code leaves the enrolment pending: the password alone still logs in.
    const wrongFirst = await post('/api/auth/second-factor/confirm', supervisor, {
      code: appCode(secret) === '000000' ? '111111' : '000000',
    });
    expect(codeOf(wrongFirst)).toBe('SECOND_FACTOR_REJECTED');
    expect(staffSessionSchema.parse((await login('supervisor')).json()).hasSecondFactor).toBe(false);

    const confirmCode = appCode(secret);
    const confirmed = await post('/api/auth/second-factor/confirm', supervisor, { code: confirmCode });
    const { recoveryCodes } = recoveryCodesResponseSchema.parse(confirmed.json());
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    const view = staffSessionSchema.parse(
      (await server.app.inject({ url: '/api/auth/session', headers: supervisor })).json(),
    );
    expect(view.hasSecondFactor).toBe(true);
    // Shown once: enrolling again is refused until an administrator resets it.
    expect(codeOf(await post('/api/auth/second-factor/enrolment', supervisor))).toBe('INVALID_STATE');

    if (process.env['TEST_DATABASE'] !== 'postgres') {
      // A copy of the database does not hold the secret, nor any recovery code.
      const files = (await readdir(server.dataDir)).filter((name) => name.startsWith('madoguchi.db'));
      const contents = Buffer.concat(
        await Promise.all(files.map((name) => readFile(path.join(server.dataDir, name)))),
      );
      expect(files.length).toBeGreaterThan(0);
      expect(contents.includes(secret)).toBe(false);
      for (const recoveryCode of recoveryCodes) expect(contents.includes(recoveryCode)).toBe(false);
    }

    const challenge = await challengeOf('supervisor');
    expect(codeOf(await secondStep(challenge, '12345'))).toBe('SECOND_FACTOR_REJECTED');
    // The code that confirmed the enrolment has been used.
    expect(codeOf(await secondStep(challenge, confirmCode))).toBe('SECOND_FACTOR_REJECTED');
    // The code of the next period (the app's clock a little ahead) gets in, once.
    const nextCode = appCode(secret, 1);
    const accepted = await secondStep(challenge, nextCode);
    expect(accepted.statusCode).toBe(200);
    const session = staffSessionSchema.parse(accepted.json());
    expect(session).toMatchObject({ staffId: 'supervisor', role: 'supervisor', hasSecondFactor: true });
    const cookie = accepted.cookies.find((c) => c.name === 'madoguchi_session')!;
    const signedIn = await server.app.inject({
      url: '/api/auth/session',
      headers: { cookie: `madoguchi_session=${cookie.value}` },
    });
    expect(signedIn.statusCode).toBe(200);
    expect(codeOf(await secondStep(challenge, nextCode))).toBe('UNAUTHENTICATED');
    expect(codeOf(await secondStep(await challengeOf('supervisor'), nextCode))).toBe(
      'SECOND_FACTOR_REJECTED',
    );

    // A recovery code works once, however it is typed.
    const [first, second] = recoveryCodes as [string, string];
    expect((await secondStep(await challengeOf('supervisor'), first)).statusCode).toBe(200);
    expect(codeOf(await secondStep(await challengeOf('supervisor'), first))).toBe('SECOND_FACTOR_REJECTED');
    const retyped = second.replaceAll('-', '').toUpperCase();
    expect((await secondStep(await challengeOf('supervisor'), retyped)).statusCode).toBe(200);

    // A challenge is no session, and a made-up one is refused.
    const pending = await challengeOf('supervisor');
    expect(codeOf(await secondStep('not-a-challenge', appCode(secret)))).toBe('UNAUTHENTICATED');
    expect(
      (
        await server.app.inject({
          url: '/api/auth/session',
          headers: { cookie: `madoguchi_session=${pending}` },
        })
      ).statusCode,
    ).toBe(401);

    const actions = (await auditOf(admin))
      .filter((entry) => entry.actor === 'supervisor')
      .map((entry) => entry.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'second-factor-enrolment-started',
        'second-factor-enrolment-refused',
        'second-factor-enrolled',
        'login-second-factor-asked',
        'second-factor-failed',
      ]),
    );
    const logins = (await auditOf(admin)).filter(
      (entry) => entry.actor === 'supervisor' && entry.action === 'login' && entry.details !== null,
    );
    expect(logins.map((entry) => entry.details?.['secondFactor'])).toEqual(
      expect.arrayContaining(['totp', 'recovery-code']),
    );
    expect(
      logins.find((entry) => entry.details?.['secondFactor'] === 'recovery-code')?.details,
    ).toMatchObject({
      recoveryCodesLeft: expect.any(Number),
    });
  });

  it('wrong codes count like failed logins, and the password again does not start the count afresh', async () => {
    server = await startTestServer();
    const supervisor = await headersOf(await staffCredentials(server, 'supervisor', 'supervisor'));
    const { secret } = await enrol(supervisor);
    const wrong = appCode(secret) === '000000' ? '111111' : '000000';
    for (let attempt = 0; attempt < 4; attempt += 1)
      expect(codeOf(await secondStep(await challengeOf('supervisor'), wrong))).toBe('SECOND_FACTOR_REJECTED');
    const challenge = await challengeOf('supervisor');
    expect(codeOf(await secondStep(challenge, wrong))).toBe('SECOND_FACTOR_REJECTED');
    // Five failures: this address is locked for the account, even with the right code or password.
    expect(codeOf(await secondStep(challenge, appCode(secret, 1)))).toBe('ACCOUNT_LOCKED');
    expect(codeOf(await login('supervisor'))).toBe('ACCOUNT_LOCKED');
  });

  it('an administrator resets someone’s second factor; only administrators and supervisors enrol', async () => {
    server = await startTestServer();
    const adminCredentials = await staffCredentials(server, 'admin', 'admin');
    const admin = await headersOf(adminCredentials);
    const supervisor = await headersOf(await staffCredentials(server, 'supervisor', 'supervisor'));
    await enrol(supervisor);
    const listed = await server.app.inject({ url: '/api/admin/staff', headers: admin });
    expect(listed.json()).toMatchObject({
      staff: expect.arrayContaining([
        expect.objectContaining({ staffId: 'supervisor', hasSecondFactor: true }),
      ]),
    });

    const reset = await post('/api/admin/staff/supervisor/second-factor-reset', admin);
    expect(reset.json()).toEqual({ staffId: 'supervisor', wasEnrolled: true });
    const again = staffSessionSchema.parse((await login('supervisor')).json());
    expect(again.hasSecondFactor).toBe(false);
    expect((await post('/api/admin/staff/supervisor/second-factor-reset', admin)).json()).toEqual({
      staffId: 'supervisor',
      wasEnrolled: false,
    });
    // And they can enrol again, with a new secret.
    await enrol(supervisor);

    expect(codeOf(await post('/api/admin/staff/admin/second-factor-reset', admin))).toBe(
      'SELF_CHANGE_REFUSED',
    );
    expect((await post('/api/admin/staff/supervisor/second-factor-reset', supervisor)).statusCode).toBe(403);
    const clerk = await headersOf(await staffCredentials(server, 'tanaka-y'));
    expect(codeOf(await post('/api/auth/second-factor/enrolment', clerk))).toBe('FORBIDDEN');

    const entries = await auditOf(admin);
    // Newest first: the second reset found nothing to remove.
    const resets = entries.filter((entry) => entry.action === 'staff-second-factor-reset');
    expect(resets.map((entry) => [entry.actor, entry.subject, entry.details?.['wasEnrolled']])).toEqual([
      ['admin', 'supervisor', false],
      ['admin', 'supervisor', true],
    ]);
    expect(
      entries.find(
        (entry) =>
          entry.action === 'staff-change-refused' && entry.details?.['action'] === 'reset-second-factor',
      ),
    ).toMatchObject({ actor: 'admin', subject: 'admin', details: { code: 'SELF_CHANGE_REFUSED' } });
  });
});
