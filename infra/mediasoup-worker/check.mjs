// Verifies a mediasoup worker binary end to end, DTLS included.
//
// Usage:
//   node infra/mediasoup-worker/check.mjs [/path/to/mediasoup-worker]
//   (or set MEDIASOUP_WORKER_BIN instead of passing the path)
//
// What it does, all on 127.0.0.1:
//   1. starts a mediasoup Worker from the given binary and creates a Router with
//      Opus and VP8;
//   2. connects a pure-JS WebRTC peer (werift) to a WebRtcTransport over
//      ICE + DTLS + SRTP and sends Opus and VP8 (key frame) RTP into two Producers;
//   3. connects a second werift peer to a second WebRtcTransport with two
//      Consumers and counts the RTP packets it receives back;
//   4. asserts that both transports reached DTLS state "connected" and that
//      packets flowed both ways.
// Prints one JSON line of facts and exits 0, or prints the error and exits 1.
// On success it also writes those facts to a `.verified` file next to the
// binary (best effort), which build.sh reports on for a cached worker.
// Needs the npm packages `mediasoup` (same version as the worker) and `werift`.

import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import process from 'node:process';

const TIMEOUT_MS = 25_000;
const SEND_DURATION_MS = 1500;

const workerBin = path.resolve(process.argv[2] ?? process.env.MEDIASOUP_WORKER_BIN ?? '');

if (!process.argv[2] && !process.env.MEDIASOUP_WORKER_BIN) {
  fail('usage: node check.mjs <path to mediasoup-worker> (or set MEDIASOUP_WORKER_BIN)');
}
if (!existsSync(workerBin)) {
  fail(`worker binary not found: ${workerBin}`);
}

// mediasoup reads MEDIASOUP_WORKER_BIN when its module loads, so set it before
// the dynamic import below.
process.env.MEDIASOUP_WORKER_BIN = workerBin;

const mediasoup = await import('mediasoup');
const werift = await import('werift');

const { RTCPeerConnection, RTCRtpCodecParameters, MediaStreamTrack, RtpHeader, RtpPacket } = werift;

const SRTP_PROFILES = { 1: 'AES_CM_128_HMAC_SHA1_80', 7: 'AEAD_AES_128_GCM' };

const cleanups = [];
let finished = false;

const timer = setTimeout(() => {
  void finish(new Error(`check timed out after ${TIMEOUT_MS} ms`));
}, TIMEOUT_MS);

try {
  const facts = await run();

  await finish(undefined, facts);
} catch (error) {
  await finish(error);
}

async function run() {
  const worker = await mediasoup.createWorker({ logLevel: 'warn' });

  cleanups.push(() => worker.close());

  let workerDied;
  const workerDiedPromise = new Promise((_resolve, reject) => {
    workerDied = reject;
  });

  worker.on('died', (error) => workerDied(new Error(`worker died: ${error?.message ?? error}`)));
  // Keep an unhandled rejection from firing when nothing is awaiting it.
  workerDiedPromise.catch(() => {});

  const router = await worker.createRouter({
    mediaCodecs: [
      { kind: 'audio', mimeType: 'audio/opus', clockRate: 48000, channels: 2 },
      { kind: 'video', mimeType: 'video/VP8', clockRate: 90000 },
    ],
  });

  const transportOptions = {
    listenInfos: [{ protocol: 'udp', ip: '127.0.0.1' }],
    enableUdp: true,
    enableTcp: false,
  };
  const sendTransport = await router.createWebRtcTransport(transportOptions);
  const recvTransport = await router.createWebRtcTransport(transportOptions);

  const dtlsConnected = (transport) =>
    new Promise((resolve, reject) => {
      transport.on('dtlsstatechange', (state) => {
        if (state === 'connected') {
          resolve();
        } else if (state === 'failed' || state === 'closed') {
          reject(new Error(`transport ${transport.id} DTLS state ${state}`));
        }
      });
    });
  const sendDtls = dtlsConnected(sendTransport);
  const recvDtls = dtlsConnected(recvTransport);

  // Sending peer: offers audio + video, mediasoup answers.
  const pc1 = newPeer();

  cleanups.push(() => pc1.close());

  const audioTrack = new MediaStreamTrack({ kind: 'audio' });
  const videoTrack = new MediaStreamTrack({ kind: 'video' });

  pc1.addTransceiver(audioTrack, { direction: 'sendonly' });
  pc1.addTransceiver(videoTrack, { direction: 'sendonly' });

  const offer = await pc1.createOffer();

  await pc1.setLocalDescription(offer);

  const local = parseSdp(pc1.localDescription.sdp);

  await sendTransport.connect({
    // The answer below says a=setup:passive, so the peer is the DTLS client.
    dtlsParameters: { role: 'client', fingerprints: local.fingerprints },
  });

  const producers = {};

  for (const m of local.media) {
    const codecName = m.kind === 'audio' ? 'opus' : 'VP8';
    const codec = m.codecs.find((c) => c.name.toLowerCase() === codecName.toLowerCase());

    if (!codec) {
      throw new Error(`peer offer has no ${codecName} codec`);
    }
    if (!m.ssrc) {
      throw new Error(`peer offer has no SSRC for ${m.kind}`);
    }

    producers[m.kind] = await sendTransport.produce({
      kind: m.kind,
      rtpParameters: {
        mid: m.mid,
        codecs: [
          {
            mimeType: `${m.kind}/${codecName}`,
            payloadType: codec.pt,
            clockRate: codec.clockRate,
            ...(m.kind === 'audio' ? { channels: 2 } : {}),
            parameters: {},
            rtcpFeedback: [],
          },
        ],
        encodings: [{ ssrc: m.ssrc }],
        rtcp: { cname: m.cname ?? 'check', reducedSize: true },
      },
    });
    m.answerCodec = codec;
  }

  await pc1.setRemoteDescription({
    type: 'answer',
    sdp: buildSdp({
      transport: sendTransport,
      setup: 'passive',
      media: local.media.map((m) => ({
        kind: m.kind,
        mid: m.mid,
        direction: 'recvonly',
        codecs: [m.answerCodec],
      })),
    }),
  });

  // Receiving peer: mediasoup offers the consumers, the peer answers.
  const consumerCaps = {
    codecs: router.rtpCapabilities.codecs.filter((c) => !c.mimeType.toLowerCase().endsWith('/rtx')),
    headerExtensions: [],
  };
  const consumers = {};

  for (const kind of ['audio', 'video']) {
    consumers[kind] = await recvTransport.consume({
      producerId: producers[kind].id,
      rtpCapabilities: consumerCaps,
      paused: false,
    });
  }

  const pc2 = newPeer();

  cleanups.push(() => pc2.close());

  const received = { audio: 0, video: 0 };

  pc2.ontrack = ({ track }) => {
    track.onReceiveRtp.subscribe(() => {
      received[track.kind] += 1;
    });
  };

  await pc2.setRemoteDescription({
    type: 'offer',
    sdp: buildSdp({
      transport: recvTransport,
      setup: 'actpass',
      media: ['audio', 'video'].map((kind, i) => {
        const consumer = consumers[kind];
        const c = consumer.rtpParameters.codecs[0];

        return {
          kind,
          mid: String(i),
          direction: 'sendonly',
          codecs: [
            {
              pt: c.payloadType,
              name: c.mimeType.split('/')[1],
              clockRate: c.clockRate,
              channels: c.channels,
              fmtp: Object.entries(c.parameters ?? {})
                .map(([k, v]) => `${k}=${v}`)
                .join(';'),
            },
          ],
          ssrc: consumer.rtpParameters.encodings[0].ssrc,
          cname: consumer.rtpParameters.rtcp?.cname ?? 'check',
        };
      }),
    }),
  });

  const answer = await pc2.createAnswer();

  await pc2.setLocalDescription(answer);

  const remote = parseSdp(pc2.localDescription.sdp);

  await recvTransport.connect({
    dtlsParameters: {
      // setup:active in the answer means the peer is the DTLS client.
      role: remote.setup === 'passive' ? 'server' : 'client',
      fingerprints: remote.fingerprints,
    },
  });

  await Promise.race([Promise.all([sendDtls, recvDtls]), workerDiedPromise]);
  await Promise.race([Promise.all([waitConnected(pc1), waitConnected(pc2)]), workerDiedPromise]);

  // Send Opus (20 ms frames) and VP8 key frames (every 50 ms) for a while.
  const sent = { audio: 0, video: 0 };
  let seq = 0;
  let pictureId = 0;
  const started = Date.now();

  while (Date.now() - started < SEND_DURATION_MS) {
    const t = Date.now() - started;

    audioTrack.writeRtp(
      new RtpPacket(
        new RtpHeader({ payloadType: 111, sequenceNumber: seq & 0xffff, timestamp: t * 48, marker: false }),
        // Opus TOC 0xfc (20 ms CELT fullband, one frame) + a tiny frame.
        Buffer.from([0xfc, 0xff, 0xfe]),
      ),
    );
    sent.audio += 1;

    if (seq % 3 === 0) {
      videoTrack.writeRtp(
        new RtpPacket(
          new RtpHeader({
            payloadType: 96,
            sequenceNumber: (seq / 3) & 0xffff,
            timestamp: t * 90,
            marker: true,
          }),
          vp8KeyFrame(pictureId++),
        ),
      );
      sent.video += 1;
    }

    seq += 1;
    await sleep(20);
  }

  // Give the last packets time to come back.
  await Promise.race([sleep(300), workerDiedPromise]);

  const [sendStats] = await sendTransport.getStats();
  const [recvStats] = await recvTransport.getStats();
  const audioProducerStats = await producers.audio.getStats();
  const videoProducerStats = await producers.video.getStats();
  const producerPackets = (stats) => stats.reduce((n, s) => n + (s.packetCount ?? 0), 0);

  const facts = {
    ok: true,
    mediasoupVersion: mediasoup.version,
    workerBin,
    dtlsState: { send: sendTransport.dtlsState, recv: recvTransport.dtlsState },
    iceState: { send: sendTransport.iceState, recv: recvTransport.iceState },
    srtpProfile: srtpProfileOf(pc1),
    dtlsCipherSuite: cipherSuiteOf(pc1),
    packetsSent: sent,
    producerPacketsReceived: {
      audio: producerPackets(audioProducerStats),
      video: producerPackets(videoProducerStats),
    },
    transportBytes: { sendTransportIn: sendStats.bytesReceived, recvTransportOut: recvStats.bytesSent },
    packetsReceivedBack: received,
  };

  for (const t of [sendTransport, recvTransport]) {
    if (t.dtlsState !== 'connected') {
      throw new Error(`DTLS state is ${t.dtlsState}, expected connected: ${JSON.stringify(facts)}`);
    }
  }
  for (const kind of ['audio', 'video']) {
    if (facts.producerPacketsReceived[kind] === 0) {
      throw new Error(`${kind} producer received no RTP: ${JSON.stringify(facts)}`);
    }
    if (received[kind] === 0) {
      throw new Error(`receiving peer got no ${kind} RTP back: ${JSON.stringify(facts)}`);
    }
  }

  return facts;
}

function newPeer() {
  return new RTCPeerConnection({
    // Loopback only: no STUN server, no IPv6, and an explicit 127.0.0.1 host
    // candidate (werift skips loopback interfaces by default).
    iceServers: [],
    iceUseIpv6: false,
    iceAdditionalHostAddresses: ['127.0.0.1'],
    codecs: {
      audio: [
        new RTCRtpCodecParameters({
          mimeType: 'audio/opus',
          clockRate: 48000,
          channels: 2,
          payloadType: 111,
        }),
      ],
      video: [
        new RTCRtpCodecParameters({
          mimeType: 'video/VP8',
          clockRate: 90000,
          payloadType: 96,
          rtcpFeedback: [],
        }),
      ],
    },
  });
}

function waitConnected(pc) {
  return new Promise((resolve, reject) => {
    const check = () => {
      if (pc.connectionState === 'connected') {
        resolve();
      } else if (pc.connectionState === 'failed' || pc.connectionState === 'closed') {
        reject(new Error(`peer connection ${pc.connectionState}`));
      }
    };

    pc.connectionStateChange.subscribe(check);
    check();
  });
}

// A minimal VP8 key frame RTP payload: payload descriptor with a 15-bit picture
// id, then a key frame header (frame tag, start code, 16x16).
function vp8KeyFrame(pictureId) {
  const pid = pictureId & 0x7fff;

  return Buffer.from([
    0x90, // X=1, S=1, PID=0
    0x80, // I=1 (picture id present)
    0x80 | (pid >> 8), // M=1 (15-bit picture id)
    pid & 0xff,
    0x10,
    0x02,
    0x00, // frame tag: key frame, version 0, show_frame
    0x9d,
    0x01,
    0x2a, // start code
    0x10,
    0x00,
    0x10,
    0x00, // 16 x 16
    0x00,
    0x00,
    0x00,
    0x00,
  ]);
}

function parseSdp(sdp) {
  const lines = sdp.split(/\r?\n/);
  const result = { fingerprints: [], setup: undefined, media: [] };
  let m;

  for (const line of lines) {
    let match;

    if ((match = /^m=(audio|video) /.exec(line))) {
      m = { kind: match[1], codecs: [] };
      result.media.push(m);
    } else if ((match = /^a=fingerprint:(\S+) (\S+)/.exec(line))) {
      const fp = { algorithm: match[1].toLowerCase(), value: match[2].toUpperCase() };

      if (!result.fingerprints.some((f) => f.algorithm === fp.algorithm && f.value === fp.value)) {
        result.fingerprints.push(fp);
      }
    } else if ((match = /^a=setup:(\S+)/.exec(line))) {
      result.setup = match[1];
    } else if (m && (match = /^a=mid:(\S+)/.exec(line))) {
      m.mid = match[1];
    } else if (m && (match = /^a=rtpmap:(\d+) ([^/]+)\/(\d+)/.exec(line))) {
      m.codecs.push({ pt: Number(match[1]), name: match[2], clockRate: Number(match[3]) });
    } else if (m && (match = /^a=ssrc:(\d+) cname:(\S+)/.exec(line))) {
      m.ssrc ??= Number(match[1]);
      m.cname ??= match[2];
    }
  }

  if (result.fingerprints.length === 0) {
    throw new Error('peer SDP has no DTLS fingerprint');
  }

  return result;
}

function buildSdp({ transport, setup, media }) {
  const { iceParameters, iceCandidates, dtlsParameters } = transport;
  const lines = [
    'v=0',
    `o=mediasoup-check ${Date.now()} 1 IN IP4 127.0.0.1`,
    's=-',
    't=0 0',
    'a=ice-lite',
    `a=group:BUNDLE ${media.map((m) => m.mid).join(' ')}`,
    'a=msid-semantic: WMS *',
  ];

  for (const m of media) {
    lines.push(
      `m=${m.kind} 7 UDP/TLS/RTP/SAVPF ${m.codecs.map((c) => c.pt).join(' ')}`,
      'c=IN IP4 127.0.0.1',
      `a=mid:${m.mid}`,
      `a=${m.direction}`,
      `a=ice-ufrag:${iceParameters.usernameFragment}`,
      `a=ice-pwd:${iceParameters.password}`,
      ...dtlsParameters.fingerprints
        .filter((f) => f.algorithm === 'sha-256')
        .map((f) => `a=fingerprint:${f.algorithm} ${f.value}`),
      `a=setup:${setup}`,
      'a=rtcp-mux',
      'a=rtcp-rsize',
    );

    for (const c of m.codecs) {
      lines.push(`a=rtpmap:${c.pt} ${c.name}/${c.clockRate}${c.channels > 1 ? `/${c.channels}` : ''}`);
      if (c.fmtp) {
        lines.push(`a=fmtp:${c.pt} ${c.fmtp}`);
      }
    }

    if (m.ssrc) {
      lines.push(`a=msid:check check-${m.kind}`, `a=ssrc:${m.ssrc} cname:${m.cname}`);
    }

    for (const cand of iceCandidates) {
      lines.push(
        `a=candidate:${cand.foundation} 1 ${cand.protocol} ${cand.priority} ${cand.address} ${cand.port} typ ${cand.type}`,
      );
    }
    lines.push('a=end-of-candidates');
  }

  return `${lines.join('\r\n')}\r\n`;
}

function dtlsOf(pc) {
  try {
    return pc.getTransceivers()[0].sender.dtlsTransport.dtls;
  } catch {
    return undefined;
  }
}

function srtpProfileOf(pc) {
  const profile = dtlsOf(pc)?.srtp?.srtpProfile;

  return SRTP_PROFILES[profile] ?? profile ?? null;
}

function cipherSuiteOf(pc) {
  const suite = dtlsOf(pc)?.cipher?.cipherSuite;

  return typeof suite === 'number' ? `0x${suite.toString(16).padStart(4, '0')}` : null;
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function finish(error, facts) {
  if (finished) {
    return;
  }
  finished = true;
  clearTimeout(timer);

  for (const cleanup of cleanups.reverse()) {
    try {
      await cleanup();
    } catch {
      // Best effort: keep closing the rest.
    }
  }

  if (error) {
    process.stderr.write(`mediasoup worker check FAILED: ${error?.stack ?? error}\n`);
    process.exit(1);
  }

  const line = `${JSON.stringify(facts)}\n`;

  try {
    writeFileSync(path.join(path.dirname(workerBin), '.verified'), line);
  } catch {
    // A read-only location is fine: the marker is informational.
  }

  process.stdout.write(line);
  process.exit(0);
}

function fail(message) {
  process.stderr.write(`mediasoup worker check FAILED: ${message}\n`);
  process.exit(1);
}
