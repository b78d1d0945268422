import type { Logger } from 'pino';
import { AppError } from '../errors.ts';
import { QueueError, RoutingEngine, rebuild, type Effect, type QueueCommandResult } from '../queue/index.ts';
import type { RoutingEngineOptions } from '../queue/index.ts';
import type { QueueEventStore } from '../store/queue-event-store.ts';

export interface QueueServiceOptions {
  engine: RoutingEngineOptions;
  store: QueueEventStore;
  log: Logger;
  /** Carries out what the engine decided (offers, status changes, wait updates). */
  onEffects: (effects: Effect[]) => void;
  /** Called after every applied command (e.g. to refresh supervisor views). */
  onChange?: () => void;
  now?: () => number;
}

/**
 * The I/O shell around the pure routing engine: every command's events are stored before the
 * command counts as done, effects are handed on, and the engine's timers (offer expiry, wrap-up,
 * fallback steps) are driven by one timeout. On start the engine is rebuilt from the stored log,
 * so callers keep their place across restarts.
 */
export class QueueService {
  #options: QueueServiceOptions;
  readonly #log: Logger;
  readonly #now: () => number;
  #engine: RoutingEngine;
  #timer: NodeJS.Timeout | undefined;
  #isClosed = false;

  constructor(options: QueueServiceOptions) {
    this.#options = options;
    this.#log = options.log;
    this.#now = options.now ?? Date.now;
    const stored = options.store.loadAll();
    this.#engine = stored.length > 0 ? rebuild(stored, options.engine) : new RoutingEngine(options.engine);
    if (stored.length > 0) this.#log.info({ events: stored.length }, 'queue rebuilt from its event log');
  }

  /** Read access for views (snapshot, statuses); never mutate through it. */
  get engine(): RoutingEngine {
    return this.#engine;
  }

  /** Starts the timers the rebuilt engine is waiting for. */
  start(): void {
    this.#run((engine, now) => engine.tick(now));
  }

  /**
   * Runs one engine command: persist, then act. A command the engine refuses changes nothing and
   * is reported with its code; a store failure rolls the engine back to what is stored.
   */
  run(command: (engine: RoutingEngine, now: number) => QueueCommandResult): Effect[] {
    return this.#run(command);
  }

  /**
   * New procedures and opening hours for decisions from now on; kept for a rebuild after a failed
   * write too, so the engine never falls back to an older catalogue.
   */
  reconfigure(routing: Pick<RoutingEngineOptions, 'procedures' | 'serviceHours'>): void {
    this.#options = { ...this.#options, engine: { ...this.#options.engine, ...routing } };
    this.#engine.reconfigure(routing);
  }

  /**
   * Runs a command whose refusal is not the caller's concern (a clean-up the queue may already
   * have done itself): a refusal is logged, not thrown.
   */
  runQuietly(command: (engine: RoutingEngine, now: number) => QueueCommandResult, what: string): void {
    try {
      this.#run(command);
    } catch (error) {
      this.#log.warn({ err: error, what }, 'queue command refused');
    }
  }

  close(): void {
    this.#isClosed = true;
    clearTimeout(this.#timer);
  }

  #run(command: (engine: RoutingEngine, now: number) => QueueCommandResult): Effect[] {
    const now = this.#now();
    let result: QueueCommandResult;
    try {
      result = command(this.#engine, now);
    } catch (error) {
      throw toAppError(error);
    }
    try {
      this.#options.store.append(result.events);
    } catch (error) {
      this.#log.error({ err: error }, 'queue events could not be stored; rolling back to the stored log');
      this.#engine = rebuild(this.#options.store.loadAll(), this.#options.engine);
      this.#schedule();
      throw new AppError('INTERNAL', 'the queue could not record this change', { cause: error });
    }
    const effects = [...result.effects, ...this.#engine.refreshEstimates(now)];
    this.#schedule();
    this.#options.onEffects(effects);
    this.#options.onChange?.();
    return effects;
  }

  #schedule(): void {
    clearTimeout(this.#timer);
    if (this.#isClosed) return;
    const wakeAt = this.#engine.nextWakeAt();
    if (wakeAt === null) return;
    this.#timer = setTimeout(
      () => {
        try {
          this.#run((engine, now) => engine.tick(now));
        } catch (error) {
          this.#log.error({ err: error }, 'queue timer failed');
        }
      },
      Math.max(0, wakeAt - this.#now()),
    );
    this.#timer.unref();
  }
}

function toAppError(error: unknown): unknown {
  if (!(error instanceof QueueError)) return error;
  switch (error.code) {
    case 'NOT_FOUND':
      return new AppError('NOT_FOUND', error.message, { cause: error });
    case 'VALIDATION_FAILED':
      return new AppError('VALIDATION_FAILED', error.message, { cause: error });
    default:
      return new AppError('INVALID_STATE', error.message, { cause: error });
  }
}
