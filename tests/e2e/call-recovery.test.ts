import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ConsultationId } from '@madoguchi/shared';
import { BoothLine } from '../support/booth-line.ts';
import { launchChromium, type LaunchedBrowser } from '../support/browser.ts';
import { acceptAndMeasure, placeCall } from '../support/call-flow.ts';
import {
  clerkReceives,
  consultationOfKiosk,
  dropLine,
  hubWorkerPid,
  killWorker,
  kioskReceives,
  openClerk,
  openKiosk,
  renderedTrackIds,
  statusOf,
  waitForMediaFlowing,
  type WatchedPage,
} from '../support/call-recovery.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

const repoRoot = path.resolve(import.meta.dirname, '../..');

const tanaka = { staffId: 'tanaka-y', displayName: '田中 由美' };
const watanabe = { staffId: 'watanabe-s', displayName: '渡辺 翔太' };

/**
 * Faults in the middle of a real call (Chromium, SFU, one media worker unless said otherwise): after
 * each, media flows again both ways (frames decoded and audio packets received grow on the very
 * elements on screen, read twice a moment apart through getStats), the consultation is the same
 * one and still running on the server, and the resident never saw the survey. Each test has a
 * server of its own, so that a call one test leaves behind cannot ring on the next one's clerk.
 */
describe('calls that survive faults (Chromium)', () => {
  let chromium: LaunchedBrowser;
  let server: TestServer | undefined;
  const pages: WatchedPage[] = [];
  /** Cleaned up after each test: a booth line and the Chromium behind it. */
  const extras: { close: () => Promise<void> }[] = [];

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
    for (const extra of extras.splice(0).reverse()) await extra.close();
  });

  afterAll(async () => {
    await chromium?.close();
  });

  const start = async (env: Record<string, string> = {}) => {
    server = await startTestServer({ SERVE_CLIENTS: 'true', ...env });
    return server;
  };
  const clerkPage = async (account: typeof tanaka, origin?: string) => {
    const clerk = await openClerk(server!, chromium.browser, account, origin);
    pages.push(clerk);
    return clerk;
  };
  const kioskPage = async (browser = chromium, origin?: string) => {
    const kiosk = await openKiosk(server!, browser.browser, 'seiseki-1', origin);
    pages.push(kiosk);
    return kiosk;
  };

  /** A running call between the clerk and the kiosk, media flowing both ways; its consultation id. */
  const answer = async (clerk: WatchedPage, kiosk: WatchedPage): Promise<ConsultationId> => {
    await placeCall(kiosk.page, 'juumin-idou');
    await acceptAndMeasure(clerk.page, kiosk.page);
    await kiosk.page.getByTestId('in-call-screen').waitFor();
    await clerk.page.getByTestId('in-call-screen').waitFor();
    await waitForMediaFlowing(kiosk.page, kioskReceives);
    await waitForMediaFlowing(clerk.page, clerkReceives);
    const call = consultationOfKiosk(server!, 'seiseki-1');
    expect(call?.status).toBe('active');
    return call!.consultationId;
  };

  /** Nothing of the call was lost: same consultation, still running, neither side left the call. */
  const expectCallKept = async (consultationId: ConsultationId, kiosk: WatchedPage, clerk: WatchedPage) => {
    expect(consultationOfKiosk(server!, 'seiseki-1')?.consultationId).toBe(consultationId);
    expect(statusOf(server!, consultationId)).toBe('active');
    await kiosk.page.getByTestId('in-call-screen').waitFor({ timeout: 1_000 });
    await clerk.page.getByTestId('in-call-screen').waitFor({ timeout: 1_000 });
    expect(kiosk.screensSeen).not.toContain('survey-screen');
    expect(kiosk.screensSeen).not.toContain('call-failed-screen');
    expect(clerk.screensSeen).not.toContain('wrap-up-panel');
  };

  it('goes on when the media worker carrying the whole call is killed', async () => {
    await start();
    const clerk = await clerkPage(tanaka);
    const kiosk = await kioskPage();
    const consultationId = await answer(clerk, kiosk);
    const kioskTracks = await renderedTrackIds(kiosk.page);
    const clerkTracks = await renderedTrackIds(clerk.page);

    const killedAt = Date.now();
    await killWorker(server!, hubWorkerPid(server!, consultationId));
    // Every track is replaced by one of the rebuilt session, and that one plays.
    const kioskBack = await waitForMediaFlowing(kiosk.page, kioskReceives, { excludeTrackIds: kioskTracks });
    const clerkBack = await waitForMediaFlowing(clerk.page, clerkReceives, { excludeTrackIds: clerkTracks });
    console.log(
      `worker killed -> media again: kiosk ${kioskBack.at - killedAt} ms, clerk ${clerkBack.at - killedAt} ms`,
    );
    await expectCallKept(consultationId, kiosk, clerk);
  });

  it('gives both sides media in a call answered after the worker died while the clerk was available', async () => {
    await start();
    const clerk = await clerkPage(tanaka);
    const kiosk = await kioskPage();
    const [pid] = server!.app.services.pool.pids;
    await killWorker(server!, pid!);
    // The clerk stays available and the desk comes back by itself; then a resident calls.
    await clerk.page.getByTestId('idle-screen').waitFor();

    const consultationId = await answer(clerk, kiosk);
    await expectCallKept(consultationId, kiosk, clerk);
  });

  it('lets the resident hear both clerks when a colleague of another department is invited', async () => {
    await start();
    const clerk = await clerkPage(tanaka);
    const colleague = await clerkPage(watanabe);
    const kiosk = await kioskPage();
    const consultationId = await answer(clerk, kiosk);

    await clerk.page.getByTestId('invite-open').click();
    await clerk.page.locator(`[data-testid=invite-colleague-${watanabe.staffId}] input`).check();
    await clerk.page.getByTestId('invite-confirm').click();
    await colleague.page.getByTestId('invitation-panel').waitFor();
    await colleague.page.getByTestId('invitation-join').click();
    await colleague.page.getByTestId('in-call-screen').waitFor();
    await kiosk.page.locator('[data-testid=clerk-name][data-count="2"]').waitFor();

    // Two microphones, one per clerk, both heard; the first clerk large, the colleague small.
    await waitForMediaFlowing(kiosk.page, [
      { testId: 'remote-audio', count: 2, isPerParticipant: true },
      { testId: 'remote-video-camera' },
      { testId: 'remote-video-staff-camera' },
    ]);
    // Each clerk's console receives the resident (and the other clerk's microphone).
    await waitForMediaFlowing(clerk.page, clerkReceives);
    await waitForMediaFlowing(colleague.page, [
      ...clerkReceives,
      { testId: 'remote-audio', count: 2, isPerParticipant: true },
    ]);
    await expectCallKept(consultationId, kiosk, clerk);
    expect(colleague.screensSeen).not.toContain('wrap-up-panel');
  });

  it('keeps the first clerk’s audio and video at the kiosk when the transfer is declined', async () => {
    await start();
    const clerk = await clerkPage(tanaka);
    const specialist = await clerkPage(watanabe);
    const kiosk = await kioskPage();
    const consultationId = await answer(clerk, kiosk);
    const clerkParticipantId = server!.app.services.registry.findClerk(tanaka.staffId)!.id;

    await clerk.page.getByTestId('transfer-open').click();
    await clerk.page.getByTestId('transfer-procedure').selectOption('kokuho-nenkin');
    await clerk.page.getByTestId('transfer-confirm').click();
    await kiosk.page.getByTestId('transfer-notice').waitFor();
    await specialist.page.getByTestId('offer-transfer').waitFor();
    await specialist.page.getByTestId('decline-button').click();
    await specialist.page.getByTestId('offer-panel').waitFor({ state: 'detached' });
    // The ringing specialist's tracks are gone from the kiosk; the first clerk's stay and play.
    await kiosk.page.waitForFunction(
      (id) =>
        [...document.querySelectorAll('[data-participant-id]')].every(
          (element) => element.getAttribute('data-participant-id') === id,
        ),
      clerkParticipantId,
      { timeout: 10_000 },
    );
    await waitForMediaFlowing(kiosk.page, [
      { testId: 'remote-video-camera', participantId: clerkParticipantId },
      { testId: 'remote-audio', participantId: clerkParticipantId },
    ]);
    await waitForMediaFlowing(clerk.page, clerkReceives);
    await expectCallKept(consultationId, kiosk, clerk);
  });

  it('comes back to the same call, media both ways, when the kiosk page is reloaded', async () => {
    await start();
    const clerk = await clerkPage(tanaka);
    const kiosk = await kioskPage();
    const consultationId = await answer(clerk, kiosk);
    const clerkTracks = await renderedTrackIds(clerk.page);

    await kiosk.page.reload();
    await kiosk.page.getByTestId('in-call-screen').waitFor({ timeout: 15_000 });
    await waitForMediaFlowing(kiosk.page, kioskReceives);
    // The resident's tracks reach the clerk anew, from the reloaded page.
    await waitForMediaFlowing(clerk.page, clerkReceives, { excludeTrackIds: clerkTracks });
    await expectCallKept(consultationId, kiosk, clerk);
  });

  it('holds the call through a 10 s cut of the kiosk’s line, signalling and media alike', async () => {
    // The kiosk's Chromium runs behind a line of its own (a network namespace joined by a veth
    // pair); the server listens on this host's end of it, where the console reaches it too.
    const line = await BoothLine.create();
    extras.push(line);
    const booth = await launchChromium([], { executablePath: line.executablePath });
    extras.push(booth);
    const address = line.hostAddress;
    await start({ HOST: address, MEDIA_LISTEN_IP: address, MEDIA_ANNOUNCED_ADDRESS: address });
    const origin = `https://${address}:${new URL(server!.url).port}`;
    const clerk = await clerkPage(tanaka, origin);
    const kiosk = await kioskPage(booth, origin);
    const consultationId = await answer(clerk, kiosk);

    const { restoredAt, isMediaStopped } = await dropLine(line, kiosk.page, 10_000);
    expect(isMediaStopped, 'the kiosk received nothing while its line was down').toBe(true);
    const kioskBack = await waitForMediaFlowing(kiosk.page, kioskReceives);
    const clerkBack = await waitForMediaFlowing(clerk.page, clerkReceives);
    console.log(
      `line back -> media again: kiosk ${kioskBack.at - restoredAt} ms, clerk ${clerkBack.at - restoredAt} ms`,
    );
    await expectCallKept(consultationId, kiosk, clerk);
  });
});
