import type { ConsultationId } from '@madoguchi/shared';
import { SignallingError, type MediaSessionEvents, type RemoteTrack } from '@madoguchi/shared/client';
import { fakeMediaSession, fakeTrack, type FakeMediaSession } from '@madoguchi/shared/client/testing';
import { describe, expect, it, vi } from 'vitest';
import type { OpenedMedia } from '../../lib/media-devices.ts';
import { MonitorDesk } from './monitor-desk.ts';

const CALL_A = '6f1c7f3e-8a3b-4e43-9a55-3b4a0f8e2c11' as ConsultationId;
const CALL_B = '7a2d8f4f-9b4c-4f54-8b66-4c5b1f9f3d22' as ConsultationId;

const track = (consumerId: string, role: 'kiosk' | 'clerk', source: RemoteTrack['source']) =>
  ({ consumerId, role, source, participantId: `p-${role}`, kind: 'video' }) as unknown as RemoteTrack;

const setUp = () => {
  const sessions: FakeMediaSession[] = [];
  let events: MediaSessionEvents = {};
  const request = vi.fn(async (_name: string, _payload: unknown): Promise<unknown> => ({}));
  const onError = vi.fn();
  const local = { camera: fakeTrack('video'), microphone: fakeTrack('audio') };
  const openMedia = vi.fn(async (): Promise<OpenedMedia> => ({ media: local, error: null }));
  const desk = new MonitorDesk({
    request,
    createMediaSession: (given) => {
      events = given;
      const session = fakeMediaSession();
      sessions.push(session);
      return session;
    },
    openMedia,
    onChange: () => {},
    onError,
  });
  return { desk, sessions, request, onError, openMedia, local, events: () => events };
};

describe('MonitorDesk', () => {
  it('opens a receive-only media session at the first monitor, before asking the server', async () => {
    const page = setUp();
    expect(page.desk.hasMedia).toBe(false);
    const starting = page.desk.monitor(CALL_A);
    expect(page.desk.state).toMatchObject({ consultationId: CALL_A, isStarting: true });
    await starting;
    expect(page.sessions).toHaveLength(1);
    const [session] = page.sessions;
    expect(session?.start).toHaveBeenCalled();
    expect(session?.publish).not.toHaveBeenCalled();
    expect(page.request.mock.calls).toEqual([['supervisor:monitor', { consultationId: CALL_A }]]);
    expect(session!.start.mock.invocationCallOrder[0]).toBeLessThan(
      page.request.mock.invocationCallOrder[0]!,
    );
    expect(page.desk.state.isStarting).toBe(false);
  });

  it('shows the kiosk’s and the clerk’s tracks, and lets them go', async () => {
    const page = setUp();
    await page.desk.monitor(CALL_A);
    page.events().onRemoteTrack?.(track('c1', 'kiosk', 'camera'));
    page.events().onRemoteTrack?.(track('c2', 'kiosk', 'document-camera'));
    page.events().onRemoteTrack?.(track('c3', 'clerk', 'camera'));
    expect(page.desk.state.tracks.map((t) => t.consumerId)).toEqual(['c1', 'c2', 'c3']);
    page.events().onRemoteTrackEnded?.('c2');
    expect(page.desk.state.tracks.map((t) => t.consumerId)).toEqual(['c1', 'c3']);
  });

  it('stops, keeps the media session for the next monitor, and ignores late tracks', async () => {
    const page = setUp();
    await page.desk.monitor(CALL_A);
    page.events().onRemoteTrack?.(track('c1', 'kiosk', 'camera'));
    await page.desk.stop();
    expect(page.request.mock.calls.at(-1)).toEqual([
      'supervisor:stop-monitoring',
      { consultationId: CALL_A },
    ]);
    expect(page.desk.state).toMatchObject({ consultationId: null, tracks: [] });
    page.events().onRemoteTrack?.(track('c9', 'kiosk', 'camera'));
    expect(page.desk.state.tracks).toEqual([]);
    await page.desk.monitor(CALL_B);
    expect(page.sessions).toHaveLength(1);
    expect(page.sessions[0]?.close).not.toHaveBeenCalled();
  });

  it('stops the current call before watching another', async () => {
    const page = setUp();
    await page.desk.monitor(CALL_A);
    await page.desk.monitor(CALL_B);
    expect(
      page.request.mock.calls.map(([name, payload]) => [
        name,
        (payload as { consultationId: string }).consultationId,
      ]),
    ).toEqual([
      ['supervisor:monitor', CALL_A],
      ['supervisor:stop-monitoring', CALL_A],
      ['supervisor:monitor', CALL_B],
    ]);
    expect(page.desk.state.consultationId).toBe(CALL_B);
  });

  it('lets go of a call that is no longer running', async () => {
    const page = setUp();
    await page.desk.monitor(CALL_A);
    page.desk.onRunningCalls([CALL_A, CALL_B]);
    expect(page.desk.state.consultationId).toBe(CALL_A);
    page.desk.onRunningCalls([CALL_B]);
    expect(page.desk.state.consultationId).toBeNull();
  });

  it('reports a refused monitor, and starts media again after a server restart', async () => {
    const page = setUp();
    page.request.mockRejectedValueOnce(new SignallingError('FORBIDDEN', 'no'));
    await page.desk.monitor(CALL_A);
    expect(page.onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'FORBIDDEN' }));
    expect(page.desk.state.consultationId).toBeNull();

    // A new server session: the transports are gone, so the next monitor builds new ones.
    page.desk.reset();
    expect(page.sessions[0]?.close).toHaveBeenCalled();
    await page.desk.monitor(CALL_A);
    expect(page.sessions).toHaveLength(2);
  });

  it('retries the media session after its start failed', async () => {
    const sessions: FakeMediaSession[] = [];
    const onError = vi.fn();
    const desk = new MonitorDesk({
      request: async () => ({}),
      createMediaSession: () => {
        const session = fakeMediaSession();
        if (sessions.length === 0)
          session.start.mockRejectedValue(new SignallingError('MEDIA_UNAVAILABLE', 'x'));
        sessions.push(session);
        return session;
      },
      openMedia: async () => ({ media: { camera: null, microphone: null }, error: null }),
      onChange: () => {},
      onError,
    });
    await desk.monitor(CALL_A);
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'MEDIA_UNAVAILABLE' }));
    expect(sessions[0]?.close).toHaveBeenCalled();
    expect(desk.state.consultationId).toBeNull();
    await desk.monitor(CALL_A);
    expect(sessions).toHaveLength(2);
    expect(desk.state).toMatchObject({ consultationId: CALL_A, isStarting: false });
  });

  it('closes its media session when closed', async () => {
    const page = setUp();
    await page.desk.monitor(CALL_A);
    page.desk.close();
    expect(page.sessions[0]?.close).toHaveBeenCalled();
    await page.desk.monitor(CALL_B);
    expect(page.sessions).toHaveLength(1);
  });

  describe('joining to assist', () => {
    const names = (page: ReturnType<typeof setUp>) => page.request.mock.calls.map(([name]) => name);

    it('publishes camera and microphone on the same session, then asks to join', async () => {
      const page = setUp();
      await page.desk.monitor(CALL_A);
      const joining = page.desk.join();
      expect(page.desk.state.isJoining).toBe(true);
      await joining;
      const [session] = page.sessions;
      expect(page.sessions).toHaveLength(1);
      expect(session?.publish.mock.calls).toEqual([
        [page.local.camera, 'camera'],
        [page.local.microphone, 'microphone'],
      ]);
      expect(page.request.mock.calls.at(-1)).toEqual(['supervisor:join', { consultationId: CALL_A }]);
      expect(session!.publish.mock.invocationCallOrder[1]).toBeLessThan(
        page.request.mock.invocationCallOrder.at(-1)!,
      );
      expect(page.desk.state).toMatchObject({ consultationId: CALL_A, isJoining: false, isJoined: true });
    });

    it('leaves: stops the devices, sends consultation:leave and closes the panel', async () => {
      const page = setUp();
      await page.desk.monitor(CALL_A);
      await page.desk.join();
      await page.desk.stop();
      expect(page.request.mock.calls.at(-1)).toEqual(['consultation:leave', { consultationId: CALL_A }]);
      expect(names(page)).not.toContain('supervisor:stop-monitoring');
      expect(page.local.camera.stop).toHaveBeenCalled();
      expect(page.local.microphone.stop).toHaveBeenCalled();
      expect(page.desk.state).toEqual(expect.objectContaining({ consultationId: null, isJoined: false }));
      expect(page.sessions[0]?.close).not.toHaveBeenCalled();
    });

    it('cleans up the same way when the joined call ends', async () => {
      const page = setUp();
      await page.desk.monitor(CALL_A);
      await page.desk.join();
      page.desk.onCallEnded(CALL_B);
      expect(page.desk.state.isJoined).toBe(true);
      page.desk.onCallEnded(CALL_A);
      expect(page.local.camera.stop).toHaveBeenCalled();
      expect(page.local.microphone.stop).toHaveBeenCalled();
      expect(page.desk.state).toMatchObject({ consultationId: null, isJoined: false });
      expect(names(page)).not.toContain('consultation:leave');
    });

    it('cleans up when a snapshot no longer lists the joined call', async () => {
      const page = setUp();
      await page.desk.monitor(CALL_A);
      await page.desk.join();
      page.desk.onRunningCalls([CALL_B]);
      expect(page.local.camera.stop).toHaveBeenCalled();
      expect(page.desk.state).toMatchObject({ consultationId: null, isJoined: false });
    });

    it('reports a failed publish, stops the devices and keeps monitoring', async () => {
      const page = setUp();
      await page.desk.monitor(CALL_A);
      page.sessions[0]!.publish.mockRejectedValueOnce(new SignallingError('MEDIA_UNAVAILABLE', 'x'));
      await page.desk.join();
      expect(page.onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'MEDIA_UNAVAILABLE' }));
      expect(names(page)).not.toContain('supervisor:join');
      expect(page.local.camera.stop).toHaveBeenCalled();
      expect(page.desk.state).toMatchObject({ consultationId: CALL_A, isJoining: false, isJoined: false });
    });

    it('reports devices that cannot be opened, and joins with the one that can', async () => {
      const page = setUp();
      await page.desk.monitor(CALL_A);
      const denied = new DOMException('denied', 'NotAllowedError');
      page.openMedia.mockResolvedValueOnce({ media: { camera: null, microphone: null }, error: denied });
      await page.desk.join();
      expect(page.onError).toHaveBeenCalledWith(denied);
      expect(names(page)).not.toContain('supervisor:join');
      expect(page.desk.state.isJoined).toBe(false);

      page.openMedia.mockResolvedValueOnce({
        media: { camera: null, microphone: page.local.microphone },
        error: denied,
      });
      await page.desk.join();
      expect(page.sessions[0]?.publish.mock.calls).toEqual([[page.local.microphone, 'microphone']]);
      expect(page.desk.state.isJoined).toBe(true);
    });

    it('reports a refused join and stops the devices', async () => {
      const page = setUp();
      await page.desk.monitor(CALL_A);
      page.request.mockRejectedValueOnce(new SignallingError('FORBIDDEN', 'no'));
      await page.desk.join();
      expect(page.onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'FORBIDDEN' }));
      expect(page.local.microphone.stop).toHaveBeenCalled();
      expect(page.desk.state).toMatchObject({ consultationId: CALL_A, isJoined: false });
    });

    it('undoes a join the server granted after the supervisor gave up', async () => {
      const page = setUp();
      await page.desk.monitor(CALL_A);
      let grant: (value: unknown) => void = () => {};
      page.request.mockImplementationOnce(() => new Promise((resolve) => (grant = resolve)));
      const joining = page.desk.join();
      await vi.waitFor(() => expect(names(page)).toContain('supervisor:join'));
      await page.desk.stop();
      grant({});
      await joining;
      expect(names(page).slice(-2)).toEqual(['supervisor:stop-monitoring', 'consultation:leave']);
      expect(page.local.camera.stop).toHaveBeenCalled();
      expect(page.desk.state.consultationId).toBeNull();
    });
  });
});
