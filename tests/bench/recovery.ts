/**
 * How fast a call comes back from a fault: each fault is done several times in the middle of a real
 * call (Chromium kiosk and console, SFU on loopback, one call at a time, a fresh call per run), and
 * the time runs from the fault to media flowing again on both sides: on the kiosk the clerk's
 * camera and microphone, on the console the resident's face camera, document camera and
 * microphone, each on the element that shows or plays it, its frames decoded or packets received
 * growing between two getStats readings 250 ms apart (the later reading's time is taken). After
 * each run the consultation must be the same one, still active, and once hung up its record must
 * say so; any that is not counts in `recordsLost`.
 *
 * Faults:
 * - `worker-killed`: SIGKILL of the only media worker (the call's hub and the clerk's desk); timed
 *   from the kill; the tracks from before do not count, they must be replaced.
 * - `kiosk-reloaded`: the kiosk page reloaded (a watchdog, a browser crash); timed from the reload.
 * - `console-reloaded`: the clerk's console page reloaded; timed from the reload.
 * - `kiosk-line-dropped-5s`, `kiosk-line-dropped-10s`: the kiosk's Chromium runs in a network
 *   namespace of its own (a booth's line, tests/support/booth-line.ts) whose link goes down for
 *   5 s (ICE can be restarted in time) or 10 s (longer than the client waits for ICE before it
 *   makes its media session anew), signalling and media alike; timed from the end of the outage
 *   (the line coming back), and the JSON says per run whether the kiosk's media had indeed
 *   stopped (`mediaStoppedDuringOutage`).
 *   DevTools' offline emulation (`context.setOffline`) is not used: WebRTC media goes on through it.
 * - `server-restarted`: the server stopped as a shutdown does (sockets cut, media closed, the
 *   queue's log kept) and started again on the same data folder and port; the pages reconnect on
 *   new sessions and rebuild their media, the tracks from before must be replaced. Timed from the
 *   moment the new server listens (`ms`, what p50 and max are of) and from the stop
 *   (`fromStopMs`, which adds the restart itself: the in-process stop and start, not a process
 *   spawn).
 *
 * Prints progress to stderr and one JSON line last. BENCH_RUNS (default 3) runs per fault;
 * BENCH_FAULTS (comma-separated names) runs only some.
 */
import type { ConsultationId } from '@madoguchi/shared';
import { BoothLine } from '../support/booth-line.ts';
import { launchChromium, type LaunchedBrowser } from '../support/browser.ts';
import { acceptAndMeasure, hangUp, placeCall } from '../support/call-flow.ts';
import {
  clerkReceives,
  consultationOfKiosk,
  dropLine,
  hubWorkerPid,
  killWorker,
  kioskReceives,
  openClerk,
  openKiosk,
  originOf,
  renderedTrackIds,
  restartServer,
  statusOf,
  waitForMediaFlowing,
  type WatchedPage,
} from '../support/call-recovery.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

const runs = Number(process.env.BENCH_RUNS ?? 3);
const kioskId = 'seiseki-1';
const clerkAccount = { staffId: 'tanaka-y', displayName: '田中 由美' };
const intervalMs = 250;
/** BENCH_FAULTS=a,b runs only those faults. */
const only = process.env.BENCH_FAULTS?.split(',');
/** The environment of a server beside the console (the one a restart starts again with). */
const serverEnv = { SERVE_CLIENTS: 'true' };

type FaultName =
  | 'worker-killed'
  | 'kiosk-reloaded'
  | 'console-reloaded'
  | 'kiosk-line-dropped-5s'
  | 'kiosk-line-dropped-10s'
  | 'server-restarted';

interface Call {
  server: TestServer;
  /** Replaces the call's server by a restarted one (for the pages and the checks after the fault). */
  replaceServer: (server: TestServer) => void;
  clerk: WatchedPage;
  kiosk: WatchedPage;
  consultationId: ConsultationId;
  /** The kiosk's line, for the faults run behind one. */
  line: BoothLine | undefined;
}

interface RunResult {
  ms: number;
  /** For a restart: from the stop of the old server (`ms` runs from the new one listening). */
  fromStopMs?: number;
  /** For a line drop: whether the kiosk's inbound media stood still during the outage. */
  mediaStopped?: boolean;
}

interface FaultSpec {
  /** What the time is measured from. */
  timedFrom: string;
  /** Does the fault; resolves with the moment the timing starts. */
  fault: (call: Call) => Promise<{ from: number; mediaStopped?: boolean; stoppedAt?: number }>;
  /** Tracks from before the fault do not count on either side: they must be replaced. */
  isFresh: boolean;
  /** The kiosk runs behind a booth line that can be cut. */
  isBehindLine?: boolean;
  /** How long the line is cut. */
  outageMs?: number;
}

const faults: Record<FaultName, FaultSpec> = {
  'worker-killed': {
    timedFrom: 'the kill',
    isFresh: true,
    fault: async ({ server, consultationId }) => {
      const pid = hubWorkerPid(server, consultationId);
      const from = Date.now();
      await killWorker(server, pid);
      return { from };
    },
  },
  'kiosk-reloaded': {
    timedFrom: 'the reload',
    isFresh: true,
    fault: async ({ kiosk }) => {
      const from = Date.now();
      await kiosk.page.reload();
      return { from };
    },
  },
  'console-reloaded': {
    timedFrom: 'the reload',
    isFresh: true,
    fault: async ({ clerk }) => {
      const from = Date.now();
      await clerk.page.reload();
      return { from };
    },
  },
  'kiosk-line-dropped-5s': lineDropped(5_000),
  'kiosk-line-dropped-10s': lineDropped(10_000),
  'server-restarted': {
    timedFrom: 'the new server listening (fromStopMs: the stop)',
    isFresh: true,
    fault: async ({ server, replaceServer }) => {
      const { server: restarted, stoppedAt, listeningAt } = await restartServer(server, serverEnv);
      replaceServer(restarted);
      return { from: listeningAt, stoppedAt };
    },
  },
};

/** The kiosk's line cut for `outageMs`, timed from its return. */
function lineDropped(outageMs: number): FaultSpec {
  return {
    timedFrom: 'the end of the outage',
    isFresh: false,
    isBehindLine: true,
    outageMs,
    fault: async ({ kiosk, line }) => {
      const { restoredAt, isMediaStopped } = await dropLine(line!, kiosk.page, outageMs);
      return { from: restoredAt, mediaStopped: isMediaStopped };
    },
  };
}

const chromium = await launchChromium();
const results: Partial<Record<FaultName, RunResult[]>> = {};
const failures: Partial<Record<FaultName, string>> = {};
let recordsLost = 0;
let callsMade = 0;

/** Where a fault's calls run: their server (replaced by a restart), and where the kiosk runs. */
interface Booth {
  server: TestServer;
  kioskBrowser: LaunchedBrowser;
  origin: string;
  line: BoothLine | undefined;
  /** Closes the kiosk's own Chromium (behind a line), the server in use and the line. */
  close: () => Promise<void>;
}

/** A server, and where the kiosk runs: beside the console, or behind a line of its own. */
async function openBooth(spec: FaultSpec): Promise<Booth> {
  if (!spec.isBehindLine) {
    const server = await startTestServer(serverEnv);
    const booth: Booth = {
      server,
      kioskBrowser: chromium,
      origin: originOf(server),
      line: undefined,
      close: () => booth.server.close(),
    };
    return booth;
  }
  const line = await BoothLine.create();
  let server: TestServer | undefined;
  let kioskBrowser: LaunchedBrowser | undefined;
  try {
    const address = line.hostAddress;
    server = await startTestServer({
      SERVE_CLIENTS: 'true',
      HOST: address,
      MEDIA_LISTEN_IP: address,
      MEDIA_ANNOUNCED_ADDRESS: address,
    });
    kioskBrowser = await launchChromium([], { executablePath: line.executablePath });
    const port = new URL(server.url).port;
    const booth: Booth = {
      server,
      kioskBrowser,
      origin: `https://${address}:${port}`,
      line,
      close: async () => {
        await booth.kioskBrowser.close();
        await booth.server.close();
        await line.close();
      },
    };
    return booth;
  } catch (error) {
    await kioskBrowser?.close();
    await server?.close();
    await line.close();
    throw error;
  }
}

try {
  for (const [name, spec] of Object.entries(faults) as [FaultName, FaultSpec][]) {
    if (only && !only.includes(name)) continue;
    const done: RunResult[] = [];
    results[name] = done;
    const booth = await openBooth(spec);
    const { origin, line } = booth;
    const replaceServer = (restarted: TestServer) => {
      booth.server = restarted;
    };
    const pages: WatchedPage[] = [];
    try {
      const clerk = await openClerk(booth.server, chromium.browser, clerkAccount, origin);
      pages.push(clerk);
      const kiosk = await openKiosk(booth.server, booth.kioskBrowser.browser, kioskId, origin);
      pages.push(kiosk);
      for (let run = 0; run < runs; run++) {
        await placeCall(kiosk.page, 'juumin-idou');
        await acceptAndMeasure(clerk.page, kiosk.page);
        await waitForMediaFlowing(kiosk.page, kioskReceives, { intervalMs });
        await waitForMediaFlowing(clerk.page, clerkReceives, { intervalMs });
        const consultationId = consultationOfKiosk(booth.server, kioskId)!.consultationId;
        callsMade++;
        const none = new Set<string>();
        const kioskTracks = spec.isFresh ? await renderedTrackIds(kiosk.page) : none;
        const clerkTracks = spec.isFresh ? await renderedTrackIds(clerk.page) : none;
        const surveysBefore = kiosk.screensSeen.filter((id) => id === 'survey-screen').length;

        const { from, mediaStopped, stoppedAt } = await spec.fault({
          server: booth.server,
          replaceServer,
          clerk,
          kiosk,
          consultationId,
          line,
        });
        const server = booth.server;
        const [kioskBack, clerkBack] = await Promise.all([
          waitForMediaFlowing(kiosk.page, kioskReceives, { intervalMs, excludeTrackIds: kioskTracks }),
          waitForMediaFlowing(clerk.page, clerkReceives, { intervalMs, excludeTrackIds: clerkTracks }),
        ]);
        const ms = Math.max(kioskBack.at, clerkBack.at) - from;
        const fromStopMs =
          stoppedAt === undefined ? undefined : Math.max(kioskBack.at, clerkBack.at) - stoppedAt;
        done.push({
          ms,
          ...(mediaStopped === undefined ? {} : { mediaStopped }),
          ...(fromStopMs === undefined ? {} : { fromStopMs }),
        });

        const kept =
          consultationOfKiosk(server, kioskId)?.consultationId === consultationId &&
          statusOf(server, consultationId) === 'active' &&
          kiosk.screensSeen.filter((id) => id === 'survey-screen').length === surveysBefore;
        if (!kept) {
          recordsLost++;
          throw new Error(`consultation ${consultationId} was lost (ended, replaced or surveyed)`);
        }
        await hangUp(clerk.page, kiosk.page);
        const record = await server.app.services.records.find(consultationId);
        const isRecorded = record?.endReason === 'hung-up' && record.staffIds.includes(clerkAccount.staffId);
        if (!isRecorded) recordsLost++;
        process.stderr.write(
          `${name} run ${run + 1}: ${ms} ms (kiosk ${kioskBack.at - from}, clerk ${clerkBack.at - from})` +
            `${mediaStopped === undefined ? '' : `, media stopped during the outage: ${mediaStopped}`}` +
            `${fromStopMs === undefined ? '' : `, ${fromStopMs} ms from the stop`}` +
            `${isRecorded ? '' : ', RECORD LOST'}\n`,
        );
        // Wrap-up (300 ms in the test server) must end before the next call is offered.
        await clerk.page.waitForTimeout(500);
      }
    } catch (error) {
      // A run that did not recover ends this fault's runs (its call may be stuck); the others go on.
      failures[name] = error instanceof Error ? error.message.slice(0, 500) : String(error);
      process.stderr.write(`${name} run ${done.length + 1} failed: ${failures[name]}\n`);
    } finally {
      for (const page of pages) await page.context.close().catch(() => undefined);
      await booth.close();
    }
  }

  const summary = Object.fromEntries(
    (Object.entries(results) as [FaultName, RunResult[]][]).map(([name, done]) => {
      const ms = done.map((result) => result.ms);
      const stopped = done.flatMap((result) =>
        result.mediaStopped === undefined ? [] : [result.mediaStopped],
      );
      const fromStop = done.flatMap((result) => (result.fromStopMs === undefined ? [] : [result.fromStopMs]));
      return [
        name,
        {
          timedFrom: faults[name].timedFrom,
          p50: ms.length > 0 ? median(ms) : null,
          max: ms.length > 0 ? Math.max(...ms) : null,
          runs: done.length,
          ms,
          ...(stopped.length > 0
            ? { mediaStoppedDuringOutage: stopped, outageMs: faults[name].outageMs }
            : {}),
          ...(fromStop.length > 0
            ? { fromStopMs: { p50: median(fromStop), max: Math.max(...fromStop), ms: fromStop } }
            : {}),
          ...(failures[name] ? { failed: failures[name] } : {}),
        },
      ];
    }),
  );
  process.stdout.write(`${JSON.stringify({ recoveryToMediaMs: summary, calls: callsMade, recordsLost })}\n`);
} finally {
  await chromium.close();
}

function median(values: number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
