/** How well the call's media arrives, as the resident and the clerk are shown it. */
export type ConnectionQuality = 'good' | 'fair' | 'poor';

/** What one `getStats()` of a receive transport says, reduced to what the quality needs. */
export interface ReceiveSample {
  /** The selected candidate pair's current round-trip time, in seconds; null if not known yet. */
  roundTripTimeS: number | null;
  /** Totals over every inbound RTP stream since it started. */
  packetsReceived: number;
  packetsLost: number;
}

/**
 * The limits, from ITU-T G.114 (under 150 ms one way is fine for conversation, 400 ms the limit
 * for planning) and from what WebRTC's concealment hides: about 2 % loss goes unnoticed, about 8 %
 * makes speech and video break up.
 */
export const qualityLimits = {
  good: { roundTripTimeS: 0.3, lossRatio: 0.02 },
  fair: { roundTripTimeS: 0.8, lossRatio: 0.08 },
} as const;

interface StatsEntry {
  type?: string;
  state?: string;
  nominated?: boolean;
  selected?: boolean;
  selectedCandidatePairId?: string;
  currentRoundTripTime?: number;
  packetsReceived?: number;
  packetsLost?: number;
}

/** Reads a stats report (a Map of entries, as `RTCPeerConnection.getStats()` resolves). */
export function readReceiveSample(report: ReadonlyMap<string, unknown>): ReceiveSample {
  const entries = [...report.values()] as StatsEntry[];
  const transport = entries.find((entry) => entry.type === 'transport' && entry.selectedCandidatePairId);
  const pairs = entries.filter((entry) => entry.type === 'candidate-pair');
  const selected =
    (transport && (report.get(transport.selectedCandidatePairId ?? '') as StatsEntry | undefined)) ??
    pairs.find((pair) => pair.selected) ??
    pairs.find((pair) => pair.nominated && pair.state === 'succeeded');
  let packetsReceived = 0;
  let packetsLost = 0;
  for (const entry of entries) {
    if (entry.type !== 'inbound-rtp') continue;
    packetsReceived += entry.packetsReceived ?? 0;
    // Duplicates can make the lost count negative; that is no loss.
    packetsLost += Math.max(0, entry.packetsLost ?? 0);
  }
  const rtt = selected?.currentRoundTripTime;
  return { roundTripTimeS: typeof rtt === 'number' ? rtt : null, packetsReceived, packetsLost };
}

/**
 * The quality between two samples (or since the start, for the first one): loss is counted over
 * the interval only, so a bad minute long ago does not colour the present. Null while nothing has
 * been received and no round trip measured: there is nothing to judge.
 */
export function classifyQuality(
  sample: ReceiveSample,
  previous: ReceiveSample | null,
): ConnectionQuality | null {
  const received = sample.packetsReceived - (previous?.packetsReceived ?? 0);
  const lost = sample.packetsLost - (previous?.packetsLost ?? 0);
  const total = Math.max(0, received) + Math.max(0, lost);
  const lossRatio = total > 0 ? Math.max(0, lost) / total : null;
  const rtt = sample.roundTripTimeS;
  if (lossRatio === null && rtt === null) return null;
  const within = (limit: { roundTripTimeS: number; lossRatio: number }) =>
    (rtt === null || rtt < limit.roundTripTimeS) && (lossRatio === null || lossRatio < limit.lossRatio);
  if (within(qualityLimits.good)) return 'good';
  if (within(qualityLimits.fair)) return 'fair';
  return 'poor';
}
