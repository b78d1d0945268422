import { RateLimiterMemory } from 'rate-limiter-flexible';

export interface RateLimitOptions {
  /** Commands one connection may send per second (bursts included); unknown events count too. */
  commandsPerSecond: number;
  /** Handshakes one IP address may attempt per minute. */
  handshakesPerMinute: number;
  /** Staff logins one IP address may attempt per minute. */
  loginsPerMinute: number;
  /** Kiosk enrollments one IP address may attempt per minute. */
  enrollmentsPerMinute: number;
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

/**
 * Separate budgets, so that a kiosk booth retrying its socket does not use up the address's
 * logins, nor guessed enrollment codes a clerk's logins.
 */
export function createRateLimits(options: RateLimitOptions): {
  command: RateCheck;
  handshake: RateCheck;
  login: RateCheck;
  enrollment: RateCheck;
} {
  return {
    command: limiter(options.commandsPerSecond, 1),
    handshake: limiter(options.handshakesPerMinute, 60),
    login: limiter(options.loginsPerMinute, 60),
    enrollment: limiter(options.enrollmentsPerMinute, 60),
  };
}
