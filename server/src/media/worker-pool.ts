import * as mediasoup from 'mediasoup';
import type { types } from 'mediasoup';
import type { Logger } from 'pino';
import { routerMediaCodecs } from './codecs.ts';

export interface WorkerPoolOptions {
  /** Number of workers (one per core is the usual choice). */
  workerCount: number;
  /** Address the WebRtcServers bind to. */
  listenIp: string;
  /** Address announced to browsers in ICE candidates. */
  announcedAddress: string;
  /**
   * Worker i listens on UDP and TCP port `portBase + i`, so firewalls need a small fixed range.
   * 0 takes any free port of the rtc range instead (tests running side by side).
   */
  portBase: number;
  /** Ports for router-to-router pipe transports. */
  rtcMinPort: number;
  rtcMaxPort: number;
  /** How often resource usage is logged; 0 disables. */
  usageLogIntervalMs: number;
}

/** Pauses between attempts to replace a dead worker: doubling from the first to the last. */
const REPLACE_RETRY_FIRST_MS = 100;
const REPLACE_RETRY_MAX_MS = 5_000;

/** One worker process and the WebRtcServer all its WebRTC transports share. */
export interface WorkerSlot {
  readonly index: number;
  readonly worker: types.Worker;
  readonly webRtcServer: types.WebRtcServer;
  routerCount: number;
}

/** A router and the WebRtcServer its WebRTC transports must use (the one of its worker). */
export interface PlacedRouter {
  router: types.Router;
  webRtcServer: types.WebRtcServer;
  /** True once the worker carrying the router has died (its routers then close by themselves). */
  isLost: () => boolean;
}

/**
 * Owns the mediasoup worker processes. A worker that dies is logged and replaced in its slot (same
 * port); the routers it carried are closed by mediasoup, and their owners learn of it through the
 * routers' own close events.
 */
export class WorkerPool {
  readonly #options: WorkerPoolOptions;
  readonly #log: Logger;
  readonly #slots: (WorkerSlot | undefined)[];
  readonly #routerSlots = new Map<string, WorkerSlot>();
  #usageTimer: NodeJS.Timeout | undefined;
  #isClosed = false;

  private constructor(options: WorkerPoolOptions, log: Logger) {
    this.#options = options;
    this.#log = log;
    this.#slots = new Array<WorkerSlot | undefined>(options.workerCount).fill(undefined);
  }

  static async start(options: WorkerPoolOptions, log: Logger): Promise<WorkerPool> {
    const pool = new WorkerPool(options, log);
    try {
      for (let index = 0; index < options.workerCount; index++) await pool.#startSlot(index);
    } catch (error) {
      pool.close();
      throw error;
    }
    if (options.usageLogIntervalMs > 0) {
      pool.#usageTimer = setInterval(() => void pool.#logUsage(), options.usageLogIntervalMs);
      pool.#usageTimer.unref();
    }
    return pool;
  }

  get aliveCount(): number {
    return this.#slots.filter((slot) => slot !== undefined).length;
  }

  get expectedCount(): number {
    return this.#slots.length;
  }

  /** Routers open on the live workers (hubs and desks), for health checks and tests. */
  get routerCount(): number {
    return this.#slots.reduce((sum, slot) => sum + (slot?.routerCount ?? 0), 0);
  }

  /** The pid of the worker carrying this router, for tests that kill it. */
  workerPidOf(routerId: string): number | undefined {
    return this.#routerSlots.get(routerId)?.worker.pid;
  }

  /** Worker pids, for tests that kill one. */
  get pids(): number[] {
    return this.#slots.flatMap((slot) => (slot ? [slot.worker.pid] : []));
  }

  /** A router on the least loaded live worker. */
  async createRouter(appData: Record<string, unknown> = {}): Promise<PlacedRouter> {
    const slot = this.#leastLoaded();
    if (!slot) throw new Error('no media worker is alive');
    const router = await slot.worker.createRouter({ mediaCodecs: routerMediaCodecs, appData });
    slot.routerCount++;
    this.#routerSlots.set(router.id, slot);
    router.observer.once('close', () => {
      slot.routerCount--;
      this.#routerSlots.delete(router.id);
    });
    const { worker } = slot;
    return { router, webRtcServer: slot.webRtcServer, isLost: () => worker.died };
  }

  close(): void {
    if (this.#isClosed) return;
    this.#isClosed = true;
    clearInterval(this.#usageTimer);
    for (const slot of this.#slots) slot?.worker.close();
    this.#slots.fill(undefined);
  }

  #leastLoaded(): WorkerSlot | undefined {
    let best: WorkerSlot | undefined;
    for (const slot of this.#slots) {
      // A dying worker closes its routers before it reports its death: their owners must not be
      // placed on it again.
      if (!slot || slot.worker.died || slot.worker.closed) continue;
      if (!best || slot.routerCount < best.routerCount) best = slot;
    }
    return best;
  }

  async #startSlot(index: number): Promise<void> {
    const { listenIp, announcedAddress, portBase, rtcMinPort, rtcMaxPort } = this.#options;
    const worker = await mediasoup.createWorker({
      logLevel: 'warn',
      rtcMinPort,
      rtcMaxPort,
      appData: { index },
    });
    const port = portBase === 0 ? undefined : portBase + index;
    const where = port === undefined ? { portRange: { min: rtcMinPort, max: rtcMaxPort } } : { port };
    let webRtcServer: types.WebRtcServer;
    try {
      webRtcServer = await worker.createWebRtcServer({
        listenInfos: [
          { protocol: 'udp', ip: listenIp, announcedAddress, ...where },
          { protocol: 'tcp', ip: listenIp, announcedAddress, ...where },
        ],
      });
    } catch (error) {
      worker.close();
      throw error;
    }
    if (this.#isClosed) {
      worker.close();
      return;
    }
    const slot: WorkerSlot = { index, worker, webRtcServer, routerCount: 0 };
    this.#slots[index] = slot;
    worker.on('died', (error) => {
      this.#slots[index] = undefined;
      this.#log.error(
        { err: error, workerPid: worker.pid, workerIndex: index },
        'media worker died; replacing it',
      );
      if (this.#isClosed) return;
      void this.#replaceSlot(index);
    });
    this.#log.info({ workerPid: worker.pid, workerIndex: index, port }, 'media worker started');
  }

  /**
   * Starts a worker in the slot of one that died, again and again with back-off while it fails (its
   * port may still be held for a moment, or the machine may be short of memory).
   */
  async #replaceSlot(index: number): Promise<void> {
    let delayMs = REPLACE_RETRY_FIRST_MS;
    while (!this.#isClosed) {
      try {
        await this.#startSlot(index);
        return;
      } catch (error) {
        this.#log.error(
          { err: error, workerIndex: index, retryInMs: delayMs },
          'media worker could not be replaced; trying again',
        );
        await new Promise((resolve) => setTimeout(resolve, delayMs).unref());
        delayMs = Math.min(delayMs * 2, REPLACE_RETRY_MAX_MS);
      }
    }
  }

  async #logUsage(): Promise<void> {
    for (const slot of this.#slots) {
      if (!slot) continue;
      try {
        const usage = await slot.worker.getResourceUsage();
        this.#log.info(
          {
            workerPid: slot.worker.pid,
            workerIndex: slot.index,
            routers: slot.routerCount,
            cpuUserMs: usage.ru_utime,
            cpuSystemMs: usage.ru_stime,
            maxRssKb: usage.ru_maxrss,
          },
          'media worker usage',
        );
      } catch (error) {
        this.#log.warn({ err: error, workerIndex: slot.index }, 'media worker usage unavailable');
      }
    }
  }
}
