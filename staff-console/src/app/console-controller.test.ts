import type {
  CommandName,
  ConsultationView,
  FactName,
  FactPayload,
  QueueSnapshotView,
  StaffId,
} from '@madoguchi/shared';
import { SignallingError, type MediaSessionEvents, type RemoteTrack } from '@madoguchi/shared/client';
import { describe, expect, it, vi } from 'vitest';
import type { LocalMedia } from '../lib/media-devices.ts';
import { ConsoleController, type ConsoleDependencies, type ConsoleSignalling } from './console-controller.ts';
import type { StaffRole } from './screens.ts';

const fakeTrack = (kind: 'audio' | 'video') => ({ kind, stop: vi.fn() }) as unknown as MediaStreamTrack;
const CONSULTATION_ID = '6f1c7f3e-8a3b-4e43-9a55-3b4a0f8e2c11' as ConsultationView['consultationId'];

class FakeSignalling {
  readonly requests: { name: CommandName; payload: unknown }[] = [];
  readonly responses = new Map<CommandName, (payload: unknown) => unknown>();
  readonly connect = vi.fn();
  readonly close = vi.fn();
  readonly waitForConnection = vi.fn(async () => undefined);
  readonly #listeners = new Map<string, Set<(payload: never) => void>>();

  on(name: FactName, listener: (payload: never) => void) {
    const set = this.#listeners.get(name) ?? new Set();
    set.add(listener);
    this.#listeners.set(name, set);
    return () => void set.delete(listener);
  }

  onConnectionChange() {
    return () => undefined;
  }

  async request(name: CommandName, payload: unknown) {
    this.requests.push({ name, payload });
    const respond = this.responses.get(name);
    if (!respond) throw new SignallingError('INTERNAL', `no fake answer for ${name}`);
    return respond(payload);
  }

  emit<N extends FactName>(name: N, payload: FactPayload<N>) {
    for (const listener of this.#listeners.get(name) ?? []) (listener as (payload: unknown) => void)(payload);
  }
}

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
  const media = { start: vi.fn(async () => undefined), publish: vi.fn(async () => 'p'), close: vi.fn() };
  let mediaEvents: MediaSessionEvents = {};
  const local: LocalMedia = { microphone: fakeTrack('audio'), camera: fakeTrack('video') };
  const deps: ConsoleDependencies = {
    connect: vi.fn(() => ({
      signalling: signalling as unknown as ConsoleSignalling,
      createMediaSession: (events: MediaSessionEvents) => {
        mediaEvents = events;
        return media as never;
      },
    })),
    openMedia: vi.fn(async () => ({ media: local, error: null })),
    now: () => NOW,
  };
  const controller = new ConsoleController(deps);
  signalling.responses.set('supervisor:get-snapshot', () => snapshotAt(NOW));
  controller.signIn('tanaka-y' as StaffId, '田中', role);
  const ready = (staffStatus: FactPayload<'session:ready'>['staffStatus']) =>
    signalling.emit('session:ready', {
      participantId: 'b7d1e0c4-1f0a-4c5e-8f57-2a8f3f0b9d21',
      role,
      resumeToken: 'x'.repeat(43),
      isResumed: false,
      consultation: null,
      staffStatus,
    } as unknown as FactPayload<'session:ready'>);
  ready(role === 'clerk' ? 'available' : null);
  await settle();
  return { controller, deps, signalling, media, local, ready, remote: () => mediaEvents };
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
});
