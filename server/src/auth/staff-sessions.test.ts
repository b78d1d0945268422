import { describe, expect, it } from 'vitest';
import { openTestDatabase, testDatabaseKinds } from '../store/testing.ts';
import { StaffAccounts } from './staff-accounts.ts';
import { StaffSessions } from './staff-sessions.ts';

describe.each(testDatabaseKinds())('StaffSessions on %s', (kind) => {
  const withSessions = async (
    run: (sessions: StaffSessions, clock: { now: number }) => Promise<void>,
  ): Promise<void> => {
    const database = await openTestDatabase(kind);
    const clock = { now: 1_000_000 };
    try {
      await new StaffAccounts(database.db).create({
        staffId: 'tanaka-y',
        displayName: '田中',
        role: 'clerk',
        password: 'a long enough password',
      });
      await run(
        new StaffSessions(database.db, { ttlMs: 12 * 3_600_000, idleMs: 30 * 60_000, now: () => clock.now }),
        clock,
      );
    } finally {
      await database.close();
    }
  };

  it('ends a session left idle for the idle timeout, and keeps one that is used', async () => {
    await withSessions(async (sessions, clock) => {
      const idle = await sessions.create('tanaka-y');
      const busy = await sessions.create('tanaka-y');
      clock.now += 20 * 60_000;
      expect(await sessions.find(busy.token)).toMatchObject({ staffId: 'tanaka-y', key: busy.key });
      clock.now += 11 * 60_000;
      expect(await sessions.find(idle.token)).toBeUndefined();
      expect(await sessions.isLive(idle.key)).toBe(false);
      expect(await sessions.find(busy.token)).toBeDefined();
      // Activity recorded without a request (a socket command) also keeps it alive.
      clock.now += 25 * 60_000;
      await sessions.touch(busy.key);
      clock.now += 25 * 60_000;
      expect(await sessions.isLive(busy.key)).toBe(true);
      // isLive alone is no activity.
      clock.now += 6 * 60_000;
      expect(await sessions.isLive(busy.key)).toBe(false);
    });
  });

  it('ends every session after its absolute lifetime, however busy', async () => {
    await withSessions(async (sessions, clock) => {
      const session = await sessions.create('tanaka-y');
      // Used every 20 minutes for 11 h 40 min: never idle.
      for (let step = 0; step < 35; step += 1) {
        clock.now += 20 * 60_000;
        expect(await sessions.find(session.token)).toBeDefined();
      }
      clock.now += 20 * 60_000;
      expect(await sessions.find(session.token)).toBeUndefined();
    });
  });

  it('revokes all sessions of an account, or all but one', async () => {
    await withSessions(async (sessions) => {
      const kept = await sessions.create('tanaka-y');
      const other = await sessions.create('tanaka-y');
      const third = await sessions.create('tanaka-y');
      expect(await sessions.revokeAll('tanaka-y', { exceptKey: kept.key })).toBe(2);
      expect(await sessions.find(other.token)).toBeUndefined();
      expect(await sessions.find(third.token)).toBeUndefined();
      expect(await sessions.find(kept.token)).toBeDefined();
      expect(await sessions.revokeAll('tanaka-y')).toBe(1);
      expect(await sessions.find(kept.token)).toBeUndefined();
    });
  });
});
