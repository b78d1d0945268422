import type { ConnectionQuality, ReceiveSample } from '@madoguchi/shared/client';
import { classifyQuality, readReceiveSample } from '@madoguchi/shared/client';

/** How often the call's connection quality is measured. */
export const QUALITY_INTERVAL_MS = 2_000;

export interface QualityPollerOptions {
  /** The call's receive statistics; null while there is nothing to measure. */
  readStats(): Promise<ReadonlyMap<string, unknown> | null>;
  /** A new verdict; called only when it differs from the last one of this run. */
  onQuality(quality: ConnectionQuality): void;
  /** Time between two measurements; `QUALITY_INTERVAL_MS` by default. */
  intervalMs?: number;
}

/**
 * Measures how well the call's media arrives, every few seconds while the resident is in the call.
 * A measurement still under way when the polling stops (or starts over) is dropped.
 */
export class QualityPoller {
  readonly #options: QualityPollerOptions;
  readonly #intervalMs: number;
  #timer: ReturnType<typeof setInterval> | undefined;
  #sample: ReceiveSample | null = null;
  #quality: ConnectionQuality | null = null;
  // Bumped by every start and stop, so a late measurement of an earlier run is ignored.
  #run = 0;

  constructor(options: QualityPollerOptions) {
    this.#options = options;
    this.#intervalMs = options.intervalMs ?? QUALITY_INTERVAL_MS;
  }

  /** Measures now and then every interval, from a fresh start (no earlier sample counts). */
  start(): void {
    this.stop();
    const run = this.#run;
    this.#timer = setInterval(() => void this.#measure(run), this.#intervalMs);
    void this.#measure(run);
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
    this.#sample = null;
    this.#quality = null;
    this.#run++;
  }

  async #measure(run: number): Promise<void> {
    let report: ReadonlyMap<string, unknown> | null;
    try {
      report = await this.#options.readStats();
    } catch {
      // A transport closing under the measurement; the next one tells.
      return;
    }
    if (!report || run !== this.#run) return;
    const sample = readReceiveSample(report);
    const quality = classifyQuality(sample, this.#sample);
    this.#sample = sample;
    if (!quality || quality === this.#quality) return;
    this.#quality = quality;
    this.#options.onQuality(quality);
  }
}
