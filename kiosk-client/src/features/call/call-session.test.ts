import type { ParticipantId } from '@madoguchi/shared';
import type { MediaSessionEvents, RemoteTrack } from '@madoguchi/shared/client';
import { fakeMediaSession, fakeTrack, type FakeMediaSession } from '@madoguchi/shared/client/testing';
import { describe, expect, it } from 'vitest';
import type { LocalMedia } from '../../lib/media-devices.ts';
import { CallSession, type CallMediaView } from './call-session.ts';

const CLERK = 'a1b2c3d4-0000-4000-8000-000000000001' as ParticipantId;
const COLLEAGUE = 'a1b2c3d4-0000-4000-8000-000000000002' as ParticipantId;

const remoteTrack = (
  consumerId: string,
  participantId: ParticipantId,
  source: RemoteTrack['source'],
): RemoteTrack => ({
  consumerId,
  participantId,
  role: 'clerk',
  source,
  kind: source === 'microphone' ? 'audio' : 'video',
  track: fakeTrack(source === 'microphone' ? 'audio' : 'video'),
});

const setUp = (local: LocalMedia | null = booth()) => {
  const sessions: FakeMediaSession[] = [];
  const events: MediaSessionEvents[] = [];
  const views: CallMediaView[] = [];
  // Set-ups for the next media sessions made, in order (a slow or failing start, say).
  const plans: ((session: FakeMediaSession) => void)[] = [];
  const call = new CallSession({
    createMediaSession: (sessionEvents) => {
      const session = fakeMediaSession();
      plans.shift()?.(session);
      sessions.push(session);
      events.push(sessionEvents);
      return session as never;
    },
    localMedia: () => local,
    onChange: (view) => views.push(view),
  });
  return { call, sessions, events, views, local, plans };
};

const booth = (): LocalMedia => ({
  microphone: fakeTrack('audio'),
  camera: fakeTrack('video'),
  documentCamera: fakeTrack('video'),
});

describe('CallSession', () => {
  it('starts the media session and publishes the booth’s three tracks, the document camera for detail', async () => {
    const kiosk = setUp();
    await expect(kiosk.call.start()).resolves.toBe(true);
    const [media] = kiosk.sessions;
    expect(media?.start).toHaveBeenCalledOnce();
    expect(media?.publish.mock.calls).toEqual([
      [kiosk.local?.microphone, 'microphone'],
      [kiosk.local?.camera, 'camera'],
      [kiosk.local?.documentCamera, 'document-camera', { isDetail: true, maxBitrate: 3_000_000 }],
    ]);
  });

  it('publishes only the devices the booth has open', async () => {
    const kiosk = setUp({ microphone: fakeTrack('audio'), camera: null, documentCamera: null });
    await kiosk.call.start();
    expect(kiosk.sessions[0]?.publish.mock.calls.map((call) => call[1])).toEqual(['microphone']);
  });

  it('keeps every participant’s tracks, keyed by consumer, and lets each one go on its own', async () => {
    const kiosk = setUp();
    await kiosk.call.start();
    const events = kiosk.events[0]!;
    const clerkAudio = remoteTrack('c1', CLERK, 'microphone');
    const clerkCamera = remoteTrack('c2', CLERK, 'camera');
    const colleagueAudio = remoteTrack('c3', COLLEAGUE, 'microphone');
    const colleagueCamera = remoteTrack('c4', COLLEAGUE, 'camera');
    for (const remote of [clerkAudio, clerkCamera, colleagueAudio, colleagueCamera])
      events.onRemoteTrack?.(remote);
    expect(kiosk.call.view.remoteTracks).toEqual([clerkAudio, clerkCamera, colleagueAudio, colleagueCamera]);

    events.onRemoteTrackEnded?.('c3');
    expect(kiosk.call.view.remoteTracks).toEqual([clerkAudio, clerkCamera, colleagueCamera]);
    expect(kiosk.views.at(-1)?.remoteTracks).toEqual([clerkAudio, clerkCamera, colleagueCamera]);
  });

  it('says media is interrupted while a transport is down or the session recovers, until both are over', async () => {
    const kiosk = setUp();
    await kiosk.call.start();
    const events = kiosk.events[0]!;
    events.onConnectionStateChange?.('recv', 'disconnected');
    expect(kiosk.call.view.isMediaInterrupted).toBe(true);
    events.onRecoveringChange?.(true);
    events.onConnectionStateChange?.('recv', 'connected');
    expect(kiosk.call.view.isMediaInterrupted).toBe(true);
    events.onRecoveringChange?.(false);
    expect(kiosk.call.view.isMediaInterrupted).toBe(false);

    events.onConnectionStateChange?.('send', 'failed');
    events.onConnectionStateChange?.('recv', 'failed');
    events.onConnectionStateChange?.('send', 'connected');
    expect(kiosk.call.view.isMediaInterrupted).toBe(true);
    events.onConnectionStateChange?.('recv', 'connected');
    expect(kiosk.call.view.isMediaInterrupted).toBe(false);
    // One change per edge, not per event.
    expect(kiosk.views.map((view) => view.isMediaInterrupted)).toEqual([true, false, true, false]);
  });

  it('rebuilds on a new media session: the old one closes with its tracks and is not heard from again', async () => {
    const kiosk = setUp();
    await kiosk.call.start();
    const old = kiosk.events[0]!;
    const clerkCamera = remoteTrack('c1', CLERK, 'camera');
    old.onRemoteTrack?.(clerkCamera);
    old.onConnectionStateChange?.('recv', 'failed');

    await expect(kiosk.call.rebuild()).resolves.toBe(true);
    expect(kiosk.sessions[0]?.close).toHaveBeenCalledOnce();
    expect(clerkCamera.track.stop).toHaveBeenCalled();
    expect(kiosk.call.view).toEqual({ remoteTracks: [], isMediaInterrupted: false });
    expect(kiosk.sessions[1]?.publish.mock.calls.map((call) => call[1])).toEqual([
      'microphone',
      'camera',
      'document-camera',
    ]);

    old.onRemoteTrack?.(remoteTrack('c9', CLERK, 'microphone'));
    old.onRecoveringChange?.(true);
    expect(kiosk.call.view).toEqual({ remoteTracks: [], isMediaInterrupted: false });
    const fresh = remoteTrack('c2', CLERK, 'camera');
    kiosk.events[1]?.onRemoteTrack?.(fresh);
    expect(kiosk.call.view.remoteTracks).toEqual([fresh]);
  });

  it('stops a replaced session’s setup and ignores its late failure', async () => {
    const kiosk = setUp();
    let failOldStart: (error: unknown) => void = () => undefined;
    kiosk.plans.push((session) =>
      session.start.mockImplementationOnce(() => new Promise((_resolve, reject) => (failOldStart = reject))),
    );
    const first = kiosk.call.start();
    await expect(kiosk.call.rebuild()).resolves.toBe(true);
    failOldStart(new Error('the old server is gone'));
    await expect(first).resolves.toBe(false);
    expect(kiosk.sessions[0]?.close).toHaveBeenCalled();
    expect(kiosk.sessions[0]?.publish).not.toHaveBeenCalled();
  });

  it('publishes nothing when closed while the media session starts', async () => {
    const kiosk = setUp();
    let finishStart: () => void = () => undefined;
    kiosk.plans.push((session) =>
      session.start.mockImplementationOnce(() => new Promise<void>((resolve) => (finishStart = resolve))),
    );
    const starting = kiosk.call.start();
    kiosk.call.close();
    finishStart();
    await expect(starting).resolves.toBe(false);
    expect(kiosk.sessions[0]?.publish).not.toHaveBeenCalled();
  });

  it('rejects when the current media session fails', async () => {
    const kiosk = setUp();
    const error = new Error('no workers');
    kiosk.plans.push((session) => session.start.mockRejectedValueOnce(error));
    await expect(kiosk.call.start()).rejects.toBe(error);
  });

  it('closes once: the media session and its tracks go, and nothing is reported after', async () => {
    const kiosk = setUp();
    await kiosk.call.start();
    const events = kiosk.events[0]!;
    const clerkAudio = remoteTrack('c1', CLERK, 'microphone');
    events.onRemoteTrack?.(clerkAudio);
    const reported = kiosk.views.length;

    kiosk.call.close();
    kiosk.call.close();
    expect(kiosk.sessions[0]?.close).toHaveBeenCalledOnce();
    expect(clerkAudio.track.stop).toHaveBeenCalled();
    expect(kiosk.call.view.remoteTracks).toEqual([]);
    events.onRemoteTrack?.(remoteTrack('c2', CLERK, 'camera'));
    events.onConnectionStateChange?.('recv', 'failed');
    expect(kiosk.views).toHaveLength(reported);
    await expect(kiosk.call.rebuild()).resolves.toBe(false);
    expect(kiosk.sessions).toHaveLength(1);
    await expect(kiosk.call.getReceiveStats()).resolves.toBeNull();
  });

  it('reads the receive statistics of the current session only', async () => {
    const kiosk = setUp();
    await kiosk.call.start();
    const report = new Map<string, unknown>([['IV', { type: 'inbound-rtp' }]]);
    kiosk.sessions[0]?.getReceiveStats.mockResolvedValue(report);
    await expect(kiosk.call.getReceiveStats()).resolves.toBe(report);

    let answer: (report: ReadonlyMap<string, unknown>) => void = () => undefined;
    kiosk.sessions[0]?.getReceiveStats.mockReturnValueOnce(new Promise((resolve) => (answer = resolve)));
    const reading = kiosk.call.getReceiveStats();
    await kiosk.call.rebuild();
    answer(report);
    await expect(reading).resolves.toBeNull();
  });
});
