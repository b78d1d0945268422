import type { ConnectionQuality } from '@madoguchi/shared/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { QUALITY_INTERVAL_MS, QualityPoller } from './quality-poller.ts';

/** A receive transport's report: one nominated pair with this round trip, and inbound packets. */
const report = (roundTripS: number, packetsReceived: number, packetsLost = 0) =>
  new Map<string, unknown>([
    ['CP', { type: 'candidate-pair', state: 'succeeded', nominated: true, currentRoundTripTime: roundTripS }],
    ['IV', { type: 'inbound-rtp', packetsReceived, packetsLost }],
  ]);

describe('QualityPoller', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const setUp = (reports: (ReadonlyMap<string, unknown> | null)[]) => {
    const verdicts: ConnectionQuality[] = [];
    const readStats = vi.fn(async () => reports.shift() ?? null);
    const poller = new QualityPoller({ readStats, onQuality: (quality) => verdicts.push(quality) });
    return { poller, readStats, verdicts };
  };

  it('measures at once and then every interval, telling only changes', async () => {
    const kiosk = setUp([report(0.9, 100), report(0.9, 200), report(0.02, 300)]);
    kiosk.poller.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(kiosk.verdicts).toEqual(['poor']);
    await vi.advanceTimersByTimeAsync(QUALITY_INTERVAL_MS);
    expect(kiosk.verdicts).toEqual(['poor']);
    await vi.advanceTimersByTimeAsync(QUALITY_INTERVAL_MS);
    expect(kiosk.readStats).toHaveBeenCalledTimes(3);
    expect(kiosk.verdicts).toEqual(['poor', 'good']);
    kiosk.poller.stop();
  });

  it('stops measuring, and drops a measurement that was under way', async () => {
    let answer: (report: ReadonlyMap<string, unknown>) => void = () => undefined;
    const verdicts: ConnectionQuality[] = [];
    const readStats = vi.fn(
      () => new Promise<ReadonlyMap<string, unknown> | null>((resolve) => (answer = resolve)),
    );
    const poller = new QualityPoller({ readStats, onQuality: (quality) => verdicts.push(quality) });
    poller.start();
    poller.stop();
    answer(report(0.9, 100));
    await vi.advanceTimersByTimeAsync(QUALITY_INTERVAL_MS * 3);
    expect(readStats).toHaveBeenCalledOnce();
    expect(verdicts).toEqual([]);
  });

  it('tells the verdict again after a restart, and survives a failed or empty reading', async () => {
    const kiosk = setUp([report(0.9, 100), null, report(0.9, 100)]);
    kiosk.readStats.mockRejectedValueOnce(new Error('transport closed'));
    kiosk.poller.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(kiosk.verdicts).toEqual([]);
    await vi.advanceTimersByTimeAsync(QUALITY_INTERVAL_MS);
    expect(kiosk.verdicts).toEqual(['poor']);
    kiosk.poller.start();
    await vi.advanceTimersByTimeAsync(0);
    await vi.advanceTimersByTimeAsync(QUALITY_INTERVAL_MS);
    expect(kiosk.verdicts).toEqual(['poor', 'poor']);
    kiosk.poller.stop();
  });
});
