import { describe, expect, it } from 'vitest';
import { expectedWaitMessage, positionMessage } from './queue-status.ts';

describe('positionMessage', () => {
  it('shows no number before the first update', () => {
    expect(positionMessage(null)).toEqual({ key: 'waiting.checking' });
  });

  it('counts the people ahead; position 0 is next', () => {
    expect(positionMessage({ position: 0, expectedWaitMs: 0 })).toEqual({ key: 'waiting.next' });
    expect(positionMessage({ position: 1, expectedWaitMs: 0 })).toEqual({ key: 'waiting.ahead-one' });
    expect(positionMessage({ position: 2, expectedWaitMs: 0 })).toEqual({
      key: 'waiting.ahead',
      params: { count: 2 },
    });
  });
});

describe('expectedWaitMessage', () => {
  it('shows no number before the first update', () => {
    expect(expectedWaitMessage(null)).toEqual({ key: 'waiting.checking' });
  });

  it('says when no clerk who could take the call is signed in', () => {
    expect(expectedWaitMessage({ position: 0, expectedWaitMs: null })).toEqual({ key: 'waiting.no-clerk' });
  });

  it('says "shortly" under a minute', () => {
    expect(expectedWaitMessage({ position: 0, expectedWaitMs: 0 })).toEqual({ key: 'waiting.shortly' });
    expect(expectedWaitMessage({ position: 0, expectedWaitMs: 59_999 })).toEqual({ key: 'waiting.shortly' });
  });

  it('rounds minutes up', () => {
    expect(expectedWaitMessage({ position: 0, expectedWaitMs: 60_000 })).toEqual({
      key: 'waiting.about-one-minute',
    });
    expect(expectedWaitMessage({ position: 1, expectedWaitMs: 60_001 })).toEqual({
      key: 'waiting.about-minutes',
      params: { minutes: 2 },
    });
    expect(expectedWaitMessage({ position: 3, expectedWaitMs: 150_000 })).toEqual({
      key: 'waiting.about-minutes',
      params: { minutes: 3 },
    });
  });
});
