import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openClerkAndKiosk } from '../support/booth-pages.ts';
import type { LaunchedBrowser } from '../support/browser.ts';
import { acceptAndMeasure, hangUp, placeCall, waitForInboundMedia } from '../support/call-flow.ts';
import type { InboundSummary } from '../support/media-probe.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { readIcePairs } from '../support/ice-pairs.ts';
import { launchChromiumTrustingTurn, requireTestTurn, type TestTurn } from '../support/test-turn.ts';

const repoRoot = path.resolve(import.meta.dirname, '../..');

/**
 * A booth whose network lets nothing out but TLS: the server hands out its TURN server with the
 * relay-only policy, so every packet of the call goes browser → coturn → SFU and back. The TURN
 * URL is `turns:` (TURN over TLS on TCP) to the test coturn on loopback, whose self-signed
 * certificate Chromium is told to trust by its public key (`--ignore-certificate-errors-spki-list`;
 * see tests/support/test-turn.ts). Fails, saying how to start it, when that coturn is not running.
 */
describe('a call whose media flows only through TURN over TLS (Chromium, coturn)', () => {
  let turn: TestTurn;
  let server: TestServer;
  let chromium: LaunchedBrowser;

  beforeAll(async () => {
    turn = await requireTestTurn();
    for (const app of ['kiosk-client', 'staff-console']) {
      if (!existsSync(path.join(repoRoot, app, 'dist/index.html'))) {
        throw new Error(
          `${app} is not built: run the test command from the README (it builds the front ends)`,
        );
      }
    }
    server = await startTestServer({
      SERVE_CLIENTS: 'true',
      TURN_URLS: turn.url,
      TURN_SHARED_SECRET: turn.secret,
      TURN_RELAY_ONLY: 'true',
    });
    chromium = await launchChromiumTrustingTurn(turn);
  });

  afterAll(async () => {
    await chromium?.close();
    await server?.close();
  });

  it('relays audio and video both ways, every transport on a relay candidate', async () => {
    const { clerk, kiosk } = await openClerkAndKiosk(
      server,
      chromium,
      { staffId: 'tanaka-y', displayName: '田中 陽子' },
      'seiseki-1',
    );
    // placeCall returns once both kiosk transports are connected, which with the relay-only
    // policy means through coturn.
    await placeCall(kiosk, 'juumin-idou');
    const acceptToDecodingMs = await acceptAndMeasure(clerk, kiosk);
    await kiosk.getByTestId('in-call-screen').waitFor();
    await clerk.getByTestId('in-call-screen').waitFor();

    // The clerk decodes the face and the document camera and hears the resident; the kiosk
    // decodes the clerk and hears them.
    const clerkBefore = await waitForInboundMedia(
      clerk,
      (s) => decoding(s) >= 2 && s.audioPacketsReceived.some((n) => n > 0),
    );
    const kioskBefore = await waitForInboundMedia(
      kiosk,
      (s) => decoding(s) >= 1 && s.audioPacketsReceived.some((n) => n > 0),
    );
    // Still flowing a moment later, not a burst before the relay gave out.
    const clerkAfter = await waitForInboundMedia(clerk, (s) => isGrowing(clerkBefore, s));
    const kioskAfter = await waitForInboundMedia(kiosk, (s) => isGrowing(kioskBefore, s));
    expect(isGrowing(clerkBefore, clerkAfter)).toBe(true);
    expect(isGrowing(kioskBefore, kioskAfter)).toBe(true);

    for (const [side, page] of [
      ['kiosk', kiosk],
      ['clerk', clerk],
    ] as const) {
      const pairs = await page.evaluate(readIcePairs);
      // A send and a receive transport per page, each through the test coturn over TLS to the SFU.
      expect(pairs.length, `${side}: connected transports`).toBeGreaterThanOrEqual(2);
      for (const pair of pairs) {
        expect(pair, side).toMatchObject({
          localType: 'relay',
          relayProtocol: 'tls',
          url: turn.url,
          remoteAddress: '127.0.0.1',
        });
      }
    }
    console.log(
      `through TURN/TLS: clerk accepts -> both sides decoding in ${acceptToDecodingMs} ms; ` +
        JSON.stringify({ clerk: clerkAfter, kiosk: kioskAfter }),
    );

    await hangUp(clerk, kiosk);
    expect(await kiosk.getByTestId('remote-video-camera').count()).toBe(0);
  });
});

/** Inbound video streams that have decoded at least one frame. */
function decoding(stats: InboundSummary): number {
  return stats.videoFramesDecoded.filter((n) => n > 0).length;
}

/**
 * Some stream was decoding (and receiving audio) before, and every one that was has moved on since. Streams are
 * matched by position, which holds while no track is added or removed.
 */
function isGrowing(before: InboundSummary, after: InboundSummary): boolean {
  const grew = (was: number[], now: number[]) =>
    was.some((n) => n > 0) && was.every((n, i) => n === 0 || (now[i] ?? 0) > n);
  return (
    after.videoFramesDecoded.length === before.videoFramesDecoded.length &&
    grew(before.videoFramesDecoded, after.videoFramesDecoded) &&
    grew(before.audioPacketsReceived, after.audioPacketsReceived)
  );
}
