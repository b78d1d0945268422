import { RoutingEngine, type RoutingEngineOptions } from './engine.ts';
import { QueueError } from './errors.ts';
import { queueEventSchema, type QueueEvent } from './events.ts';

/**
 * Rebuilds an engine from its persisted event log (after a restart): waiting callers keep their
 * place, offers keep their deadlines and clerks their states. Events are parsed first, so a log
 * written by another version fails loudly (`CORRUPT_LOG`) instead of routing on guesses.
 * Call `tick(now)` afterwards: offers and wrap-ups that ran out while the server was down fire then.
 */
export function rebuild(events: readonly unknown[], options: RoutingEngineOptions): RoutingEngine {
  const engine = new RoutingEngine(options);
  events.forEach((raw, index) => {
    const parsed = queueEventSchema.safeParse(raw);
    if (!parsed.success) throw QueueError.corruptLog(index, parsed.error.message, parsed.error);
    const event: QueueEvent = parsed.data;
    try {
      engine.replay(event);
    } catch (error) {
      throw QueueError.corruptLog(index, `${event.type} does not apply: ${(error as Error).message}`, error);
    }
  });
  return engine;
}
