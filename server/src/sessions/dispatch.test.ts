import { describe, expect, it } from 'vitest';
import { matchCallersToClerks } from './dispatch.ts';

const caller = (id: string, requestedAt: number, passedBy: string[] = []) => ({
  id,
  requestedAt,
  passedBy: new Set(passedBy),
});

describe('matchCallersToClerks', () => {
  it('gives the longest-waiting caller to the longest-idle clerk', () => {
    const matches = matchCallersToClerks(
      [caller('late', 20), caller('early', 10)],
      [
        { id: 'fresh', availableSince: 50 },
        { id: 'idle-longest', availableSince: 5 },
      ],
    );
    expect(matches).toEqual([
      { callerId: 'early', clerkId: 'idle-longest' },
      { callerId: 'late', clerkId: 'fresh' },
    ]);
  });

  it('never offers a caller to a clerk who passed on them, and leaves callers waiting without a clerk', () => {
    const matches = matchCallersToClerks(
      [caller('a', 1, ['c1']), caller('b', 2)],
      [{ id: 'c1', availableSince: 0 }],
    );
    expect(matches).toEqual([{ callerId: 'b', clerkId: 'c1' }]);
  });

  it('offers each clerk at most one caller', () => {
    const matches = matchCallersToClerks(
      [caller('a', 1), caller('b', 2), caller('c', 3)],
      [
        { id: 'x', availableSince: 0 },
        { id: 'y', availableSince: 1 },
      ],
    );
    expect(new Set(matches.map((m) => m.clerkId)).size).toBe(matches.length);
    expect(matches).toHaveLength(2);
  });
});
