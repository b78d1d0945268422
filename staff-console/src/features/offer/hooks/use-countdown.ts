import { secondsUntil } from '../../../lib/time.ts';
import { useNow } from '../../../lib/use-now.ts';

/** Seconds left until `expiresAt`, by this machine's clock. */
export function useCountdown(expiresAt: string): number {
  return secondsUntil(expiresAt, useNow());
}
