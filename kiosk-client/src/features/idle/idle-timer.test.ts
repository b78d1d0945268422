import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IDLE_TIMEOUT_MS, IDLE_WARNING_MS, IdleTimer } from './idle-timer.ts';

describe('IdleTimer', () => {
  beforeEach(() => vi.useFakeTimers({ now: 1_000_000 }));
  afterEach(() => vi.useRealTimers());

  const setUp = () => {
    const warnings: (number | null)[] = [];
    const onExpired = vi.fn();
    const idle = new IdleTimer({
      now: () => Date.now(),
      onWarning: (until) => warnings.push(until),
      onExpired,
    });
    return { idle, warnings, onExpired };
  };

  it('warns after the idle time, until a moment it names, then expires', () => {
    const kiosk = setUp();
    expect(kiosk.idle.follow(true, true)).toBe(true);
    vi.advanceTimersByTime(IDLE_TIMEOUT_MS - 1);
    expect(kiosk.warnings).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(kiosk.warnings).toEqual([1_000_000 + IDLE_TIMEOUT_MS + IDLE_WARNING_MS]);
    vi.advanceTimersByTime(IDLE_WARNING_MS);
    expect(kiosk.onExpired).toHaveBeenCalledOnce();
  });

  it('starts over on a touch, taking the warning down', () => {
    const kiosk = setUp();
    kiosk.idle.follow(true, true);
    vi.advanceTimersByTime(IDLE_TIMEOUT_MS - 10);
    kiosk.idle.touch();
    vi.advanceTimersByTime(IDLE_TIMEOUT_MS - 10);
    expect(kiosk.warnings).toEqual([]);
    vi.advanceTimersByTime(10);
    kiosk.idle.touch();
    expect(kiosk.warnings).toEqual([expect.any(Number), null]);
    vi.advanceTimersByTime(IDLE_WARNING_MS);
    expect(kiosk.onExpired).not.toHaveBeenCalled();
  });

  it('keeps counting on the same screen, starts afresh on a new one, and stops off watched screens', () => {
    const kiosk = setUp();
    kiosk.idle.follow(true, true);
    vi.advanceTimersByTime(IDLE_TIMEOUT_MS - 10);
    expect(kiosk.idle.follow(true, false)).toBe(false);
    vi.advanceTimersByTime(10);
    expect(kiosk.warnings).toHaveLength(1);
    expect(kiosk.idle.follow(true, true)).toBe(true);
    vi.advanceTimersByTime(IDLE_WARNING_MS);
    expect(kiosk.onExpired).not.toHaveBeenCalled();

    expect(kiosk.idle.follow(false, true)).toBe(true);
    kiosk.idle.touch();
    vi.advanceTimersByTime(IDLE_TIMEOUT_MS + IDLE_WARNING_MS);
    expect(kiosk.warnings).toHaveLength(1);
    expect(kiosk.onExpired).not.toHaveBeenCalled();
  });
});
