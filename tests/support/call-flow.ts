import type { Browser, BrowserContext, Page } from 'playwright-core';
import { installMediaProbe, readInboundStats, type InboundSummary } from './media-probe.ts';

/** Page-level steps of a call, shared by the end-to-end tests and the answer-time benchmark. */

export async function openPage(
  browser: Browser,
  url: string,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    ignoreHTTPSErrors: true,
    viewport: { width: 1280, height: 800 },
  });
  await context.addInitScript(installMediaProbe);
  const page = await context.newPage();
  await page.goto(url);
  return { context, page };
}

/** Logs a member of staff in through the console's login form. */
export async function logIn(page: Page, staffId: string, password: string): Promise<void> {
  await page.getByTestId('login-screen').waitFor();
  await page.getByTestId('login-staff-id').fill(staffId);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}

/** A clerk logs in and starts taking calls. */
export async function logInClerk(page: Page, staffId: string, password: string): Promise<void> {
  await logIn(page, staffId, password);
  await page.getByTestId('status-available').click();
  await page.getByTestId('idle-screen').waitFor();
}

/** First start of a kiosk: the operator enrolls it with a code and maps the two cameras once. */
export async function enrollKiosk(page: Page, enrollmentCode: string): Promise<void> {
  await page.getByTestId('settings-screen').waitFor();
  await page.getByTestId('settings-enrollment-code').fill(enrollmentCode);
  await page.getByTestId('settings-face-camera').selectOption({ label: 'fake_device_0' });
  await page.getByTestId('settings-document-camera').selectOption({ label: 'fake_device_3' });
  await page.getByTestId('settings-save').click();
  await page.getByTestId('attract-screen').waitFor();
}

/** A resident walks up: touches the attract screen and picks a language. */
export async function startVisit(kiosk: Page, language = 'ja'): Promise<void> {
  await kiosk.getByTestId('attract-screen').waitFor();
  await kiosk.getByTestId('start-button').click();
  await kiosk.getByTestId(`language-${language}`).click();
  await kiosk.getByTestId('idle-screen').waitFor();
}

/**
 * The resident picks a procedure and calls; resolves once the kiosk, while it waits, is publishing
 * both cameras and both its transports are connected (as they are after a few seconds of waiting).
 */
export async function placeCall(kiosk: Page, procedureId: string, language = 'ja'): Promise<void> {
  if (await kiosk.getByTestId('attract-screen').isVisible()) await startVisit(kiosk, language);
  await kiosk.getByTestId(`procedure-${procedureId}`).click();
  await kiosk.getByTestId('call-button').click();
  await kiosk.getByTestId('waiting-screen').waitFor();
  await kiosk.waitForFunction(
    async () => {
      const probe = (window as unknown as { __probe: { connections: RTCPeerConnection[] } }).__probe;
      const live = probe.connections.filter((connection) => connection.connectionState === 'connected');
      if (live.length < 2) return false;
      for (const connection of live) {
        const report = await connection.getStats();
        let sending = 0;
        report.forEach((stat: Record<string, unknown>) => {
          if (stat.type === 'outbound-rtp' && stat.kind === 'video' && Number(stat.framesEncoded ?? 0) > 0)
            sending++;
        });
        if (sending >= 2) return true;
      }
      return false;
    },
    undefined,
    { timeout: 20_000, polling: 100 },
  );
}

const firstFrameAt = (page: Page, testId: string) =>
  page
    .waitForFunction(
      (id) =>
        (window as unknown as { __probe: { firstFrameAt: Record<string, number> } }).__probe.firstFrameAt[id],
      testId,
      { timeout: 20_000, polling: 10 },
    )
    .then((handle) => handle.jsonValue() as Promise<number>);

/**
 * A clerk reads who is calling before answering; the server uses that moment to pipe media
 * between the clerk's desk and the consultation. (An answer within ~300 ms of the ring runs into
 * the browser's key-frame request throttle and mediasoup's one-second retry instead.)
 */
export const clerkReadingMs = 1_000;

/**
 * Clicks accept once the offer has been read, and measures until the clerk decodes the resident's
 * face and document camera and the kiosk decodes the clerk: the slowest of the three first frames.
 */
export async function acceptAndMeasure(clerk: Page, kiosk: Page): Promise<number> {
  await clerk.getByTestId('offer-panel').waitFor();
  await clerk.waitForTimeout(clerkReadingMs);
  for (const page of [clerk, kiosk]) {
    await page.evaluate(() => {
      const probe = (window as unknown as { __probe: { firstFrameAt: object; clickedAt: object } }).__probe;
      probe.firstFrameAt = {};
      probe.clickedAt = {};
    });
  }
  await clerk.getByTestId('accept-button').click();
  const frames = await Promise.all([
    firstFrameAt(clerk, 'remote-video-camera'),
    firstFrameAt(clerk, 'remote-video-document-camera'),
    firstFrameAt(kiosk, 'remote-video-camera'),
  ]);
  // From the click as the console page received it (not from the test driver's call).
  const acceptedAt = await clerk.evaluate(
    () =>
      (window as unknown as { __probe: { clickedAt: Record<string, number> } }).__probe.clickedAt[
        'accept-button'
      ]!,
  );
  return Math.max(...frames) - acceptedAt;
}

/** The clerk ends the call; the resident skips the survey and the kiosk wipes back to the start. */
export async function hangUp(clerk: Page, kiosk: Page): Promise<void> {
  await clerk.getByTestId('hang-up-button').click();
  await clerk.getByTestId('idle-screen').waitFor();
  await kiosk.getByTestId('survey-screen').waitFor();
  await kiosk.getByTestId('survey-skip').click();
  await kiosk.getByTestId('thanks-screen').waitFor();
  await kiosk.getByTestId('thanks-done').click();
  await kiosk.getByTestId('attract-screen').waitFor();
}

/** Polls getStats() in the page until the expectation holds (20 s at most). */
export async function waitForInboundMedia(
  page: Page,
  expectation: (stats: InboundSummary) => boolean,
): Promise<InboundSummary> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const stats = await page.evaluate(readInboundStats);
    if (expectation(stats)) return stats;
    if (Date.now() > deadline) throw new Error(`media did not arrive: ${JSON.stringify(stats)}`);
    await page.waitForTimeout(200);
  }
}
