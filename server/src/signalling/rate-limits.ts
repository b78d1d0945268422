import { RateLimiterMemory } from 'rate-limiter-flexible';

export interface RateLimitOptions {
  /** Commands one connection may send per second (bursts included). */
  commandsPerSecond: number;
  /** Handshakes one IP address may attempt per minute. */
  handshakesPerMinute: number;
}

/** Whether a key still has budget; spends one unit when it does. */
export type RateCheck = (key: string) => Promise<boolean>;

function limiter(points: number, durationSec: number): RateCheck {
  const memory = new RateLimiterMemory({ points, duration: durationSec });
  return (key) =>
    memory.consume(key).then(
      () => true,
      (rejection: unknown) => {
        // The limiter rejects with its own result object when the budget is spent; anything
        // else is a fault of the limiter itself and must not turn into a silent refusal.
        if (rejection instanceof Error) throw rejection;
        return false;
      },
    );
}

export function createRateLimits(options: RateLimitOptions): { command: RateCheck; handshake: RateCheck } {
  return {
    command: limiter(options.commandsPerSecond, 1),
    handshake: limiter(options.handshakesPerMinute, 60),
  };
}
