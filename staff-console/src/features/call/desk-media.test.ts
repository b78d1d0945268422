import type { ParticipantId } from '@madoguchi/shared';
import type { MediaSessionEvents, RemoteTrack } from '@madoguchi/shared/client';
import { fakeMediaSession, fakeTrack, type FakeMediaSession } from '@madoguchi/shared/client/testing';
import { describe, expect, it, vi } from 'vitest';
import type { LocalMedia, OpenedMedia } from '../../lib/media-devices.ts';
import { DeskMedia, hasWorkingMedia, isMediaReconnecting, type DeskMediaState } from './desk-media.ts';

const remoteTrack = (consumerId: string, participantId: string, source: RemoteTrack['source']): RemoteTrack =>
  ({
    consumerId,
    participantId: participantId as ParticipantId,
    role: participantId === 'kiosk' ? 'kiosk' : 'clerk',
    source,
    kind: source === 'microphone' ? 'audio' : 'video',
    track: fakeTrack(source === 'microphone' ? 'audio' : 'video'),
  }) as RemoteTrack;

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * A desk whose every media session is a fake (`prepare` may change one as it is made); `events(i)`
 * are what the i-th session reports.
 */
const desk = ({ prepare = (_session: FakeMediaSession) => {} } = {}) => {
  const sessions: FakeMediaSession[] = [];
  const events: MediaSessionEvents[] = [];
  const local: LocalMedia = { microphone: fakeTrack('audio'), camera: fakeTrack('video') };
  const changes: DeskMediaState[] = [];
  const onError = vi.fn();
  const openMedia = vi.fn(async (): Promise<OpenedMedia> => ({ media: local, error: null }));
  const media = new DeskMedia({
    createMediaSession: (sessionEvents) => {
      const session = fakeMediaSession();
      prepare(session);
      sessions.push(session);
      events.push(sessionEvents);
      return session as never;
    },
    openMedia,
    onChange: (state) => changes.push(state),
    onError,
  });
  return { media, sessions, events: (index: number) => events[index]!, local, changes, onError, openMedia };
};

describe('DeskMedia', () => {
  it('connects the transports, opens the devices and publishes the camera, then the microphone', async () => {
    const page = desk();
    expect(page.media.hasSession).toBe(false);
    await page.media.start();
    const [session] = page.sessions;
    expect(session?.start).toHaveBeenCalledTimes(1);
    expect(session?.publish.mock.calls).toEqual([
      [page.local.camera, 'camera'],
      [page.local.microphone, 'microphone'],
    ]);
    expect(page.media.state).toMatchObject({ localMedia: page.local, isStarted: true });
    expect(hasWorkingMedia(page.media.state)).toBe(true);
  });

  it('has no working media until the session has started', async () => {
    let started = () => {};
    const page = desk({
      prepare: (session) =>
        session.start.mockImplementation(() => new Promise<void>((resolve) => (started = resolve))),
    });
    const starting = page.media.start();
    expect(hasWorkingMedia(page.media.state)).toBe(false);
    started();
    await starting;
    expect(hasWorkingMedia(page.media.state)).toBe(true);
  });

  it('keeps every participant’s tracks, keyed by consumer, until each ends', async () => {
    const page = desk();
    await page.media.start();
    const events = page.events(0);
    events.onRemoteTrack?.(remoteTrack('c1', 'kiosk', 'camera'));
    events.onRemoteTrack?.(remoteTrack('c2', 'clerk-a', 'camera'));
    events.onRemoteTrack?.(remoteTrack('c3', 'kiosk', 'microphone'));
    events.onRemoteTrack?.(remoteTrack('c4', 'clerk-a', 'microphone'));
    expect(page.media.state.remoteTracks.map((track) => track.consumerId)).toEqual(['c1', 'c2', 'c3', 'c4']);
    events.onRemoteTrackEnded?.('c2');
    expect(page.media.state.remoteTracks.map((track) => track.consumerId)).toEqual(['c1', 'c3', 'c4']);
    page.media.dropRemoteTracks();
    expect(page.media.state.remoteTracks).toEqual([]);
  });

  it('says media is interrupted while a transport is down, and recovering while the session says so', async () => {
    const page = desk();
    await page.media.start();
    const events = page.events(0);
    events.onConnectionStateChange?.('recv', 'connected');
    events.onConnectionStateChange?.('send', 'disconnected');
    expect(page.media.state).toMatchObject({ isInterrupted: true, isRecovering: false });
    expect(hasWorkingMedia(page.media.state)).toBe(false);
    events.onRecoveringChange?.(true);
    events.onConnectionStateChange?.('recv', 'failed');
    events.onConnectionStateChange?.('send', 'connected');
    // The receive transport is still down.
    expect(page.media.state).toMatchObject({ isInterrupted: true, isRecovering: true });
    events.onConnectionStateChange?.('recv', 'connected');
    events.onRecoveringChange?.(false);
    expect(page.media.state).toMatchObject({ isInterrupted: false, isRecovering: false });
    expect(hasWorkingMedia(page.media.state)).toBe(true);
  });

  it('follows a rebuild: the old tracks end and new ones take their place', async () => {
    const page = desk();
    await page.media.start();
    const events = page.events(0);
    events.onRemoteTrack?.(remoteTrack('c1', 'kiosk', 'camera'));
    events.onRecoveringChange?.(true);
    events.onRemoteTrackEnded?.('c1');
    events.onRemoteTrack?.(remoteTrack('c9', 'kiosk', 'camera'));
    events.onRecoveringChange?.(false);
    expect(page.media.state.remoteTracks.map((track) => track.consumerId)).toEqual(['c9']);
    expect(page.media.state.isRecovering).toBe(false);
  });

  it('starts anew for a new server session, with the same devices, and ignores the old session', async () => {
    const page = desk();
    await page.media.start();
    const old = page.events(0);
    old.onRemoteTrack?.(remoteTrack('c1', 'kiosk', 'camera'));
    old.onConnectionStateChange?.('send', 'failed');
    await page.media.start();
    expect(page.sessions[0]?.close).toHaveBeenCalled();
    expect(page.media.state).toMatchObject({ remoteTracks: [], isInterrupted: false, isStarted: true });
    expect(page.sessions[1]?.publish.mock.calls).toEqual([
      [page.local.camera, 'camera'],
      [page.local.microphone, 'microphone'],
    ]);
    expect(page.openMedia).toHaveBeenCalledTimes(1);

    old.onRemoteTrack?.(remoteTrack('c2', 'kiosk', 'camera'));
    old.onRecoveringChange?.(true);
    old.onError?.(new Error('late'));
    expect(page.media.state).toMatchObject({ remoteTracks: [], isRecovering: false });
    expect(page.onError).not.toHaveBeenCalled();
  });

  it('publishes nothing on a session replaced while it was starting', async () => {
    const page = desk();
    const first = page.media.start();
    const second = page.media.start();
    await Promise.all([first, second]);
    expect(page.sessions[0]?.publish).not.toHaveBeenCalled();
    expect(page.sessions[1]?.publish).toHaveBeenCalledTimes(2);
  });

  it('reports a failed start and a device that would not open, and goes on with the other', async () => {
    const page = desk();
    const local = { microphone: fakeTrack('audio'), camera: null };
    page.openMedia.mockResolvedValueOnce({ media: local, error: new Error('camera busy') });
    await page.media.start();
    expect(page.onError).toHaveBeenCalledWith(new Error('camera busy'));
    expect(page.sessions[0]?.publish.mock.calls).toEqual([[local.microphone, 'microphone']]);
    expect(page.media.state.localMedia).toBe(local);

    const failing = desk({
      prepare: (session) => session.start.mockRejectedValueOnce(new Error('no transport')),
    });
    await failing.media.start();
    expect(failing.onError).toHaveBeenCalledWith(new Error('no transport'));
    expect(failing.media.state.isStarted).toBe(false);
    expect(hasWorkingMedia(failing.media.state)).toBe(false);
  });

  it('closes the session and stops the devices, also those still opening, once', async () => {
    const page = desk();
    await page.media.start();
    page.media.close();
    page.media.close();
    expect(page.sessions[0]?.close).toHaveBeenCalledTimes(1);
    await settle();
    expect(page.local.camera?.stop).toHaveBeenCalledTimes(1);
    expect(page.local.microphone?.stop).toHaveBeenCalledTimes(1);

    const opening = desk();
    void opening.media.start();
    opening.media.close();
    await settle();
    expect(opening.local.camera?.stop).toHaveBeenCalled();
    expect(opening.sessions[0]?.publish).not.toHaveBeenCalled();
    await opening.media.start();
    expect(opening.sessions).toHaveLength(1);
  });
});

describe('isMediaReconnecting', () => {
  const working: DeskMediaState = {
    localMedia: null,
    remoteTracks: [],
    isStarted: true,
    isInterrupted: false,
    isRecovering: false,
  };

  it('is true while the socket is down, or the desk’s media is interrupted, recovering or starting', () => {
    expect(isMediaReconnecting(true, working)).toBe(false);
    expect(isMediaReconnecting(true, { ...working, isStarted: false })).toBe(true);
    expect(isMediaReconnecting(false, working)).toBe(true);
    expect(isMediaReconnecting(true, { ...working, isInterrupted: true })).toBe(true);
    expect(isMediaReconnecting(true, { ...working, isRecovering: true })).toBe(true);
    expect(isMediaReconnecting(false, null)).toBe(true);
    expect(isMediaReconnecting(true, null)).toBe(false);
  });
});
