import type { ResumeToken, StaffId } from '@madoguchi/shared';
import { describe, expect, it } from 'vitest';
import { ResumeTokenStore, type ResumeStorage } from './resume-token-store.ts';

const TOKEN = 'r'.repeat(43) as ResumeToken;
const TANAKA = 'tanaka-y' as StaffId;

const memory = (): ResumeStorage & { items: Map<string, string> } => {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
  };
};

describe('ResumeTokenStore', () => {
  it('gives the token back to the account it was kept for, until cleared', () => {
    const storage = memory();
    new ResumeTokenStore(storage).write(TANAKA, TOKEN);
    // A reloaded page makes a new store over the same storage.
    const reloaded = new ResumeTokenStore(storage);
    expect(reloaded.read(TANAKA)).toBe(TOKEN);
    reloaded.clear();
    expect(reloaded.read(TANAKA)).toBeUndefined();
    expect(storage.items.size).toBe(0);
  });

  it('never gives one account’s token to another', () => {
    const store = new ResumeTokenStore(memory());
    store.write(TANAKA, TOKEN);
    expect(store.read('suzuki-k' as StaffId)).toBeUndefined();
  });

  it('ignores what it cannot read as a token', () => {
    const storage = memory();
    const store = new ResumeTokenStore(storage);
    for (const raw of [
      'not json',
      'null',
      '"x"',
      JSON.stringify({ staffId: TANAKA, resumeToken: 'short' }),
    ]) {
      storage.items.set('madoguchi.console.resume', raw);
      expect(store.read(TANAKA)).toBeUndefined();
    }
  });

  it('works on without a storage that refuses', () => {
    const refusing: ResumeStorage = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      removeItem: () => {
        throw new Error('SecurityError');
      },
    };
    const store = new ResumeTokenStore(refusing);
    expect(() => store.write(TANAKA, TOKEN)).not.toThrow();
    expect(store.read(TANAKA)).toBeUndefined();
    expect(() => store.clear()).not.toThrow();
  });
});
