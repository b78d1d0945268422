import type { ConsultationView, FactPayload, QueueSnapshotView, StaffId } from '@madoguchi/shared';
import { SignallingError, type MediaSessionEvents, type RemoteTrack } from '@madoguchi/shared/client';
import {
  fakeMediaSession,
  FakeSignalling,
  fakeTrack,
  type FakeMediaSession,
} from '@madoguchi/shared/client/testing';
import { describe, expect, it, vi } from 'vitest';
import type { LocalMedia } from '../lib/media-devices.ts';
import { ConsoleController, type ConsoleDependencies, type ConsoleSignalling } from './console-controller.ts';
import type { StaffRole } from './screens.ts';

const CONSULTATION_ID = '6f1c7f3e-8a3b-4e43-9a55-3b4a0f8e2c11' as ConsultationView['consultationId'];

const consultation = (status: ConsultationView['status']): ConsultationView =>
  ({
    consultationId: CONSULTATION_ID,
    procedureId: 'juminhyo',
    kioskId: 'seiseki-1',
    language: 'ja',
    status,
    staff: [],
    requestedAt: '2025-01-01T00:00:00.000Z',
    answeredAt: status === 'active' ? '2025-01-01T00:00:05.000Z' : null,
    endedAt: null,
    endReason: null,
  }) as unknown as ConsultationView;

const offer = {
  consultationId: CONSULTATION_ID,
  procedureId: 'juminhyo',
  kioskId: 'seiseki-1',
  language: 'ja',
  waitingSince: '2025-01-01T00:00:00.000Z',
  expiresAt: '2025-01-01T00:00:20.000Z',
} as FactPayload<'call:offered'>;

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

const NOW = Date.parse('2026-01-08T10:00:00.000Z');

const signedIn = async (role: StaffRole = 'clerk') => {
  const signalling = new FakeSignalling();
  const media = fakeMediaSession();
  // The first media session is `media`; a new server session gets a fresh one.
  const sessions: FakeMediaSession[] = [];
  let mediaEvents: MediaSessionEvents = {};
  const local: LocalMedia = { microphone: fakeTrack('audio'), camera: fakeTrack('video') };
  const deps: ConsoleDependencies = {
    connect: vi.fn(() => ({
      signalling: signalling as unknown as ConsoleSignalling,
      createMediaSession: (events: MediaSessionEvents) => {
        mediaEvents = events;
        const session = sessions.length === 0 ? media : fakeMediaSession();
        sessions.push(session);
        return session as never;
      },
    })),
    openMedia: vi.fn(async () => ({ media: local, error: null })),
    now: () => NOW,
  };
  const controller = new ConsoleController(deps);
  signalling.responses.set('supervisor:get-snapshot', () => snapshotAt(NOW));
  controller.signIn('tanaka-y' as StaffId, '田中', role);
  const ready = (
    staffStatus: FactPayload<'session:ready'>['staffStatus'],
    { isResumed = false, consultation = null as ConsultationView | null } = {},
  ) =>
    signalling.emit('session:ready', {
      participantId: 'b7d1e0c4-1f0a-4c5e-8f57-2a8f3f0b9d21',
      role,
      resumeToken: 'x'.repeat(43),
      isResumed,
      consultation,
      staffStatus,
    } as unknown as FactPayload<'session:ready'>);
  ready(role === 'clerk' ? 'available' : null);
  await settle();
  return { controller, deps, signalling, media, sessions, local, ready, remote: () => mediaEvents };
};

const snapshotAt = (at: number, waitingSince = at - 30_000): QueueSnapshotView =>
  ({
    at: new Date(at).toISOString(),
    callers: [
      {
        consultationId: CONSULTATION_ID,
        procedureId: 'juumin-idou',
        kioskId: 'seiseki-1',
        language: 'ja',
        isReservation: false,
        waitingSince: new Date(waitingSince).toISOString(),
        offeredTo: null,
      },
    ],
    clerks: [],
  }) as unknown as QueueSnapshotView;

describe('ConsoleController', () => {
  it('connects the clerk’s media at sign-in, before any call', async () => {
    const desk = await signedIn();
    expect(desk.deps.connect).toHaveBeenCalledWith({
      role: 'clerk',
      staffId: 'tanaka-y',
      displayName: '田中',
    });
    expect(desk.controller.getSnapshot()).toMatchObject({ screen: 'idle', staffStatus: 'available' });
    expect(desk.media.start).toHaveBeenCalled();
    expect(desk.media.publish.mock.calls.map((call) => (call as unknown[])[1])).toEqual([
      'camera',
      'microphone',
    ]);
  });

  it('shows an offer until it is withdrawn', async () => {
    const desk = await signedIn();
    desk.signalling.emit('call:offered', offer);
    expect(desk.controller.getSnapshot().offer).toEqual(offer);
    desk.signalling.emit('call:offer-withdrawn', { consultationId: CONSULTATION_ID, reason: 'expired' });
    expect(desk.controller.getSnapshot().offer).toBeNull();
  });

  it('accepts, shows the call and returns to idle when it ends', async () => {
    const desk = await signedIn();
    desk.signalling.responses.set('call:accept', () => ({ consultation: consultation('active') }));
    desk.signalling.emit('call:offered', offer);
    await desk.controller.accept();
    expect(desk.controller.getSnapshot()).toMatchObject({ screen: 'in-call', offer: null });

    desk.remote().onRemoteTrack?.({ consumerId: 'c1', source: 'document-camera' } as RemoteTrack);
    expect(desk.controller.getSnapshot().remoteTracks).toHaveLength(1);
    desk.remote().onRemoteTrackEnded?.('c1');
    expect(desk.controller.getSnapshot().remoteTracks).toHaveLength(0);

    desk.signalling.emit('consultation:updated', { consultation: consultation('ended') });
    expect(desk.controller.getSnapshot()).toMatchObject({ screen: 'idle', consultation: null });
    // The desk's media session outlives the call.
    expect(desk.media.close).not.toHaveBeenCalled();
  });

  it('drops an offer another clerk took and says why', async () => {
    const desk = await signedIn();
    desk.signalling.responses.set('call:accept', () => {
      throw new SignallingError('INVALID_STATE', 'taken');
    });
    desk.signalling.emit('call:offered', offer);
    await desk.controller.accept();
    const state = desk.controller.getSnapshot();
    expect(state).toMatchObject({ screen: 'idle', offer: null, isAnswering: false });
    expect((state.error as SignallingError).code).toBe('INVALID_STATE');
  });

  it('goes back to the sign-in form when the server refuses the identity', async () => {
    const signalling = new FakeSignalling();
    signalling.waitForConnection.mockRejectedValueOnce(new SignallingError('UNAUTHENTICATED', 'no'));
    const controller = new ConsoleController({
      connect: () => ({
        signalling: signalling as unknown as ConsoleSignalling,
        createMediaSession: vi.fn(),
      }),
      openMedia: vi.fn(),
      now: () => NOW,
    });
    controller.signIn('unknown' as StaffId, '田中');
    await settle();
    expect(controller.getSnapshot().screen).toBe('login');
    expect(controller.getSnapshot().error).toBeInstanceOf(SignallingError);
    expect(signalling.close).toHaveBeenCalled();
  });

  describe('status', () => {
    it('goes away with a reason', async () => {
      const desk = await signedIn();
      desk.signalling.responses.set('staff:set-status', () => ({ status: 'away' }));
      await desk.controller.setStatus({ status: 'away', reason: 'meeting' });
      expect(desk.signalling.requests.at(-1)).toEqual({
        name: 'staff:set-status',
        payload: { status: 'away', reason: 'meeting' },
      });
      expect(desk.controller.getSnapshot()).toMatchObject({ staffStatus: 'away', statusReason: 'meeting' });
    });

    it('follows the server through wrap-up and an offer that rang out', async () => {
      const desk = await signedIn();
      const until = new Date(NOW + 60_000).toISOString();
      desk.signalling.emit('staff:status-changed', { status: 'wrap-up', reason: null, until });
      expect(desk.controller.getSnapshot()).toMatchObject({ staffStatus: 'wrap-up', statusUntil: until });

      desk.signalling.emit('call:offered', offer);
      desk.signalling.emit('call:offer-withdrawn', { consultationId: CONSULTATION_ID, reason: 'expired' });
      desk.signalling.emit('staff:status-changed', { status: 'not-responding', reason: null, until: null });
      expect(desk.controller.getSnapshot()).toMatchObject({
        staffStatus: 'not-responding',
        statusUntil: null,
        offer: null,
      });

      desk.signalling.responses.set('staff:set-status', () => ({ status: 'available' }));
      await desk.controller.setStatus({ status: 'available' });
      expect(desk.controller.getSnapshot()).toMatchObject({ staffStatus: 'available', statusReason: null });
    });

    it('keeps the reason across a resumed session in the same status only', async () => {
      const desk = await signedIn();
      desk.signalling.emit('staff:status-changed', { status: 'away', reason: 'break', until: null });
      desk.ready('away');
      expect(desk.controller.getSnapshot().statusReason).toBe('break');
      desk.ready('available');
      expect(desk.controller.getSnapshot().statusReason).toBeNull();
    });
  });

  describe('supervisor', () => {
    it('signs in as a supervisor, asks for the snapshot and opens no devices', async () => {
      const desk = await signedIn('supervisor');
      expect(desk.deps.connect).toHaveBeenCalledWith({
        role: 'supervisor',
        staffId: 'tanaka-y',
        displayName: '田中',
      });
      expect(desk.signalling.requests.map((request) => request.name)).toEqual(['supervisor:get-snapshot']);
      expect(desk.controller.getSnapshot()).toMatchObject({ screen: 'supervisor', clockOffsetMs: 0 });
      expect(desk.controller.getSnapshot().queueSnapshot?.callers).toHaveLength(1);
      expect(desk.deps.openMedia).not.toHaveBeenCalled();
      expect(desk.media.start).not.toHaveBeenCalled();
    });

    it('follows pushed snapshots but never goes back to an older one', async () => {
      const desk = await signedIn('supervisor');
      const newer = { ...snapshotAt(NOW + 5_000), callers: [] };
      desk.signalling.emit('queue:snapshot', newer);
      expect(desk.controller.getSnapshot().queueSnapshot).toBe(newer);
      desk.signalling.emit('queue:snapshot', snapshotAt(NOW + 1_000));
      expect(desk.controller.getSnapshot().queueSnapshot).toBe(newer);
    });

    it('measures how far the server clock is from this machine’s', async () => {
      const desk = await signedIn('supervisor');
      desk.signalling.emit('queue:snapshot', snapshotAt(NOW + 90_000));
      expect(desk.controller.getSnapshot().clockOffsetMs).toBe(90_000);
    });

    it('asks again after a reconnection, since pushed snapshots were missed meanwhile', async () => {
      const desk = await signedIn('supervisor');
      desk.ready(null);
      await settle();
      expect(desk.signalling.requests.map((request) => request.name)).toEqual([
        'supervisor:get-snapshot',
        'supervisor:get-snapshot',
      ]);
    });

    it('cannot set a clerk status', async () => {
      const desk = await signedIn('supervisor');
      await desk.controller.setStatus({ status: 'available' });
      expect(desk.signalling.requests.map((request) => request.name)).not.toContain('staff:set-status');
    });
  });

  describe('after the server restarted', () => {
    const inCall = async () => {
      const desk = await signedIn();
      desk.signalling.responses.set('call:accept', () => ({ consultation: consultation('active') }));
      desk.signalling.emit('call:offered', offer);
      await desk.controller.accept();
      desk.remote().onRemoteTrack?.({ consumerId: 'c1', source: 'camera' } as RemoteTrack);
      return desk;
    };

    it('starts a new desk media session and publishes camera and microphone again', async () => {
      const desk = await signedIn();
      desk.ready('available');
      await settle();
      expect(desk.media.close).toHaveBeenCalled();
      expect(desk.sessions).toHaveLength(2);
      const rebuilt = desk.sessions[1]!;
      expect(rebuilt.start).toHaveBeenCalled();
      expect(rebuilt.publish.mock.calls).toEqual([
        [desk.local.camera, 'camera'],
        [desk.local.microphone, 'microphone'],
      ]);
      // The devices are the desk's: opened once, not again for the new session.
      expect(desk.deps.openMedia).toHaveBeenCalledTimes(1);
    });

    it('drops a call the new server does not know and shows its status', async () => {
      const desk = await inCall();
      expect(desk.controller.getSnapshot().screen).toBe('in-call');
      desk.ready('available');
      expect(desk.controller.getSnapshot()).toMatchObject({
        screen: 'idle',
        consultation: null,
        remoteTracks: [],
        staffStatus: 'available',
      });
    });

    it('drops a ringing offer until the server offers it again', async () => {
      const desk = await signedIn();
      desk.signalling.emit('call:offered', offer);
      desk.ready('available');
      expect(desk.controller.getSnapshot().offer).toBeNull();
      desk.signalling.emit('call:offered', offer);
      expect(desk.controller.getSnapshot().offer).toEqual(offer);
    });

    it('keeps a call the new server still names, with new media', async () => {
      const desk = await inCall();
      desk.ready('busy', { consultation: consultation('active') });
      await settle();
      expect(desk.controller.getSnapshot()).toMatchObject({
        screen: 'in-call',
        staffStatus: 'busy',
        remoteTracks: [],
      });
      expect(desk.sessions).toHaveLength(2);
    });

    it('rebuilds nothing after a brief drop that resumed the session', async () => {
      const desk = await inCall();
      desk.ready('busy', { isResumed: true, consultation: consultation('active') });
      await settle();
      expect(desk.sessions).toHaveLength(1);
      expect(desk.media.close).not.toHaveBeenCalled();
      expect(desk.controller.getSnapshot()).toMatchObject({ screen: 'in-call' });
      expect(desk.controller.getSnapshot().remoteTracks).toHaveLength(1);
    });
  });
});
