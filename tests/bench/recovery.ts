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
 *
 * Prints progress to stderr and one JSON line last. BENCH_RUNS (default 4) runs per fault;
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
  statusOf,
  waitForMediaFlowing,
  type WatchedPage,
} from '../support/call-recovery.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

const runs = Number(process.env.BENCH_RUNS ?? 4);
const kioskId = 'seiseki-1';
const clerkAccount = { staffId: 'tanaka-y', displayName: '田中 由美' };
const intervalMs = 250;
/** BENCH_FAULTS=a,b runs only those faults. */
const only = process.env.BENCH_FAULTS?.split(',');

type FaultName =
  | 'worker-killed'
  | 'kiosk-reloaded'
  | 'console-reloaded'
  | 'kiosk-line-dropped-5s'
  | 'kiosk-line-dropped-10s';

interface Call {
  server: TestServer;
  clerk: WatchedPage;
  kiosk: WatchedPage;
  consultationId: ConsultationId;
  /** The kiosk's line, for the faults run behind one. */
  line: BoothLine | undefined;
}

interface RunResult {
  ms: number;
  /** For a line drop: whether the kiosk's inbound media stood still during the outage. */
  mediaStopped?: boolean;
}

interface FaultSpec {
  /** What the time is measured from. */
  timedFrom: string;
  /** Does the fault; resolves with the moment the timing starts. */
  fault: (call: Call) => Promise<{ from: number; mediaStopped?: boolean }>;
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

/** A server, and where the kiosk runs: beside the console, or behind a line of its own. */
async function openBooth(spec: FaultSpec) {
  if (!spec.isBehindLine) {
    const server = await startTestServer({ SERVE_CLIENTS: 'true' });
    return {
      server,
      kioskBrowser: chromium,
      origin: originOf(server),
      line: undefined,
      close: () => server.close(),
    };
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
    const opened = { server, kioskBrowser, origin: `https://${address}:${port}`, line };
    return {
      ...opened,
      close: async () => {
        await opened.kioskBrowser.close();
        await opened.server.close();
        await line.close();
      },
    };
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
    const { server, origin, line } = booth;
    const pages: WatchedPage[] = [];
    try {
      const clerk = await openClerk(server, chromium.browser, clerkAccount, origin);
      pages.push(clerk);
      const kiosk = await openKiosk(server, booth.kioskBrowser.browser, kioskId, origin);
      pages.push(kiosk);
      for (let run = 0; run < runs; run++) {
        await placeCall(kiosk.page, 'juumin-idou');
        await acceptAndMeasure(clerk.page, kiosk.page);
        await waitForMediaFlowing(kiosk.page, kioskReceives, { intervalMs });
        await waitForMediaFlowing(clerk.page, clerkReceives, { intervalMs });
        const consultationId = consultationOfKiosk(server, kioskId)!.consultationId;
        callsMade++;
        const none = new Set<string>();
        const kioskTracks = spec.isFresh ? await renderedTrackIds(kiosk.page) : none;
        const clerkTracks = spec.isFresh ? await renderedTrackIds(clerk.page) : none;
        const surveysBefore = kiosk.screensSeen.filter((id) => id === 'survey-screen').length;

        const { from, mediaStopped } = await spec.fault({ server, clerk, kiosk, consultationId, line });
        const [kioskBack, clerkBack] = await Promise.all([
          waitForMediaFlowing(kiosk.page, kioskReceives, { intervalMs, excludeTrackIds: kioskTracks }),
          waitForMediaFlowing(clerk.page, clerkReceives, { intervalMs, excludeTrackIds: clerkTracks }),
        ]);
        const ms = Math.max(kioskBack.at, clerkBack.at) - from;
        done.push({ ms, ...(mediaStopped === undefined ? {} : { mediaStopped }) });

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
