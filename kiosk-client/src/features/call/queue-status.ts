import type { FactPayload } from '@madoguchi/shared';
import type { Message } from '../../i18n/messages.ts';

/** The resident's place in the queue as last told by the server. */
export type QueueStatus = Pick<FactPayload<'queue:updated'>, 'position' | 'expectedWaitMs'>;

const MINUTE_MS = 60_000;

/**
 * "2 people ahead of you". Until the server's first update nothing is known, and a guessed number
 * would be a promise the window cannot keep.
 */
export function positionMessage(queue: QueueStatus | null): Message {
  if (!queue) return { key: 'waiting.checking' };
  if (queue.position === 0) return { key: 'waiting.next' };
  if (queue.position === 1) return { key: 'waiting.ahead-one' };
  return { key: 'waiting.ahead', params: { count: queue.position } };
}

/** Whole minutes rounded up ("about 3 minutes"), "shortly" under a minute. */
export function expectedWaitMessage(queue: QueueStatus | null): Message {
  if (!queue) return { key: 'waiting.checking' };
  if (queue.expectedWaitMs === null) return { key: 'waiting.no-clerk' };
  if (queue.expectedWaitMs < MINUTE_MS) return { key: 'waiting.shortly' };
  const minutes = Math.ceil(queue.expectedWaitMs / MINUTE_MS);
  return minutes === 1
    ? { key: 'waiting.about-one-minute' }
    : { key: 'waiting.about-minutes', params: { minutes } };
}
