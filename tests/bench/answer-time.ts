/**
 * How fast a call starts: "clerk accepts → both sides decoding" through our SFU, against a plain
 * peer-to-peer WebRTC set-up (offer/answer, ICE, DTLS, first frames) between two pages of the same
 * Chromium with their media already open. Both run on loopback, one call at a time.
 * Prints progress to stderr and one JSON line last.
 */
import type { Page } from 'playwright-core';
import { launchChromium } from '../support/browser.ts';
import {
  acceptAndMeasure,
  configureKiosk,
  hangUp,
  logInClerk,
  openPage,
  placeCall,
} from '../support/call-flow.ts';
import { startTestServer } from '../support/test-server.ts';

const runs = Number(process.env.BENCH_RUNS ?? 7);

const server = await startTestServer({ SERVE_CLIENTS: 'true', MEDIA_WORKERS: '2' });
const chromium = await launchChromium();
const origin = server.url.replace('127.0.0.1', 'localhost');

try {
  const sfu: number[] = [];
  const clerk = (await openPage(chromium.browser, `${origin}/console/`)).page;
  await logInClerk(clerk, 'suzuki-h', 'Suzuki');
  const kiosk = (await openPage(chromium.browser, `${origin}/kiosk/`)).page;
  await configureKiosk(kiosk, 'seiseki-2');
  for (let run = 0; run < runs; run++) {
    await placeCall(kiosk, 'juumin-idou');
    const ms = await acceptAndMeasure(clerk, kiosk);
    sfu.push(ms);
    process.stderr.write(`sfu run ${run + 1}: ${ms} ms\n`);
    await hangUp(clerk, kiosk);
  }

  const p2p: number[] = [];
  const a = (await openPage(chromium.browser, `${origin}/api/health`)).page;
  const b = (await openPage(chromium.browser, `${origin}/api/health`)).page;
  for (let run = 0; run < runs; run++) {
    const ms = await peerToPeerSetup(a, b);
    p2p.push(ms);
    process.stderr.write(`p2p run ${run + 1}: ${ms} ms\n`);
  }

  const sfuP50 = median(sfu);
  const p2pP50 = median(p2p);
  process.stdout.write(
    `${JSON.stringify({
      sfuAcceptToDecodingMs: { p50: sfuP50, runs: sfu },
      p2pSetupToDecodingMs: { p50: p2pP50, runs: p2p },
      ratio: Number((sfuP50 / p2pP50).toFixed(3)),
    })}\n`,
  );
} finally {
  await chromium.close();
  await server.close();
}

function median(values: number[]): number {
  const sorted = [...values].sort((x, y) => x - y);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** One plain WebRTC call between two pages, signalled through this process; media opened beforehand. */
async function peerToPeerSetup(a: Page, b: Page): Promise<number> {
  const prepare = async () => {
    const w = window as unknown as Record<string, unknown>;
    (w.pc as RTCPeerConnection | undefined)?.close();
    w.stream ??= await navigator.mediaDevices.getUserMedia({
      audio: true,
      video: { width: 640, height: 480 },
    });
    document.querySelector('video')?.remove();
    const pc = new RTCPeerConnection();
    w.pc = pc;
    w.firstFrameAt = 0;
    for (const track of (w.stream as MediaStream).getTracks()) pc.addTrack(track, w.stream as MediaStream);
    // Non-trickle ICE: resolves with the local description once every candidate is in it.
    w.gathered = () =>
      new Promise<RTCSessionDescriptionInit>((resolve) => {
        const done = () => resolve(pc.localDescription!.toJSON());
        if (pc.iceGatheringState === 'complete') done();
        else
          pc.addEventListener('icegatheringstatechange', () => pc.iceGatheringState === 'complete' && done());
      });
    pc.ontrack = (event) => {
      if (event.track.kind !== 'video') return;
      const video = document.createElement('video');
      video.muted = true;
      video.autoplay = true;
      video.srcObject = new MediaStream([event.track]);
      document.body.append(video);
      video.requestVideoFrameCallback(() => {
        w.firstFrameAt = Date.now();
      });
    };
  };
  await a.evaluate(prepare);
  await b.evaluate(prepare);

  type Peer = { pc: RTCPeerConnection; gathered: () => Promise<RTCSessionDescriptionInit> };
  const startedAt = Date.now();
  const offer = await a.evaluate(async () => {
    const peer = window as unknown as Peer;
    await peer.pc.setLocalDescription(await peer.pc.createOffer());
    return peer.gathered();
  });
  const answer = await b.evaluate(async (remote) => {
    const peer = window as unknown as Peer;
    await peer.pc.setRemoteDescription(remote);
    await peer.pc.setLocalDescription(await peer.pc.createAnswer());
    return peer.gathered();
  }, offer);
  await a.evaluate(async (remote) => {
    await (window as unknown as { pc: RTCPeerConnection }).pc.setRemoteDescription(remote);
  }, answer);
  const frames = await Promise.all(
    [a, b].map((page) =>
      page
        .waitForFunction(() => (window as unknown as { firstFrameAt: number }).firstFrameAt, undefined, {
          timeout: 20_000,
          polling: 10,
        })
        .then((handle) => handle.jsonValue() as Promise<number>),
    ),
  );
  return Math.max(...frames) - startedAt;
}
