import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ConsultationId } from '@madoguchi/shared';
import { launchChromium, type LaunchedBrowser } from '../support/browser.ts';
import { acceptAndMeasure, logIn, placeCall } from '../support/call-flow.ts';
import {
  clerkReceives,
  consultationOfKiosk,
  kioskReceives,
  openClerk,
  openKiosk,
  openWatchedPage,
  originOf,
  renderedTrackIds,
  restartServer,
  statusOf,
  waitForMediaFlowing,
  type WatchedPage,
} from '../support/call-recovery.ts';
import { testPassword } from '../support/identities.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { waitUntil } from '../support/wait.ts';

const repoRoot = path.resolve(import.meta.dirname, '../..');

const tanaka = { staffId: 'tanaka-y', displayName: '田中 由美' };
const kioskId = 'seiseki-1';
/** The pages reconnect with socket.io's back-off (up to 5 s between tries), then rebuild media. */
const backAfterRestartMs = 30_000;

/**
 * The server process stops and starts again (same data folder, same port) while real Chromium
 * pages are in a call or waiting for one: the queue's log brings the consultation back, the pages
 * reconnect to the same URL on new sessions and rebuild their media, and the resident carries on
 * where they were; nobody is sent to the survey or to wrap-up for a call that never ended.
 */
describe('a server restart in the middle of a consultation (Chromium)', () => {
  let chromium: LaunchedBrowser;
  let server: TestServer | undefined;
  const pages: WatchedPage[] = [];

  beforeAll(async () => {
    for (const app of ['kiosk-client', 'staff-console']) {
      if (!existsSync(path.join(repoRoot, app, 'dist/index.html'))) {
        throw new Error(
          `${app} is not built: run the test command from the README (it builds the front ends)`,
        );
      }
    }
    chromium = await launchChromium();
  });

  afterEach(async () => {
    for (const page of pages.splice(0)) await page.context.close().catch(() => undefined);
    await server?.close();
    server = undefined;
  });

  afterAll(async () => {
    await chromium?.close();
  });

  const env = { SERVE_CLIENTS: 'true' };

  const restart = async () => {
    const restarted = await restartServer(server!, env);
    server = restarted.server;
    return restarted;
  };

  /** Neither side ever left the consultation on screen. */
  const expectNeverLeft = (kiosk: WatchedPage, clerk: WatchedPage) => {
    expect(kiosk.screensSeen).not.toContain('survey-screen');
    expect(kiosk.screensSeen).not.toContain('call-failed-screen');
    expect(clerk.screensSeen).not.toContain('wrap-up-panel');
  };

  it('brings kiosk and clerk back to the same running call, media both ways', async () => {
    server = await startTestServer(env);
    const clerk = await openClerk(server, chromium.browser, tanaka);
    pages.push(clerk);
    const kiosk = await openKiosk(server, chromium.browser, kioskId);
    pages.push(kiosk);
    await placeCall(kiosk.page, 'juumin-idou');
    await acceptAndMeasure(clerk.page, kiosk.page);
    await waitForMediaFlowing(kiosk.page, kioskReceives);
    await waitForMediaFlowing(clerk.page, clerkReceives);
    const consultationId = consultationOfKiosk(server, kioskId)!.consultationId;
    expect(statusOf(server, consultationId)).toBe('active');
    const kioskTracks = await renderedTrackIds(kiosk.page);
    const clerkTracks = await renderedTrackIds(clerk.page);
    const attractShownBefore = kiosk.screensSeen.filter((id) => id === 'attract-screen').length;

    const { server: restarted, stoppedAt, listeningAt } = await restart();
    // The running call is restored from the queue's log before anyone is back.
    expect(restarted.app.services.consultations.find(consultationId)?.status).toBe('active');

    // Media of the new sessions (the tracks from before the restart do not count) plays again.
    const [kioskBack, clerkBack] = await Promise.all([
      waitForMediaFlowing(kiosk.page, kioskReceives, {
        excludeTrackIds: kioskTracks,
        timeoutMs: backAfterRestartMs,
      }),
      waitForMediaFlowing(clerk.page, clerkReceives, {
        excludeTrackIds: clerkTracks,
        timeoutMs: backAfterRestartMs,
      }),
    ]);
    console.log(
      `server restarted (stop took ${listeningAt - stoppedAt} ms) -> media again from listening: ` +
        `kiosk ${kioskBack.at - listeningAt} ms, clerk ${clerkBack.at - listeningAt} ms`,
    );

    await expectSameCall(restarted, consultationId, kiosk, clerk);
    // Still the call screen on both sides, and the kiosk was never wiped back to its start.
    expect(kiosk.screensSeen.filter((id) => id === 'attract-screen').length).toBe(attractShownBefore);
    expectNeverLeft(kiosk, clerk);
  });

  it('keeps the waiting resident’s call across a restart; the clerk who then goes available answers it', async () => {
    server = await startTestServer(env);
    const { accounts } = server.app.services.auth;
    await accounts.create({ ...tanaka, role: 'clerk', password: testPassword });
    // Signed in but not taking calls yet, so the call waits in the queue through the restart.
    const clerk = await openWatchedPage(chromium.browser, `${originOf(server)}/console/`);
    pages.push(clerk);
    await logIn(clerk.page, tanaka.staffId, testPassword);
    await clerk.page.getByTestId('status-available').waitFor();
    const kiosk = await openKiosk(server, chromium.browser, kioskId);
    pages.push(kiosk);
    await placeCall(kiosk.page, 'juumin-idou');
    const consultationId = consultationOfKiosk(server, kioskId)!.consultationId;
    expect(statusOf(server, consultationId)).toBe('waiting');

    const screensBefore = kiosk.screensSeen.length;
    const { server: restarted } = await restart();
    expect(statusOf(restarted, consultationId)).toBe('waiting');
    // The kiosk comes back to the same queued consultation, still waiting on screen.
    await waitUntil(
      () => consultationOfKiosk(restarted, kioskId)?.consultationId === consultationId,
      backAfterRestartMs,
    ).catch((error: unknown) => {
      throw new Error(
        `the kiosk is not back in consultation ${consultationId}: the server has it in ` +
          `${JSON.stringify(consultationOfKiosk(restarted, kioskId))}, the kiosk showed ` +
          `${JSON.stringify(kiosk.screensSeen.slice(screensBefore))} since the restart`,
        { cause: error },
      );
    });
    expect(kiosk.screensSeen.slice(screensBefore), 'kiosk screens since the restart').not.toContain(
      'attract-screen',
    );
    await kiosk.page.getByTestId('waiting-screen').waitFor({ timeout: 1_000 });
    // The console is back on its new session (its status buttons answer again).
    await waitUntil(
      () => restarted.app.services.registry.findClerk(tanaka.staffId) !== undefined,
      backAfterRestartMs,
    );

    await clerk.page.getByTestId('status-available').click();
    await acceptAndMeasure(clerk.page, kiosk.page);
    await kiosk.page.getByTestId('in-call-screen').waitFor();
    await clerk.page.getByTestId('in-call-screen').waitFor();
    await waitForMediaFlowing(kiosk.page, kioskReceives);
    await waitForMediaFlowing(clerk.page, clerkReceives);
    await expectSameCall(restarted, consultationId, kiosk, clerk);
    expectNeverLeft(kiosk, clerk);
  });
});

/** The kiosk is in the same consultation on the server, running, and both pages show the call. */
async function expectSameCall(
  server: TestServer,
  consultationId: ConsultationId,
  kiosk: WatchedPage,
  clerk: WatchedPage,
): Promise<void> {
  expect(consultationOfKiosk(server, kioskId)?.consultationId).toBe(consultationId);
  expect(statusOf(server, consultationId)).toBe('active');
  expect(server.app.services.registry.findClerk(tanaka.staffId)?.consultationId).toBe(consultationId);
  await kiosk.page.getByTestId('in-call-screen').waitFor({ timeout: 1_000 });
  await clerk.page.getByTestId('in-call-screen').waitFor({ timeout: 1_000 });
}
