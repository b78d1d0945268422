import { formatDuration } from '../../../lib/time.ts';
import { useNow } from '../../../lib/use-now.ts';

/** Time since `since` as `m:ss`; `0:00` until the call has an answer time. */
export function useElapsed(since: string | null): string {
  const now = useNow(500);
  return formatDuration(since ? now - Date.parse(since) : 0);
}
