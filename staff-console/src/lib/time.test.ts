import { describe, expect, it } from 'vitest';
import { formatDuration, formatTokyoTime, secondsUntil } from './time.ts';

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

describe('formatTokyoTime', () => {
  const now = Date.parse('2026-01-08T01:00:00.000Z'); // 10:00 in Tokyo

  it('shows Tokyo time, whatever the machine’s zone', () => {
    expect(formatTokyoTime('2026-01-08T01:15:00.000Z', 'ja', now)).toBe('10:15');
    expect(formatTokyoTime('2026-01-08T01:15:00.000Z', 'en', now)).toBe('10:15');
  });

  it('adds the date when it is another day in Tokyo', () => {
    expect(formatTokyoTime('2026-01-08T15:30:00.000Z', 'ja', now)).toBe('1月9日 00:30');
    expect(formatTokyoTime('2026-01-08T15:30:00.000Z', 'en', now)).toBe('9 Jan 00:30');
  });
});
