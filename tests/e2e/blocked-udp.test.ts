import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BoothLine } from '../support/booth-line.ts';
import { launchChromium, type LaunchedBrowser } from '../support/browser.ts';
import { acceptAndMeasure, placeCall } from '../support/call-flow.ts';
import {
  clerkReceives,
  consultationOfKiosk,
  kioskReceives,
  openClerk,
  openKiosk,
  waitForMediaFlowing,
  type WatchedPage,
} from '../support/call-recovery.ts';
import { readIcePairs } from '../support/ice-pairs.ts';
import { forwardTcp } from '../support/tcp-forwarder.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';
import { requireTestTurn } from '../support/test-turn.ts';

const repoRoot = path.resolve(import.meta.dirname, '../..');

const tanaka = { staffId: 'tanaka-y', displayName: '田中 由美' };
const kioskId = 'seiseki-1';

/**
 * A booth whose network lets no UDP out (common in municipal networks): the kiosk's Chromium runs
 * behind a line of its own (tests/support/booth-line.ts) whose firewall drops it. Without UDP the
 * call goes over ICE-TCP to the SFU's TCP port; when that is shut too and only HTTPS and TURN over
 * TLS get out, through the TURN server the server hands out (the policy is not relay-only: the
 * browser finds out by itself that nothing else works). The console, at headquarters, is not
 * filtered.
 */
describe('a booth that lets no UDP out (Chromium)', () => {
  let chromium: LaunchedBrowser;
  let server: TestServer | undefined;
  const pages: WatchedPage[] = [];
  /** Closed after each test, last opened first: the line, its Chromium, a forwarder. */
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

  const openLine = async () => {
    const line = await BoothLine.create();
    extras.push(line);
    return line;
  };

  /** An answered call, kiosk behind the line; media flowing both ways. */
  const answer = async (origin: string, booth: LaunchedBrowser) => {
    const clerk = await openClerk(server!, chromium.browser, tanaka, origin);
    pages.push(clerk);
    const kiosk = await openKiosk(server!, booth.browser, kioskId, origin);
    pages.push(kiosk);
    await placeCall(kiosk.page, 'juumin-idou');
    await acceptAndMeasure(clerk.page, kiosk.page);
    await kiosk.page.getByTestId('in-call-screen').waitFor();
    await waitForMediaFlowing(kiosk.page, kioskReceives);
    await waitForMediaFlowing(clerk.page, clerkReceives);
    expect(consultationOfKiosk(server!, kioskId)?.status).toBe('active');
    return { clerk, kiosk };
  };

  it('carries the call over ICE-TCP when UDP is dropped', async () => {
    const line = await openLine();
    const address = line.hostAddress;
    // The SFU on this host's end of the line, where the kiosk can reach its TCP port.
    server = await startTestServer({
      SERVE_CLIENTS: 'true',
      HOST: address,
      MEDIA_LISTEN_IP: address,
      MEDIA_ANNOUNCED_ADDRESS: address,
    });
    await line.firewall({ kind: 'no-udp' });
    const booth = await launchChromium([], { executablePath: line.executablePath });
    extras.push(booth);
    const { kiosk } = await answer(`https://${address}:${new URL(server.url).port}`, booth);

    const pairs = await kiosk.page.evaluate(readIcePairs);
    // A send and a receive transport, each on a TCP pair straight to the SFU.
    expect(pairs.length, 'connected transports at the kiosk').toBeGreaterThanOrEqual(2);
    for (const pair of pairs) {
      expect(pair).toMatchObject({ protocol: 'tcp', remoteAddress: address });
      expect(pair.localType).not.toBe('relay');
    }
    // The kiosk did try UDP, and the booth's firewall stopped it.
    expect((await line.droppedPackets()).udp).toBeGreaterThan(0);
    console.log(`ICE-TCP at the booth: ${JSON.stringify(pairs)}`);
  });

  it('relays the call through TURN over TLS when only HTTPS and TURN get out', async () => {
    const turn = await requireTestTurn();
    const line = await openLine();
    const address = line.hostAddress;
    // The test coturn listens on loopback only; the booth reaches it through a forwarder on its
    // line (TLS stays end to end, the certificate is the coturn's own).
    const [, turnHost, turnPort] = /^turns?:([^:?]+):(\d+)/.exec(turn.url)!;
    const forwarder = await forwardTcp(address, { host: turnHost!, port: Number(turnPort) });
    extras.push(forwarder);
    const turnUrl = `turns:${address}:${forwarder.port}?transport=tcp`;
    // Pages on the line's address; the SFU on loopback, which coturn may relay to and the booth
    // cannot reach by itself.
    server = await startTestServer({
      SERVE_CLIENTS: 'true',
      HOST: address,
      TURN_URLS: turnUrl,
      TURN_SHARED_SECRET: turn.secret,
    });
    const httpsPort = Number(new URL(server.url).port);
    await line.firewall({ kind: 'tcp-only-to', ports: [httpsPort, forwarder.port] });
    const booth = await launchChromium([`--ignore-certificate-errors-spki-list=${turn.certificateSpki}`], {
      executablePath: line.executablePath,
    });
    extras.push(booth);
    const { kiosk } = await answer(`https://${address}:${httpsPort}`, booth);

    const pairs = await kiosk.page.evaluate(readIcePairs);
    expect(pairs.length, 'connected transports at the kiosk').toBeGreaterThanOrEqual(2);
    for (const pair of pairs) {
      expect(pair).toMatchObject({
        localType: 'relay',
        relayProtocol: 'tls',
        url: turnUrl,
        remoteAddress: '127.0.0.1',
      });
    }
    console.log(`TURN/TLS at the booth: ${JSON.stringify(pairs)}`);
  });
});
