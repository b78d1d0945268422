import { describe, expect, it } from 'vitest';
import { formatDuration, secondsUntil } from './time.ts';

describe('secondsUntil', () => {
  const now = Date.parse('2025-01-01T00:00:00.000Z');

  it('rounds up so the last second still shows 1', () => {
    expect(secondsUntil('2025-01-01T00:00:14.200Z', now)).toBe(15);
    expect(secondsUntil('2025-01-01T00:00:00.001Z', now)).toBe(1);
  });

  it('stops at zero', () => {
    expect(secondsUntil('2024-12-31T23:59:50.000Z', now)).toBe(0);
  });
});

describe('formatDuration', () => {
  it('formats minutes and hours', () => {
    expect(formatDuration(0)).toBe('0:00');
    expect(formatDuration(65_999)).toBe('1:05');
    expect(formatDuration(3_723_000)).toBe('1:02:03');
  });

  it('treats negative spans as zero', () => {
    expect(formatDuration(-5_000)).toBe('0:00');
  });
});
