/**
 * How fast a call starts: "clerk accepts → both sides decoding" through our SFU, against a plain
 * peer-to-peer WebRTC set-up of the same call (the kiosk sends face camera, 1080p document camera
 * and microphone; the clerk sends camera and microphone) between two pages of the same Chromium,
 * media already open, signalled through this process. Both on loopback, one call at a time; the
 * time runs from the click (SFU) or the first offer (P2P) to the last of the three first frames.
 * Prints progress to stderr and one JSON line last.
 */
import type { Page } from 'playwright-core';
import { launchChromium } from '../support/browser.ts';
import {
  acceptAndMeasure,
  clerkReadingMs,
  enrollKiosk,
  hangUp,
  logInClerk,
  openPage,
  placeCall,
} from '../support/call-flow.ts';
import { testPassword } from '../support/identities.ts';
import { startTestServer } from '../support/test-server.ts';

const runs = Number(process.env.BENCH_RUNS ?? 7);

const server = await startTestServer({ SERVE_CLIENTS: 'true', MEDIA_WORKERS: '2' });
const chromium = await launchChromium();
const origin = server.url.replace('127.0.0.1', 'localhost');

try {
  const sfu: number[] = [];
  const { accounts, enrollment } = server.app.services.auth;
  await accounts.create({ staffId: 'suzuki-h', displayName: '鈴木', role: 'clerk', password: testPassword });
  const clerk = (await openPage(chromium.browser, `${origin}/console/`)).page;
  await logInClerk(clerk, 'suzuki-h', testPassword);
  const kiosk = (await openPage(chromium.browser, `${origin}/kiosk/`)).page;
  await enrollKiosk(kiosk, (await enrollment.createCode('seiseki-2', 'bench')).code);
  for (let run = 0; run < runs; run++) {
    await placeCall(kiosk, 'juumin-idou');
    const ms = await acceptAndMeasure(clerk, kiosk);
    sfu.push(ms);
    process.stderr.write(`sfu run ${run + 1}: ${ms} ms\n`);
    await hangUp(clerk, kiosk);
    // Wrap-up (300 ms in the test server) must end before the next call is offered.
    await clerk.waitForTimeout(500);
  }

  const p2p: number[] = [];
  const kioskPeer = (await openPage(chromium.browser, `${origin}/api/health`)).page;
  const clerkPeer = (await openPage(chromium.browser, `${origin}/api/health`)).page;
  for (let run = 0; run < runs; run++) {
    const ms = await peerToPeerSetup(kioskPeer, clerkPeer);
    p2p.push(ms);
    process.stderr.write(`p2p run ${run + 1}: ${ms} ms\n`);
  }

  const sfuP50 = median(sfu);
  const p2pP50 = median(p2p);
  process.stdout.write(
    `${JSON.stringify({
      sfuAcceptToDecodingMs: { p50: sfuP50, runs: sfu, clerkReadingMs },
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

type Peer = {
  pc: RTCPeerConnection;
  firstFrames: number[];
  expectedVideos: number;
  gathered: () => Promise<RTCSessionDescriptionInit>;
};

/** One plain WebRTC call between the two pages; returns ms from the offer to the last first frame. */
async function peerToPeerSetup(kioskPage: Page, clerkPage: Page): Promise<number> {
  const prepare = async (role: 'kiosk' | 'clerk') => {
    const w = window as unknown as Peer & { tracks?: MediaStreamTrack[] };
    w.pc?.close();
    document.querySelectorAll('video').forEach((video) => video.remove());
    if (!w.tracks) {
      const devices = (await navigator.mediaDevices.enumerateDevices()).filter(
        (d) => d.kind === 'videoinput',
      );
      const byLabel = (label: string) => devices.find((d) => d.label === label)?.deviceId;
      const audio = (await navigator.mediaDevices.getUserMedia({ audio: true })).getAudioTracks();
      const camera = await navigator.mediaDevices.getUserMedia({
        video:
          role === 'kiosk'
            ? { deviceId: { exact: byLabel('fake_device_0') }, width: 1280, height: 720 }
            : { deviceId: { exact: byLabel('fake_device_0') }, width: 640, height: 480 },
      });
      w.tracks = [...audio, ...camera.getVideoTracks()];
      if (role === 'kiosk') {
        const documentCamera = await navigator.mediaDevices.getUserMedia({
          video: { deviceId: { exact: byLabel('fake_device_3') }, width: 1920, height: 1080, frameRate: 15 },
        });
        const [track] = documentCamera.getVideoTracks();
        track!.contentHint = 'detail';
        w.tracks.push(track!);
      }
    }
    const pc = new RTCPeerConnection();
    w.pc = pc;
    w.firstFrames = [];
    w.expectedVideos = role === 'kiosk' ? 1 : 2;
    for (const track of w.tracks) pc.addTrack(track, new MediaStream([track]));
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
      video.requestVideoFrameCallback(() => w.firstFrames.push(Date.now()));
    };
  };
  await kioskPage.evaluate(prepare, 'kiosk' as const);
  await clerkPage.evaluate(prepare, 'clerk' as const);

  const startedAt = await kioskPage.evaluate(() => Date.now());
  const offer = await kioskPage.evaluate(async () => {
    const peer = window as unknown as Peer;
    await peer.pc.setLocalDescription(await peer.pc.createOffer());
    return peer.gathered();
  });
  const answer = await clerkPage.evaluate(async (remote) => {
    const peer = window as unknown as Peer;
    await peer.pc.setRemoteDescription(remote);
    await peer.pc.setLocalDescription(await peer.pc.createAnswer());
    return peer.gathered();
  }, offer);
  await kioskPage.evaluate(async (remote) => {
    await (window as unknown as Peer).pc.setRemoteDescription(remote);
  }, answer);
  const frames = await Promise.all(
    [kioskPage, clerkPage].map((page) =>
      page
        .waitForFunction(
          () => {
            const peer = window as unknown as Peer;
            return peer.firstFrames.length >= peer.expectedVideos && Math.max(...peer.firstFrames);
          },
          undefined,
          { timeout: 20_000, polling: 10 },
        )
        .then((handle) => handle.jsonValue() as Promise<number>),
    ),
  );
  return Math.max(...frames) - startedAt;
}
