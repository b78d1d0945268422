import { describe, expect, it } from 'vitest';
import { classifyQuality, readReceiveSample, type ReceiveSample } from './connection-quality.ts';

const sample = (
  roundTripTimeS: number | null,
  packetsReceived: number,
  packetsLost: number,
): ReceiveSample => ({
  roundTripTimeS,
  packetsReceived,
  packetsLost,
});

describe('readReceiveSample', () => {
  it('takes the selected pair’s round trip and sums the inbound streams', () => {
    const report = new Map<string, unknown>([
      ['T1', { type: 'transport', selectedCandidatePairId: 'CP2' }],
      ['CP1', { type: 'candidate-pair', state: 'failed', currentRoundTripTime: 9 }],
      ['CP2', { type: 'candidate-pair', state: 'succeeded', nominated: true, currentRoundTripTime: 0.05 }],
      ['IA', { type: 'inbound-rtp', kind: 'audio', packetsReceived: 100, packetsLost: 1 }],
      ['IV', { type: 'inbound-rtp', kind: 'video', packetsReceived: 900, packetsLost: -2 }],
      ['OA', { type: 'outbound-rtp', packetsSent: 500 }],
    ]);
    expect(readReceiveSample(report)).toEqual(sample(0.05, 1000, 1));
  });

  it('falls back to the nominated succeeded pair, and knows no round trip without one', () => {
    const nominated = new Map<string, unknown>([
      ['CP', { type: 'candidate-pair', state: 'succeeded', nominated: true, currentRoundTripTime: 0.2 }],
    ]);
    expect(readReceiveSample(nominated).roundTripTimeS).toBe(0.2);
    expect(readReceiveSample(new Map()).roundTripTimeS).toBeNull();
  });
});

describe('classifyQuality', () => {
  it('is good with a short round trip and little loss', () => {
    expect(classifyQuality(sample(0.04, 1000, 5), null)).toBe('good');
  });

  it('is fair or poor as the round trip grows', () => {
    expect(classifyQuality(sample(0.5, 1000, 0), null)).toBe('fair');
    expect(classifyQuality(sample(1.2, 1000, 0), null)).toBe('poor');
  });

  it('counts loss over the interval only', () => {
    const before = sample(0.05, 1000, 300);
    expect(classifyQuality(sample(0.05, 2000, 305), before)).toBe('good');
    expect(classifyQuality(sample(0.05, 2000, 350), before)).toBe('fair');
    expect(classifyQuality(sample(0.05, 2000, 500), before)).toBe('poor');
  });

  it('judges by what is known, and not at all without data', () => {
    expect(classifyQuality(sample(null, 100, 20), null)).toBe('poor');
    expect(classifyQuality(sample(0.05, 0, 0), null)).toBe('good');
    expect(classifyQuality(sample(null, 0, 0), null)).toBeNull();
  });
});
