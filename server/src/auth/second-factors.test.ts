import { randomBytes } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import { describe, expect, it } from 'vitest';
import { openTestDatabase, testDatabaseKinds } from '../store/testing.ts';
import { SecondFactors } from './second-factors.ts';
import { SecretBox } from './secret-box.ts';
import { StaffAccounts } from './staff-accounts.ts';

const password = 'a long enough password';
const keys = { currentKeyId: 'k1', keys: new Map([['k1', randomBytes(32)]]) };

/** What the authenticator app shows at `at` (epoch ms). */
const appCode = (secret: string, at: number) =>
  new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 }).generate({
    timestamp: at,
  });

describe('SecretBox', () => {
  it('opens what it sealed for the same account only, and not under another purpose', () => {
    const box = new SecretBox(keys, 'second factor');
    const sealed = box.seal('JBSWY3DPEHPK3PXP', 'admin');
    expect(sealed).not.toContain('JBSWY3DPEHPK3PXP');
    expect(box.open(sealed, 'admin')).toBe('JBSWY3DPEHPK3PXP');
    expect(() => box.open(sealed, 'supervisor')).toThrow();
    expect(() => new SecretBox(keys, 'something else').open(sealed, 'admin')).toThrow();
  });

  it('opens with an older key after rotation, and says which key is missing', () => {
    const old = new SecretBox(keys, 'second factor').seal('secret', 'admin');
    const rotated = { currentKeyId: 'k2', keys: new Map([...keys.keys, ['k2', randomBytes(32)]]) };
    expect(new SecretBox(rotated, 'second factor').open(old, 'admin')).toBe('secret');
    const withoutOld = { currentKeyId: 'k2', keys: new Map([['k2', randomBytes(32)]]) };
    expect(() => new SecretBox(withoutOld, 'second factor').open(old, 'admin')).toThrow(/k1/);
  });
});

describe.each(testDatabaseKinds())('SecondFactors on %s', (kind) => {
  const withFactors = async (
    run: (factors: SecondFactors, accounts: StaffAccounts, clock: { now: number }) => Promise<void>,
  ): Promise<void> => {
    const database = await openTestDatabase(kind);
    const clock = { now: Date.parse('2026-03-02T09:00:00Z') };
    try {
      const accounts = new StaffAccounts(database.db);
      await accounts.create({ staffId: 'admin', displayName: '管理者', role: 'admin', password });
      const factors = new SecondFactors(database.db, {
        box: new SecretBox(keys, 'second factor'),
        now: () => clock.now,
      });
      await run(factors, accounts, clock);
    } finally {
      await database.close();
    }
  };

  it('counts only once confirmed; a code is accepted once, for its step and the ones beside it', async () => {
    await withFactors(async (factors, accounts, clock) => {
      const { secret } = await factors.beginEnrolment('admin');
      expect((await accounts.find('admin'))?.hasSecondFactor).toBe(false);
      await expect(factors.verify('admin', appCode(secret, clock.now))).rejects.toMatchObject({
        code: 'SECOND_FACTOR_REJECTED',
      });
      // A code from three periods ago is outside the window.
      await expect(
        factors.confirmEnrolment('admin', appCode(secret, clock.now - 90_000)),
      ).rejects.toMatchObject({ code: 'SECOND_FACTOR_REJECTED' });
      const codes = await factors.confirmEnrolment('admin', appCode(secret, clock.now));
      expect(codes).toHaveLength(10);
      for (const code of codes) expect(code).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
      expect((await accounts.find('admin'))?.hasSecondFactor).toBe(true);

      // Same step as the confirmation: used.
      await expect(factors.verify('admin', appCode(secret, clock.now))).rejects.toMatchObject({
        code: 'SECOND_FACTOR_REJECTED',
      });
      clock.now += 30_000;
      // The step before the current one is accepted (a slow typist), but it was used already.
      await expect(factors.verify('admin', appCode(secret, clock.now - 30_000))).rejects.toMatchObject({
        code: 'SECOND_FACTOR_REJECTED',
      });
      expect(await factors.verify('admin', appCode(secret, clock.now))).toBe('totp');
      clock.now += 30_000;
      // An app a period ahead.
      expect(await factors.verify('admin', appCode(secret, clock.now + 30_000))).toBe('totp');
      // Its step is now the last used: the current step is older and refused.
      await expect(factors.verify('admin', appCode(secret, clock.now))).rejects.toMatchObject({
        code: 'SECOND_FACTOR_REJECTED',
      });
    });
  });

  it('recovery codes are single-use, typed any way; a reset removes them with the secret', async () => {
    await withFactors(async (factors, accounts, clock) => {
      const { secret } = await factors.beginEnrolment('admin');
      const codes = await factors.confirmEnrolment('admin', appCode(secret, clock.now));
      const [first, second] = codes as [string, string];
      expect(await factors.verify('admin', first)).toBe('recovery-code');
      await expect(factors.verify('admin', first)).rejects.toMatchObject({ code: 'SECOND_FACTOR_REJECTED' });
      expect(await factors.verify('admin', ` ${second.replaceAll('-', ' ').toUpperCase()} `)).toBe(
        'recovery-code',
      );
      expect(await factors.remainingRecoveryCodes('admin')).toBe(8);
      await expect(factors.beginEnrolment('admin')).rejects.toMatchObject({ code: 'INVALID_STATE' });

      expect(await factors.reset('admin')).toBe(true);
      expect(await factors.reset('admin')).toBe(false);
      expect((await accounts.find('admin'))?.hasSecondFactor).toBe(false);
      expect(await factors.remainingRecoveryCodes('admin')).toBeNull();
      await expect(factors.verify('admin', codes[2]!)).rejects.toMatchObject({
        code: 'SECOND_FACTOR_REJECTED',
      });
      const renewed = await factors.beginEnrolment('admin');
      expect(renewed.secret).not.toBe(secret);
    });
  });

  it('a challenge is good once, from its address, until it expires', async () => {
    await withFactors(async (factors, _accounts, clock) => {
      const { token } = await factors.createChallenge('admin', '10.0.0.1');
      expect(await factors.challengeOf(token, '10.0.0.2')).toBeUndefined();
      expect(await factors.challengeOf(token, '10.0.0.1')).toBe('admin');
      expect(await factors.completeChallenge(token)).toBe(true);
      expect(await factors.completeChallenge(token)).toBe(false);
      expect(await factors.challengeOf(token, '10.0.0.1')).toBeUndefined();
      const late = await factors.createChallenge('admin', '10.0.0.1');
      clock.now += 5 * 60_000;
      expect(await factors.challengeOf(late.token, '10.0.0.1')).toBeUndefined();
    });
  });

  it('with a second factor, a right password leaves the failures counted so far', async () => {
    await withFactors(async (factors, accounts, clock) => {
      const { secret } = await factors.beginEnrolment('admin');
      await factors.confirmEnrolment('admin', appCode(secret, clock.now));
      for (let attempt = 0; attempt < 5; attempt += 1) {
        await accounts.authenticate('admin', password, '10.0.0.1');
        await accounts.countFailedAttempt('admin', '10.0.0.1');
      }
      await expect(accounts.authenticate('admin', password, '10.0.0.1')).rejects.toMatchObject({
        code: 'ACCOUNT_LOCKED',
      });
      // Another address is not locked out by them.
      expect(await accounts.authenticate('admin', password, '10.0.0.2')).toMatchObject({ staffId: 'admin' });
    });
  });
});
