import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { ConsultationId } from '@madoguchi/shared';
import type { BoothLine } from './booth-line.ts';
import { enrollKiosk, logInClerk } from './call-flow.ts';
import { testPassword } from './identities.ts';
import { installMediaProbe } from './media-probe.ts';
import { startTestServer, type TestServer } from './test-server.ts';

/**
 * What the recovery tests and the recovery benchmark share: pages that remember every screen they
 * showed (across reloads), media read per rendered element, and the server's view of the call.
 */

/** Screens and panels whose appearance a recovery test cares about (survey, wrap-up, failure). */
const watchedTestId = /-screen$|^wrap-up-panel$|^call-end-notice$/;

/** Runs in the page: reports each watched element as it appears, through `window.__screenSeen`. */
function installScreenWatch(pattern: string): void {
  const watched = new RegExp(pattern);
  let present = new Set<string>();
  const scan = () => {
    const now = new Set<string>();
    for (const element of document.querySelectorAll('[data-testid]')) {
      const id = element.getAttribute('data-testid')!;
      if (watched.test(id)) now.add(id);
    }
    for (const id of now) {
      if (!present.has(id)) {
        (window as unknown as { __screenSeen?: (id: string) => void }).__screenSeen?.(id);
      }
    }
    present = now;
  };
  new MutationObserver(scan).observe(document, { childList: true, subtree: true });
}

/** A page, its context, and every watched screen it has shown since it was opened (reloads too). */
export interface WatchedPage {
  context: BrowserContext;
  page: Page;
  /** Test ids of watched screens in the order they appeared. */
  screensSeen: string[];
}

/** Opens `url` in a context of its own with the media probe and the screen watch installed. */
export async function openWatchedPage(browser: Browser, url: string): Promise<WatchedPage> {
  const context = await browser.newContext({
    ignoreHTTPSErrors: true,
    viewport: { width: 1280, height: 800 },
  });
  const screensSeen: string[] = [];
  await context.exposeBinding('__screenSeen', (_source, id: string) => {
    screensSeen.push(id);
  });
  await context.addInitScript(installMediaProbe);
  await context.addInitScript(installScreenWatch, watchedTestId.source);
  const page = await context.newPage();
  await page.goto(url);
  return { context, page, screensSeen };
}

export interface ClerkAccount {
  staffId: string;
  displayName: string;
}

/** Creates a clerk's account, opens the console (from `origin`), logs in and goes available. */
export async function openClerk(
  server: TestServer,
  browser: Browser,
  account: ClerkAccount,
  origin = originOf(server),
): Promise<WatchedPage> {
  const { accounts } = server.app.services.auth;
  if (!(await accounts.find(account.staffId))) {
    await accounts.create({ ...account, role: 'clerk', password: testPassword });
  }
  const clerk = await openWatchedPage(browser, `${origin}/console/`);
  await logInClerk(clerk.page, account.staffId, testPassword);
  return clerk;
}

/** Opens a kiosk page (from `origin`) and enrolls it as `kioskId`; resolves on its attract screen. */
export async function openKiosk(
  server: TestServer,
  browser: Browser,
  kioskId: string,
  origin = originOf(server),
): Promise<WatchedPage> {
  const kiosk = await openWatchedPage(browser, `${origin}/kiosk/`);
  const { code } = await server.app.services.auth.enrollment.createCode(kioskId, 'test');
  await enrollKiosk(kiosk.page, code);
  return kiosk;
}

/** The pages' origin as `localhost`: a secure context, so cameras work with the self-signed certificate. */
export function originOf(server: TestServer): string {
  return server.url.replace('127.0.0.1', 'localhost');
}

/** One remote media element on screen, and what getStats says of the track it plays. */
export interface RenderedStream {
  testId: string;
  /** The nearest `data-participant-id` around the element (whose track it is). */
  participantId: string | null;
  /** The nearest `data-role` around the element, if any. */
  role: string | null;
  kind: 'audio' | 'video';
  trackId: string;
  /** Frames decoded (video) or packets received (audio) of the inbound stream of that track. */
  count: number;
}

/**
 * Runs in the page: every remote `<video>` and `<audio>` with a live track, matched to its inbound
 * RTP stream by track id across the page's open peer connections. An element whose track has no
 * inbound stream counts 0.
 */
export async function readRenderedMedia(): Promise<RenderedStream[]> {
  const probe = (window as unknown as { __probe: { connections: RTCPeerConnection[] } }).__probe;
  const counts = new Map<string, number>();
  for (const connection of probe.connections) {
    if (connection.connectionState === 'closed') continue;
    const report = await connection.getStats();
    report.forEach((stat: Record<string, unknown>) => {
      if (stat.type !== 'inbound-rtp' || typeof stat.trackIdentifier !== 'string') return;
      const count = Number(stat.kind === 'video' ? (stat.framesDecoded ?? 0) : (stat.packetsReceived ?? 0));
      counts.set(stat.trackIdentifier, Math.max(counts.get(stat.trackIdentifier) ?? 0, count));
    });
  }
  const streams: RenderedStream[] = [];
  const elements = document.querySelectorAll<HTMLMediaElement>(
    'video[data-testid^="remote-video"], audio[data-testid="remote-audio"]',
  );
  for (const element of elements) {
    const source = element.srcObject;
    if (!(source instanceof MediaStream)) continue;
    for (const track of source.getTracks()) {
      if (track.readyState !== 'live') continue;
      streams.push({
        testId: element.dataset.testid!,
        participantId: element.closest('[data-participant-id]')?.getAttribute('data-participant-id') ?? null,
        role: element.closest('[data-role]')?.getAttribute('data-role') ?? null,
        kind: track.kind as 'audio' | 'video',
        trackId: track.id,
        count: counts.get(track.id) ?? 0,
      });
    }
  }
  return streams;
}

/** Elements of one test id that must be playing a track whose counter grows. */
export interface FlowExpectation {
  testId: string;
  /** How many such elements (default 1). */
  count?: number;
  /** Each of those elements plays a different participant's track. */
  isPerParticipant?: boolean;
  /** Only tracks of this participant count. */
  participantId?: string;
}

export interface FlowOptions {
  /** Give up after this long (default 20 s). */
  timeoutMs?: number;
  /** Time between two readings (default 500 ms). */
  intervalMs?: number;
  /** Tracks that do not count (e.g. the ones from before a fault that must be replaced). */
  excludeTrackIds?: ReadonlySet<string>;
}

/** Streams of the second reading whose counter grew since the first (matched by element and track). */
export function growingStreams(before: RenderedStream[], after: RenderedStream[]): RenderedStream[] {
  return after.filter((now) => {
    const was = before.find((then) => then.testId === now.testId && then.trackId === now.trackId);
    return was !== undefined && now.count > was.count;
  });
}

/** Whether the growing streams meet every expectation. */
export function meets(
  growing: RenderedStream[],
  expectations: readonly FlowExpectation[],
  exclude: ReadonlySet<string> = new Set(),
): boolean {
  return expectations.every(({ testId, count = 1, isPerParticipant = false, participantId }) => {
    const matching = growing.filter(
      (stream) =>
        stream.testId === testId &&
        !exclude.has(stream.trackId) &&
        (participantId === undefined || stream.participantId === participantId),
    );
    const distinct = isPerParticipant
      ? new Set(matching.map((stream) => stream.participantId)).size
      : matching.length;
    return distinct >= count;
  });
}

/**
 * Reads the page's rendered media again and again until, between two readings a moment apart,
 * every expectation holds; resolves with the time (ms since the epoch, this process's clock) of the
 * second reading, and both readings. Throws with the last readings when it does not happen.
 */
export async function waitForMediaFlowing(
  page: Page,
  expectations: readonly FlowExpectation[],
  options: FlowOptions = {},
): Promise<{ at: number; before: RenderedStream[]; after: RenderedStream[] }> {
  const { timeoutMs = 20_000, intervalMs = 500, excludeTrackIds = new Set<string>() } = options;
  const deadline = Date.now() + timeoutMs;
  let before = await page.evaluate(readRenderedMedia);
  for (;;) {
    await page.waitForTimeout(intervalMs);
    const after = await page.evaluate(readRenderedMedia);
    const at = Date.now();
    if (meets(growingStreams(before, after), expectations, excludeTrackIds)) return { at, before, after };
    if (at > deadline) {
      throw new Error(
        `media is not flowing as expected ${JSON.stringify(expectations)}: ` +
          `before ${JSON.stringify(before)}, after ${JSON.stringify(after)}`,
      );
    }
    before = after;
  }
}

/** What the resident receives in a call with one clerk: the clerk's camera (large) and microphone. */
export const kioskReceives: readonly FlowExpectation[] = [
  { testId: 'remote-video-camera' },
  { testId: 'remote-audio' },
];

/** What a clerk receives from the resident: face and document camera, and the microphone. */
export const clerkReceives: readonly FlowExpectation[] = [
  { testId: 'remote-video-camera' },
  { testId: 'remote-video-document-camera' },
  { testId: 'remote-audio' },
];

/** Track ids the page renders now (to require fresh ones after a fault that replaces them). */
export async function renderedTrackIds(page: Page): Promise<Set<string>> {
  return new Set((await page.evaluate(readRenderedMedia)).map((stream) => stream.trackId));
}

/** The consultation the kiosk `kioskId` is part of on the server, with its status. */
export function consultationOfKiosk(
  server: TestServer,
  kioskId: string,
): { consultationId: ConsultationId; status: string } | undefined {
  for (const participant of server.app.services.registry.all()) {
    const { identity } = participant;
    if (identity.role !== 'kiosk' || identity.kioskId !== kioskId || !participant.consultationId) continue;
    const consultation = server.app.services.consultations.find(participant.consultationId);
    if (consultation) return { consultationId: consultation.id, status: consultation.status };
  }
  return undefined;
}

/** The consultation's status on the server (`undefined` once it is no longer live). */
export function statusOf(server: TestServer, consultationId: ConsultationId): string | undefined {
  return server.app.services.consultations.find(consultationId)?.status;
}

/** The pid of the media worker carrying the consultation's hub router. */
export function hubWorkerPid(server: TestServer, consultationId: ConsultationId): number {
  const { pool, consultations } = server.app.services;
  const hubId = consultations.find(consultationId)?.media?.hub.id;
  const pid = hubId === undefined ? undefined : pool.workerPidOf(hubId);
  if (pid === undefined) throw new Error(`consultation ${consultationId} has no hub router`);
  return pid;
}

/** Kills a media worker and waits until the pool has replaced it (10 s at most). */
export async function killWorker(server: TestServer, pid: number): Promise<void> {
  const { pool } = server.app.services;
  process.kill(pid, 'SIGKILL');
  const deadline = Date.now() + 10_000;
  while (pool.aliveCount !== pool.expectedCount || pool.pids.includes(pid)) {
    if (Date.now() > deadline) throw new Error(`media worker ${pid} was not replaced within 10 s`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * Cuts the booth's line for `outageMs` (at least 2 s) while the kiosk page is in a call; resolves
 * when the line is back, with that moment and whether every stream the kiosk rendered stood still
 * during the last second of the outage (else the line was not really down).
 */
export async function dropLine(
  line: BoothLine,
  kiosk: Page,
  outageMs: number,
): Promise<{ restoredAt: number; isMediaStopped: boolean }> {
  await line.drop();
  try {
    await kiosk.waitForTimeout(outageMs - 1_000);
    const early = await kiosk.evaluate(readRenderedMedia);
    await kiosk.waitForTimeout(1_000);
    const late = await kiosk.evaluate(readRenderedMedia);
    const isMediaStopped = late.every(
      (now) => (early.find((then) => then.trackId === now.trackId)?.count ?? 0) >= now.count,
    );
    await line.restore();
    return { restoredAt: Date.now(), isMediaStopped };
  } catch (error) {
    await line.restore();
    throw error;
  }
}

/** A server stopped and started again by `restartServer`, and when each half happened. */
export interface RestartedServer {
  server: TestServer;
  /** When the old server was told to stop (ms since the epoch). */
  stoppedAt: number;
  /** When the new one listened again on the same port. */
  listeningAt: number;
}

/**
 * Stops the server as a shutdown does (sockets cut, media closed, the queue's log kept) and starts
 * a new one on the same data folder and the same port, so that the pages reconnect to the URL
 * they already use. `env` is the new server's environment (the same as the old one's, usually).
 */
export async function restartServer(
  server: TestServer,
  env: Record<string, string> = {},
): Promise<RestartedServer> {
  const { dataDir } = server;
  const port = Number(new URL(server.url).port);
  const stoppedAt = Date.now();
  await server.close({ keepData: true });
  const restarted = await startTestServer(env, { dataDir, port });
  return { server: restarted, stoppedAt, listeningAt: Date.now() };
}
