import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, type LaunchedBrowser } from '../support/browser.ts';
import {
  acceptAndMeasure,
  enrollKiosk,
  hangUp,
  logInClerk,
  openPage,
  placeCall,
  waitForInboundMedia,
} from '../support/call-flow.ts';
import { testPassword } from '../support/identities.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

const repoRoot = path.resolve(import.meta.dirname, '../..');
const artifacts = path.join(repoRoot, 'test-results');

describe('a resident and a clerk in a real call through the SFU (Chromium)', () => {
  let server: TestServer;
  let chromium: LaunchedBrowser;
  let origin: string;

  beforeAll(async () => {
    for (const app of ['kiosk-client', 'staff-console']) {
      if (!existsSync(path.join(repoRoot, app, 'dist/index.html'))) {
        throw new Error(
          `${app} is not built: run the test command from the README (it builds the front ends)`,
        );
      }
    }
    server = await startTestServer({ SERVE_CLIENTS: 'true', MEDIA_WORKERS: '2' });
    // localhost is a secure context, so cameras work despite the self-signed certificate.
    origin = server.url.replace('127.0.0.1', 'localhost');
    chromium = await launchChromium();
    await mkdir(artifacts, { recursive: true });
  });

  afterAll(async () => {
    await chromium?.close();
    await server?.close();
  });

  it('connects, every remote track decodes on both sides, and both return to idle after hang-up', async () => {
    const { accounts, enrollment } = server.app.services.auth;
    await accounts.create({
      staffId: 'tanaka-y',
      displayName: '田中 陽子',
      role: 'clerk',
      password: testPassword,
    });
    const consoleSide = await openPage(chromium.browser, `${origin}/console/`);
    const clerk = consoleSide.page;
    await logInClerk(clerk, 'tanaka-y', testPassword);

    const kioskSide = await openPage(chromium.browser, `${origin}/kiosk/`);
    const kiosk = kioskSide.page;
    await enrollKiosk(kiosk, (await enrollment.createCode('seiseki-1', 'test')).code);
    await kiosk.screenshot({ path: path.join(artifacts, 'kiosk-idle.png') });

    await placeCall(kiosk, 'juumin-idou');
    await clerk.getByTestId('offer-panel').waitFor();
    await clerk.screenshot({ path: path.join(artifacts, 'console-offer.png') });

    const acceptToDecodingMs = await acceptAndMeasure(clerk, kiosk);
    await kiosk.getByTestId('in-call-screen').waitFor();
    await clerk.getByTestId('in-call-screen').waitFor();

    // The clerk decodes the face and the document camera and hears the resident; the kiosk
    // decodes the clerk's camera and hears the clerk.
    const clerkStats = await waitForInboundMedia(
      clerk,
      (s) =>
        s.videoFramesDecoded.filter((n) => n > 0).length >= 2 && s.audioPacketsReceived.some((n) => n > 0),
    );
    const kioskStats = await waitForInboundMedia(
      kiosk,
      (s) => s.videoFramesDecoded.some((n) => n > 0) && s.audioPacketsReceived.some((n) => n > 0),
    );
    expect(clerkStats.videoFramesDecoded.filter((n) => n > 0).length).toBeGreaterThanOrEqual(2);
    expect(kioskStats.audioPacketsReceived.some((n) => n > 0)).toBe(true);
    await clerk.screenshot({ path: path.join(artifacts, 'console-in-call.png') });
    await kiosk.screenshot({ path: path.join(artifacts, 'kiosk-in-call.png') });

    const metrics = { acceptToDecodingMs, clerkStats, kioskStats };
    console.log(`clerk accepts -> both sides decoding: ${acceptToDecodingMs} ms ${JSON.stringify(metrics)}`);
    await writeFile(path.join(artifacts, 'e2e-call-metrics.json'), JSON.stringify(metrics, null, 2));

    await hangUp(clerk, kiosk);
    expect(await clerk.getByTestId('in-call-screen').count()).toBe(0);
    expect(await kiosk.getByTestId('remote-video-camera').count()).toBe(0);

    await kioskSide.context.close();
    await consoleSide.context.close();
  });
});
