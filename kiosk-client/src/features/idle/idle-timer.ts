/** How long a resident's screen waits for a touch before it warns that it will start over. */
export const IDLE_TIMEOUT_MS = 90_000;
/** How long the warning counts down before the kiosk wipes the resident and starts over. */
export const IDLE_WARNING_MS = 30_000;

export interface IdleTimerOptions {
  now(): number;
  /** The warning goes up until this moment (ms since the epoch), or down (null) on a touch. */
  onWarning(until: number | null): void;
  /** The warning ran out: the resident has walked away. */
  onExpired(): void;
  /** `IDLE_TIMEOUT_MS` by default. */
  timeoutMs?: number;
  /** `IDLE_WARNING_MS` by default. */
  warningMs?: number;
}

/**
 * The inactivity timeout of a resident's own steps: after a while without a touch a warning counts
 * down, and when it runs out the resident is taken to have left. It follows the screen: the kiosk
 * tells it, as each state settles, whether the screen is watched.
 */
export class IdleTimer {
  readonly #options: IdleTimerOptions;
  readonly #timeoutMs: number;
  readonly #warningMs: number;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #isWatching = false;
  #isWarning = false;

  constructor(options: IdleTimerOptions) {
    this.#options = options;
    this.#timeoutMs = options.timeoutMs ?? IDLE_TIMEOUT_MS;
    this.#warningMs = options.warningMs ?? IDLE_WARNING_MS;
  }

  /**
   * A watched screen that appears or changes starts the countdown afresh; an unwatched one stops
   * it. True when a warning on screen must go: the caller takes it down in the same state, so no
   * warning ever shows over a screen it does not belong to.
   */
  follow(isWatched: boolean, isNewScreen: boolean): boolean {
    if (!isWatched) {
      this.stop();
      return true;
    }
    if (this.#isWatching && !isNewScreen) return false;
    this.#arm();
    return true;
  }

  /** A touch on a watched screen: the countdown starts over and any warning goes. */
  touch(): void {
    if (!this.#isWatching) return;
    const wasWarning = this.#isWarning;
    this.#arm();
    if (wasWarning) this.#options.onWarning(null);
  }

  stop(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#isWatching = false;
    this.#isWarning = false;
  }

  #arm(): void {
    clearTimeout(this.#timer);
    this.#isWatching = true;
    this.#isWarning = false;
    this.#timer = setTimeout(() => this.#warn(), this.#timeoutMs);
  }

  #warn(): void {
    this.#isWarning = true;
    this.#options.onWarning(this.#options.now() + this.#warningMs);
    this.#timer = setTimeout(() => this.#options.onExpired(), this.#warningMs);
  }
}
