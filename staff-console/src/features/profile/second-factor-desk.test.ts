import { HttpClient } from '@madoguchi/shared/client';
import { FakeFetch, refusal } from '@madoguchi/shared/client/testing';
import { describe, expect, it, vi } from 'vitest';
import { SecondFactorDesk } from './second-factor-desk.ts';

const enrolment = {
  secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
  uri: 'otpauth://totp/madoguchi:admin?issuer=madoguchi&secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
};
const codes = Array.from({ length: 10 }, (_, i) => `abcd-efgh-jkmn-pq${i}${i}`);

const setUp = (isEnrolled = false) => {
  const server = new FakeFetch()
    .on('POST /api/auth/second-factor/enrolment', enrolment)
    .on('POST /api/auth/second-factor/confirm', { recoveryCodes: codes });
  const onError = vi.fn();
  const desk = new SecondFactorDesk({
    http: new HttpClient(server.fetch),
    csrfToken: 'csrf',
    isEnrolled,
    onChange: vi.fn(),
    onError,
  });
  return { desk, server, onError };
};

describe('SecondFactorDesk', () => {
  it('shows the secret, confirms it with the app’s code, then shows the recovery codes once', async () => {
    const { desk, server } = setUp();
    await desk.begin();
    expect(server.sent('POST /api/auth/second-factor/enrolment')[0]?.headers['x-csrf-token']).toBe('csrf');
    expect(desk.state.step).toEqual({ kind: 'confirming', ...enrolment });
    await desk.confirm(' 123 456 ');
    expect(server.sent('POST /api/auth/second-factor/confirm')[0]?.body).toEqual({ code: '123456' });
    expect(desk.state).toMatchObject({ isEnrolled: true, step: { kind: 'recovery-codes', codes } });
    desk.dismiss();
    expect(desk.state.step).toEqual({ kind: 'idle' });
    expect(JSON.stringify(desk.state)).not.toContain(codes[0]);
  });

  it('refuses a code that is not six digits without sending it, and words a wrong one', async () => {
    const { desk, server } = setUp();
    await desk.begin();
    await desk.confirm('12345');
    expect(server.sent('POST /api/auth/second-factor/confirm')).toHaveLength(0);
    expect(desk.state.problem).toBe('wrong-code');
    server.on('POST /api/auth/second-factor/confirm', () => refusal(400, 'SECOND_FACTOR_REJECTED'));
    await desk.confirm('654321');
    expect(desk.state).toMatchObject({
      problem: 'wrong-code',
      isEnrolled: false,
      step: { kind: 'confirming' },
    });
  });

  it('starts nothing for an enrolled account, and leaves other failures to the console', async () => {
    const enrolled = setUp(true);
    await enrolled.desk.begin();
    expect(enrolled.server.sent('POST /api/auth/second-factor/enrolment')).toHaveLength(0);
    const { desk, server, onError } = setUp();
    server.on('POST /api/auth/second-factor/enrolment', () => refusal(500, 'INTERNAL'));
    await desk.begin();
    expect(onError).toHaveBeenCalledTimes(1);
    expect(desk.state).toMatchObject({ isBusy: false, problem: null, step: { kind: 'idle' } });
  });
});
