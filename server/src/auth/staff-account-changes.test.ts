import { verify } from '@node-rs/argon2';
import { describe, expect, it } from 'vitest';
import { openTestDatabase, testDatabaseKinds } from '../store/testing.ts';
import { StaffAccounts } from './staff-accounts.ts';

const password = 'a long enough password';

describe.each(testDatabaseKinds())('StaffAccounts changes on %s', (kind) => {
  const withAccounts = async (run: (accounts: StaffAccounts) => Promise<void>): Promise<void> => {
    const database = await openTestDatabase(kind);
    try {
      const accounts = new StaffAccounts(database.db);
      await accounts.create({ staffId: 'admin', displayName: '管理者', role: 'admin', password });
      await accounts.create({ staffId: 'tanaka-y', displayName: '田中', role: 'clerk', password });
      await run(accounts);
    } finally {
      await database.close();
    }
  };

  it('a reset password logs in once, must be changed, and the old one no longer works', async () => {
    await withAccounts(async (accounts) => {
      const temporary = await accounts.resetPassword('tanaka-y');
      expect(temporary).toMatch(/^[a-zA-Z2-9]{16}$/);
      await expect(accounts.authenticate('tanaka-y', password)).rejects.toMatchObject({
        code: 'UNAUTHENTICATED',
      });
      const account = await accounts.authenticate('tanaka-y', temporary);
      expect(account.mustChangePassword).toBe(true);
      await accounts.changePassword('tanaka-y', temporary, 'my very own new passphrase');
      expect((await accounts.find('tanaka-y'))?.mustChangePassword).toBe(false);
      await expect(accounts.authenticate('tanaka-y', temporary)).rejects.toMatchObject({
        code: 'UNAUTHENTICATED',
      });
      expect(await accounts.authenticate('tanaka-y', 'my very own new passphrase')).toMatchObject({
        staffId: 'tanaka-y',
        mustChangePassword: false,
      });
    });
  });

  it('refuses a change with the wrong current password, a short, the same or the demo password', async () => {
    await withAccounts(async (accounts) => {
      const refusals = [
        ['wrong current password', 'another long passphrase'],
        [password, 'short'],
        [password, password],
        [password, 'madoguchi-demo'],
      ] as const;
      for (const [current, next] of refusals) {
        await expect(accounts.changePassword('tanaka-y', current, next)).rejects.toMatchObject({
          code: 'PASSWORD_REJECTED',
        });
      }
      expect(await accounts.authenticate('tanaka-y', password)).toMatchObject({ staffId: 'tanaka-y' });
    });
  });

  it('counts a wrong current password as a failed login, up to the lock', async () => {
    await withAccounts(async (accounts) => {
      for (let attempt = 0; attempt < 5; attempt += 1) {
        await expect(
          accounts.changePassword('tanaka-y', `wrong ${attempt}`, 'another long passphrase'),
        ).rejects.toMatchObject({ code: 'PASSWORD_REJECTED' });
      }
      await expect(
        accounts.changePassword('tanaka-y', password, 'another long passphrase'),
      ).rejects.toMatchObject({ code: 'ACCOUNT_LOCKED' });
    });
  });

  it('changes a role (booth only for on-site staff) and counts active administrators', async () => {
    await withAccounts(async (accounts) => {
      expect(await accounts.countActiveAdministrators()).toBe(1);
      await accounts.setRole('tanaka-y', 'admin', undefined);
      expect(await accounts.countActiveAdministrators()).toBe(2);
      await accounts.setDisabled('tanaka-y', true);
      expect(await accounts.countActiveAdministrators()).toBe(1);
      await expect(accounts.setRole('tanaka-y', 'onsite', undefined)).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
      });
      await accounts.setRole('tanaka-y', 'onsite', 'tama-center');
      expect(await accounts.find('tanaka-y')).toMatchObject({ role: 'onsite', boothId: 'tama-center' });
      await expect(accounts.setRole('nobody', 'clerk', undefined)).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
    });
  });

  it('never leaves no active administrator, not even when two demote each other at once', async () => {
    await withAccounts(async (accounts) => {
      await expect(accounts.setDisabled('admin', true)).rejects.toMatchObject({ code: 'LAST_ADMINISTRATOR' });
      await expect(accounts.setRole('admin', 'clerk', undefined)).rejects.toMatchObject({
        code: 'LAST_ADMINISTRATOR',
      });
      await accounts.setRole('tanaka-y', 'admin', undefined);
      const outcomes = await Promise.allSettled([
        accounts.setDisabled('admin', true),
        accounts.setRole('tanaka-y', 'supervisor', undefined),
      ]);
      expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
      expect(outcomes.find((outcome) => outcome.status === 'rejected')).toMatchObject({
        reason: { code: 'LAST_ADMINISTRATOR' },
      });
      expect(await accounts.countActiveAdministrators()).toBe(1);
    });
  });

  it('stores a reset password hashed, never as given', async () => {
    const database = await openTestDatabase(kind);
    try {
      const accounts = new StaffAccounts(database.db);
      await accounts.create({ staffId: 'admin', displayName: '管理者', role: 'admin', password });
      const temporary = await accounts.resetPassword('admin');
      const row = await database.db
        .selectFrom('staff_accounts')
        .select(['password_hash', 'must_change_password'])
        .where('staff_id', '=', 'admin')
        .executeTakeFirstOrThrow();
      expect(row.password_hash).not.toContain(temporary);
      expect(row.password_hash).toMatch(/^\$argon2id\$/);
      expect(await verify(row.password_hash, temporary)).toBe(true);
      expect(row.must_change_password).toBe(1);
    } finally {
      await database.close();
    }
  });
});
