import type { CommandName, ConsultationView, FactName, FactPayload, StaffId } from '@madoguchi/shared';
import { SignallingError, type MediaSessionEvents, type RemoteTrack } from '@madoguchi/shared/client';
import { describe, expect, it, vi } from 'vitest';
import type { LocalMedia } from '../lib/media-devices.ts';
import { ConsoleController, type ConsoleDependencies, type ConsoleSignalling } from './console-controller.ts';

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

const signedIn = async () => {
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
  };
  const controller = new ConsoleController(deps);
  controller.signIn('tanaka' as StaffId, '田中');
  signalling.emit('session:ready', {
    participantId: 'b7d1e0c4-1f0a-4c5e-8f57-2a8f3f0b9d21',
    role: 'clerk',
    resumeToken: 'x'.repeat(43),
    isResumed: false,
    consultation: null,
    staffStatus: 'available',
  } as unknown as FactPayload<'session:ready'>);
  await settle();
  return { controller, deps, signalling, media, local, remote: () => mediaEvents };
};

describe('ConsoleController', () => {
  it('connects the clerk’s media at sign-in, before any call', async () => {
    const desk = await signedIn();
    expect(desk.deps.connect).toHaveBeenCalledWith({ role: 'clerk', staffId: 'tanaka', displayName: '田中' });
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
    });
    controller.signIn('tanaka' as StaffId, '田中');
    await settle();
    expect(controller.getSnapshot().screen).toBe('login');
    expect(controller.getSnapshot().error).toBeInstanceOf(SignallingError);
    expect(signalling.close).toHaveBeenCalled();
  });
});
