import type { ConsultationView, FactPayload, ProcedureId } from '@madoguchi/shared';
import { SignallingError, type MediaSessionEvents, type RemoteTrack } from '@madoguchi/shared/client';
import {
  FakeFetch,
  fakeMediaSession,
  FakeSignalling,
  fakeTrack,
  refusal,
  type FakeMediaSession,
} from '@madoguchi/shared/client/testing';
import { describe, expect, it, vi } from 'vitest';
import { RESUME_TOKEN_KEY } from '../features/call/resume-token.ts';
import { CAPTURE_NOTICE_MS } from '../features/capture/capture-flow.ts';
import { IDLE_TIMEOUT_MS, IDLE_WARNING_MS } from '../features/idle/idle-timer.ts';
import { HELP_NOTICE_MS } from '../features/shell/help-request.ts';
import { SETTINGS_KEY } from '../features/settings/settings.ts';
import type { DeviceProbe } from '../features/devices/device-check.ts';
import type { LocalMedia } from '../lib/media-devices.ts';
import {
  CALL_FAILED_SCREEN_MS,
  CALL_RESET_NOTICE_MS,
  CLERK_CHANGED_NOTICE_MS,
  THANKS_SCREEN_MS,
  KioskController,
  OWED_MEDIA_RETRY_MS,
  REFUSED_RETRY_MS,
  type KioskDependencies,
  type KioskSignalling,
} from './kiosk-controller.ts';

const CREDENTIAL = 'k'.repeat(43);
const NEW_CREDENTIAL = 'n'.repeat(43);

const consultation = (status: ConsultationView['status']): ConsultationView =>
  ({
    consultationId: '6f1c7f3e-8a3b-4e43-9a55-3b4a0f8e2c11',
    procedureId: 'juminhyo',
    kioskId: 'seiseki-1',
    language: 'en',
    status,
    staff: [],
    requestedAt: '2025-01-01T00:00:00.000Z',
    answeredAt: null,
    endedAt: null,
    endReason: null,
  }) as unknown as ConsultationView;

const enrolled = {
  kioskId: 'seiseki-1',
  credential: CREDENTIAL,
  faceCameraId: 'face',
  documentCameraId: 'doc',
};

const setUp = ({ stored = enrolled as object | null } = {}) => {
  const signalling = new FakeSignalling();
  const media = fakeMediaSession();
  // The first media session is `media`; a rebuild gets a fresh one.
  const sessions: FakeMediaSession[] = [];
  let mediaEvents: MediaSessionEvents = {};
  const local: LocalMedia = {
    microphone: fakeTrack('audio'),
    camera: fakeTrack('video'),
    documentCamera: fakeTrack('video'),
  };
  const items = new Map<string, string>();
  if (stored) items.set(SETTINGS_KEY, JSON.stringify(stored));
  const sessionItems = new Map<string, string>();
  const server = new FakeFetch();
  const probe: { current: DeviceProbe } = { current: healthyProbe() };
  const deps: KioskDependencies = {
    storage: {
      getItem: (key) => items.get(key) ?? null,
      setItem: (key, value) => void items.set(key, value),
      removeItem: (key) => void items.delete(key),
      key: (index) => [...items.keys()][index] ?? null,
      get length() {
        return items.size;
      },
    },
    sessionStorage: {
      clear: vi.fn(() => sessionItems.clear()),
      getItem: (key) => sessionItems.get(key) ?? null,
      setItem: (key, value) => void sessionItems.set(key, value),
    },
    connect: vi.fn(() => ({
      signalling: signalling as unknown as KioskSignalling,
      createMediaSession: (events: MediaSessionEvents) => {
        mediaEvents = events;
        const session = sessions.length === 0 ? media : fakeMediaSession();
        sessions.push(session);
        return session as never;
      },
    })),
    fetch: server.fetch,
    openMedia: vi.fn(async () => ({
      media: local,
      error: null,
      outcomes: { microphone: 'opened', camera: 'opened', documentCamera: 'opened' } as const,
    })),
    grabStill: vi.fn(async () => new Blob(['jpeg'], { type: 'image/jpeg' })),
    renderSignature: vi.fn(async () => new Blob(['png'], { type: 'image/png' })),
    probeDevices: vi.fn(async () => probe.current),
    objectUrls: { create: vi.fn(() => `blob:${++urls}`), revoke: vi.fn() },
    now: () => Date.now(),
  };
  let urls = 0;
  const controller = new KioskController(deps);
  signalling.responses.set('consultation:request', () => ({
    outcome: 'queued',
    consultation: consultation('waiting'),
  }));
  signalling.responses.set('consultation:cancel', () => ({}));
  signalling.responses.set('consultation:hang-up', () => ({}));
  signalling.responses.set('kiosk:report-devices', () => ({ isInService: true }));
  return {
    controller,
    deps,
    server,
    signalling,
    media,
    sessions,
    local,
    items,
    sessionItems,
    probe,
    remote: () => mediaEvents,
  };
};

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

const healthyProbe = (): DeviceProbe => ({
  camera: { open: 'opened', isLive: true, width: 1280, height: 720 },
  documentCamera: { open: 'opened', isLive: true, width: 1920, height: 1080 },
  microphone: { open: 'opened', isLive: true, isMuted: false },
  speaker: { outputs: 1, canListOutputs: true, hasAudioDestination: true },
});

const RESUME_TOKEN = 'x'.repeat(43);

const sessionReady = (
  consultation: ConsultationView | null,
  isResumed: boolean,
  resumeToken = RESUME_TOKEN,
) =>
  ({
    participantId: 'b7d1e0c4-1f0a-4c5e-8f57-2a8f3f0b9d21',
    role: 'kiosk',
    resumeToken,
    isResumed,
    consultation,
    staffStatus: null,
  }) as unknown as FactPayload<'session:ready'>;

/** The commands sent, without the device reports that every start and wipe sends. */
const calls = (kiosk: { signalling: FakeSignalling }) =>
  kiosk.signalling.requests.filter((request) => request.name !== 'kiosk:report-devices');

const sources = (session: FakeMediaSession) => session.publish.mock.calls.map((call) => call[1]);

/** The resident's way in: attract → language → procedure → confirm → call. */
const startCall = async (kiosk: ReturnType<typeof setUp>) => {
  kiosk.controller.init();
  await settle();
  kiosk.controller.start();
  kiosk.controller.chooseLanguage('en');
  kiosk.controller.selectProcedure('juminhyo' as ProcedureId);
  await kiosk.controller.call();
};

describe('KioskController', () => {
  it('connects with its device credential', async () => {
    const kiosk = setUp();
    kiosk.controller.init();
    expect(kiosk.deps.connect).toHaveBeenCalledWith({ role: 'kiosk', credential: CREDENTIAL });
    await settle();
    expect(kiosk.controller.getSnapshot().screen).toBe('attract');
  });

  it('requests a consultation in the resident’s language and publishes the booth’s three tracks', async () => {
    const kiosk = setUp();
    await startCall(kiosk);
    expect(calls(kiosk)[0]).toEqual({
      name: 'consultation:request',
      payload: { procedureId: 'juminhyo', language: 'en' },
    });
    expect(kiosk.controller.getSnapshot().screen).toBe('waiting');
    expect(kiosk.media.start).toHaveBeenCalled();
    expect(kiosk.media.publish.mock.calls.map((call) => (call as unknown[])[1])).toEqual([
      'microphone',
      'camera',
      'document-camera',
    ]);
    expect(kiosk.media.publish.mock.calls[2]).toEqual([
      kiosk.local.documentCamera,
      'document-camera',
      { isDetail: true, maxBitrate: 3_000_000 },
    ]);
  });

  it('shows the call when answered and wipes the resident when it ends', async () => {
    const kiosk = setUp();
    await startCall(kiosk);
    kiosk.signalling.emit('consultation:updated', { consultation: consultation('active') });
    expect(kiosk.controller.getSnapshot().screen).toBe('in-call');

    const clerkCamera = fakeTrack('video');
    kiosk.remote().onRemoteTrack?.({ consumerId: 'c1', source: 'camera', track: clerkCamera } as RemoteTrack);
    expect(kiosk.controller.getSnapshot().remoteTracks).toHaveLength(1);

    kiosk.signalling.emit('consultation:updated', { consultation: consultation('ended') });
    expect(kiosk.controller.getSnapshot()).toMatchObject({ screen: 'survey', language: 'en' });
    kiosk.controller.skipSurvey();
    kiosk.controller.finish();
    const state = kiosk.controller.getSnapshot();
    expect(state).toMatchObject({
      screen: 'attract',
      language: 'ja',
      consultation: null,
      selectedProcedureId: null,
    });
    expect(state.remoteTracks).toEqual([]);
    expect(kiosk.media.close).toHaveBeenCalled();
    expect(clerkCamera.stop).toHaveBeenCalled();
    // The booth's own devices stay open for the next resident.
    expect(state.localMedia).toBe(kiosk.local);
    expect(kiosk.local.camera?.stop).not.toHaveBeenCalled();
  });

  it('keeps every participant’s tracks in a call with two clerks, each one until it ends', async () => {
    const kiosk = setUp();
    await startCall(kiosk);
    kiosk.signalling.emit('consultation:updated', { consultation: consultation('active') });
    const remote = (consumerId: string, participantId: string, source: RemoteTrack['source']) =>
      ({
        consumerId,
        participantId,
        role: 'clerk',
        source,
        kind: source === 'microphone' ? 'audio' : 'video',
        track: fakeTrack(source === 'microphone' ? 'audio' : 'video'),
      }) as RemoteTrack;
    const tracks = [
      remote('c1', 'tanaka', 'microphone'),
      remote('c2', 'suzuki', 'microphone'),
      remote('c3', 'tanaka', 'camera'),
      remote('c4', 'suzuki', 'camera'),
    ];
    for (const track of tracks) kiosk.remote().onRemoteTrack?.(track);
    expect(kiosk.controller.getSnapshot().remoteTracks).toEqual(tracks);
    kiosk.remote().onRemoteTrackEnded?.('c2');
    expect(kiosk.controller.getSnapshot().remoteTracks.map((track) => track.consumerId)).toEqual([
      'c1',
      'c3',
      'c4',
    ]);
  });

  it('cancels a waiting call', async () => {
    const kiosk = setUp();
    await startCall(kiosk);
    await kiosk.controller.cancel();
    expect(calls(kiosk).at(-1)?.name).toBe('consultation:cancel');
    expect(kiosk.controller.getSnapshot().screen).toBe('attract');
  });

  it('hangs up instead when the call was answered meanwhile', async () => {
    const kiosk = setUp();
    await startCall(kiosk);
    kiosk.signalling.responses.set('consultation:cancel', () => {
      throw new SignallingError('INVALID_STATE', 'already active');
    });
    await kiosk.controller.cancel();
    expect(
      calls(kiosk)
        .map((request) => request.name)
        .slice(-2),
    ).toEqual(['consultation:cancel', 'consultation:hang-up']);
  });

  it('shows the error and gives up the call when media cannot start', async () => {
    const kiosk = setUp();
    kiosk.media.start.mockRejectedValueOnce(new SignallingError('MEDIA_UNAVAILABLE', 'no workers'));
    await startCall(kiosk);
    const state = kiosk.controller.getSnapshot();
    expect(state.screen).toBe('attract');
    expect(state.error).toBeInstanceOf(SignallingError);
    expect(calls(kiosk).at(-1)?.name).toBe('consultation:cancel');
  });

  it('ignores facts about another consultation', async () => {
    const kiosk = setUp();
    await startCall(kiosk);
    kiosk.signalling.emit('consultation:updated', {
      consultation: { ...consultation('ended'), consultationId: 'another' as never },
    });
    expect(kiosk.controller.getSnapshot().screen).toBe('waiting');
  });

  describe('enrollment', () => {
    const cameras = { faceCameraId: 'a', documentCameraId: 'b' };

    it('asks for an enrollment first, enrolls with the code and stores the credential with the cameras', async () => {
      const kiosk = setUp({ stored: null });
      kiosk.server.on('POST /api/kiosk/enroll', { kioskId: 'nagayama-1', credential: NEW_CREDENTIAL });
      kiosk.controller.init();
      expect(kiosk.controller.getSnapshot().screen).toBe('settings');
      expect(kiosk.deps.connect).not.toHaveBeenCalled();
      await kiosk.controller.saveSettings({ enrollmentCode: '12345678', ...cameras });
      expect(kiosk.server.sent('POST /api/kiosk/enroll')[0]?.body).toEqual({ code: '12345678' });
      expect(JSON.parse(kiosk.items.get(SETTINGS_KEY)!)).toEqual({
        kioskId: 'nagayama-1',
        credential: NEW_CREDENTIAL,
        ...cameras,
      });
      expect(kiosk.deps.connect).toHaveBeenCalledWith({ role: 'kiosk', credential: NEW_CREDENTIAL });
      await settle();
      expect(kiosk.controller.getSnapshot()).toMatchObject({
        screen: 'attract',
        settings: { enrollment: { kioskId: 'nagayama-1' } },
      });
    });

    it('stays on the settings and says why when the code is refused', async () => {
      const kiosk = setUp({ stored: null });
      const answers = [
        refusal(401, 'UNAUTHENTICATED', 'this enrollment code is wrong, used or expired'),
        refusal(429, 'RATE_LIMITED', 'too many enrollment attempts'),
      ];
      kiosk.server.on('POST /api/kiosk/enroll', () => answers.shift()!);
      kiosk.controller.init();
      await kiosk.controller.saveSettings({ enrollmentCode: '00000000', ...cameras });
      expect(kiosk.controller.getSnapshot()).toMatchObject({
        screen: 'settings',
        enrollmentProblem: 'code-refused',
        isEnrolling: false,
        error: null,
      });
      await kiosk.controller.saveSettings({ enrollmentCode: '00000000', ...cameras });
      expect(kiosk.controller.getSnapshot().enrollmentProblem).toBe('rate-limited');
      expect(kiosk.items.has(SETTINGS_KEY)).toBe(false);
      expect(kiosk.deps.connect).not.toHaveBeenCalled();
    });

    it('sends settings from before enrollment to the settings screen, keeping their cameras', () => {
      const kiosk = setUp({
        stored: { kioskId: 'seiseki-1', faceCameraId: 'face', documentCameraId: 'doc' },
      });
      kiosk.controller.init();
      expect(kiosk.controller.getSnapshot()).toMatchObject({
        screen: 'settings',
        settings: { enrollment: null, faceCameraId: 'face', documentCameraId: 'doc' },
      });
      expect(kiosk.deps.connect).not.toHaveBeenCalled();
    });

    it('changes only the cameras of an enrolled kiosk, without a code', async () => {
      const kiosk = setUp();
      kiosk.controller.init();
      await settle();
      kiosk.controller.openSettings();
      await kiosk.controller.saveSettings({ enrollmentCode: null, ...cameras });
      expect(kiosk.server.requests).toEqual([]);
      expect(JSON.parse(kiosk.items.get(SETTINGS_KEY)!)).toEqual({
        kioskId: 'seiseki-1',
        credential: CREDENTIAL,
        ...cameras,
      });
      expect(kiosk.deps.connect).toHaveBeenLastCalledWith({ role: 'kiosk', credential: CREDENTIAL });
    });

    it('returns to the settings when the server refuses the credential, and enrolls again', async () => {
      const kiosk = setUp();
      kiosk.controller.init();
      await settle();
      kiosk.signalling.refuse('UNAUTHENTICATED', 'this kiosk is not enrolled (or was revoked)');
      expect(kiosk.controller.getSnapshot()).toMatchObject({ screen: 'settings', isKioskRefused: true });
      expect(kiosk.signalling.close).toHaveBeenCalled();
      expect(kiosk.local.camera?.stop).toHaveBeenCalled();
      // A refused credential is no enrollment: the kiosk cannot just carry on with it.
      kiosk.controller.closeSettings();
      await kiosk.controller.saveSettings({ enrollmentCode: null, ...cameras });
      expect(kiosk.controller.getSnapshot().screen).toBe('settings');

      kiosk.server.on('POST /api/kiosk/enroll', { kioskId: 'seiseki-1', credential: NEW_CREDENTIAL });
      await kiosk.controller.saveSettings({ enrollmentCode: '87654321', ...cameras });
      expect(kiosk.deps.connect).toHaveBeenLastCalledWith({ role: 'kiosk', credential: NEW_CREDENTIAL });
      await settle();
      expect(kiosk.controller.getSnapshot()).toMatchObject({ screen: 'attract', isKioskRefused: false });
    });

    it('is cut off mid-call when revoked, and forgets the resident', async () => {
      const kiosk = setUp();
      await startCall(kiosk);
      kiosk.signalling.refuse('UNAUTHENTICATED', 'revoked');
      expect(kiosk.controller.getSnapshot()).toMatchObject({
        screen: 'settings',
        isKioskRefused: true,
        consultation: null,
        language: 'ja',
      });
      expect(kiosk.media.close).toHaveBeenCalled();
    });

    it('tries again later when the handshake is refused for too many attempts', async () => {
      const kiosk = setUp();
      kiosk.controller.init();
      await settle();
      vi.useFakeTimers();
      try {
        kiosk.signalling.refuse('RATE_LIMITED', 'too many connection attempts');
        expect(kiosk.controller.getSnapshot().screen).toBe('attract');
        expect(kiosk.signalling.connect).toHaveBeenCalledTimes(1);
        vi.advanceTimersByTime(REFUSED_RETRY_MS);
        expect(kiosk.signalling.connect).toHaveBeenCalledTimes(2);
      } finally {
        vi.useRealTimers();
      }
    });

    it('forgets its enrollment on request, and keeps the cameras', async () => {
      const kiosk = setUp();
      kiosk.controller.init();
      await settle();
      kiosk.controller.openSettings();
      kiosk.controller.forgetKiosk();
      expect(JSON.parse(kiosk.items.get(SETTINGS_KEY)!)).toEqual({
        faceCameraId: 'face',
        documentCameraId: 'doc',
      });
      expect(kiosk.controller.getSnapshot().settings?.enrollment).toBeNull();
      kiosk.controller.closeSettings();
      expect(kiosk.controller.getSnapshot().screen).toBe('settings');
    });
  });

  describe('outside opening hours', () => {
    const closedKiosk = () => {
      const kiosk = setUp();
      kiosk.signalling.responses.set('consultation:request', () => ({
        outcome: 'closed',
        nextOpeningAt: '2026-01-13T08:30:00.000+09:00',
      }));
      return kiosk;
    };

    it('tells the resident when the window opens and starts over on request', async () => {
      const kiosk = closedKiosk();
      await startCall(kiosk);
      expect(kiosk.controller.getSnapshot()).toMatchObject({
        screen: 'closed',
        nextOpeningAt: '2026-01-13T08:30:00.000+09:00',
        language: 'en',
      });
      expect(kiosk.media.start).not.toHaveBeenCalled();
      kiosk.controller.startOver();
      expect(kiosk.controller.getSnapshot()).toMatchObject({
        screen: 'attract',
        nextOpeningAt: null,
        language: 'ja',
        selectedProcedureId: null,
      });
    });

    it('warns, then starts over by itself when the resident walks away', async () => {
      const kiosk = closedKiosk();
      kiosk.controller.init();
      await settle();
      vi.useFakeTimers();
      try {
        kiosk.controller.start();
        kiosk.controller.chooseLanguage('en');
        kiosk.controller.selectProcedure('juminhyo' as ProcedureId);
        await kiosk.controller.call();
        expect(kiosk.controller.getSnapshot().screen).toBe('closed');
        vi.advanceTimersByTime(IDLE_TIMEOUT_MS);
        expect(kiosk.controller.getSnapshot()).toMatchObject({
          screen: 'closed',
          idleWarningUntil: expect.any(Number),
        });
        vi.advanceTimersByTime(IDLE_WARNING_MS);
        expect(kiosk.controller.getSnapshot()).toMatchObject({ screen: 'attract', language: 'ja' });
      } finally {
        vi.useRealTimers();
      }
    });
  });

  describe('queue position', () => {
    const update = (position: number, expectedWaitMs: number | null) => ({
      consultationId: consultation('waiting').consultationId,
      position,
      expectedWaitMs,
    });

    it('knows nothing until the server says, then follows its updates', async () => {
      const kiosk = setUp();
      await startCall(kiosk);
      expect(kiosk.controller.getSnapshot().queue).toBeNull();
      kiosk.signalling.emit('queue:updated', update(2, 180_000));
      expect(kiosk.controller.getSnapshot().queue).toEqual({ position: 2, expectedWaitMs: 180_000 });
      kiosk.signalling.emit('queue:updated', update(0, null));
      expect(kiosk.controller.getSnapshot().queue).toEqual({ position: 0, expectedWaitMs: null });
    });

    it('ignores updates about another consultation', async () => {
      const kiosk = setUp();
      await startCall(kiosk);
      kiosk.signalling.emit('queue:updated', { ...update(1, 60_000), consultationId: 'another' as never });
      expect(kiosk.controller.getSnapshot().queue).toBeNull();
    });

    it('keeps an update that overtakes the answer to the request', async () => {
      const kiosk = setUp();
      kiosk.signalling.responses.set('consultation:request', () => {
        kiosk.signalling.emit('queue:updated', update(3, 240_000));
        return { outcome: 'queued', consultation: consultation('waiting') };
      });
      await startCall(kiosk);
      expect(kiosk.controller.getSnapshot().queue).toEqual({ position: 3, expectedWaitMs: 240_000 });
    });

    it('forgets the position with the resident', async () => {
      const kiosk = setUp();
      await startCall(kiosk);
      kiosk.signalling.emit('queue:updated', update(1, 60_000));
      await kiosk.controller.cancel();
      expect(kiosk.controller.getSnapshot().queue).toBeNull();
    });
  });

  describe('after the server restarted', () => {
    it('rebuilds media on the new server and keeps the resident waiting', async () => {
      const kiosk = setUp();
      await startCall(kiosk);
      kiosk.signalling.emit('queue:updated', {
        consultationId: consultation('waiting').consultationId,
        position: 2,
        expectedWaitMs: 120_000,
      });
      kiosk.signalling.emit('session:ready', sessionReady(consultation('waiting'), false));
      await settle();
      expect(kiosk.media.close).toHaveBeenCalled();
      expect(kiosk.sessions).toHaveLength(2);
      const rebuilt = kiosk.sessions[1]!;
      expect(rebuilt.start).toHaveBeenCalled();
      expect(rebuilt.publish.mock.calls).toEqual(kiosk.media.publish.mock.calls);
      expect(sources(rebuilt)).toEqual(['microphone', 'camera', 'document-camera']);
      expect(kiosk.controller.getSnapshot()).toMatchObject({
        screen: 'waiting',
        language: 'en',
        consultation: consultation('waiting'),
        isCallReset: false,
      });
    });

    it('goes back from the call to waiting when the call was re-queued', async () => {
      const kiosk = setUp();
      await startCall(kiosk);
      kiosk.signalling.emit('consultation:updated', { consultation: consultation('active') });
      const clerkCamera = fakeTrack('video');
      kiosk
        .remote()
        .onRemoteTrack?.({ consumerId: 'c1', source: 'camera', track: clerkCamera } as RemoteTrack);
      kiosk.signalling.emit('session:ready', sessionReady(consultation('offered'), false));
      await settle();
      expect(kiosk.controller.getSnapshot()).toMatchObject({ screen: 'waiting', remoteTracks: [] });
      expect(clerkCamera.stop).toHaveBeenCalled();
      expect(sources(kiosk.sessions[1]!)).toEqual(['microphone', 'camera', 'document-camera']);
    });

    it('stays in the call the server restored, on new media, with the chat open again', async () => {
      const kiosk = setUp();
      await startCall(kiosk);
      kiosk.signalling.emit('consultation:updated', { consultation: consultation('active') });
      await settle();
      expect(kiosk.controller.getSnapshot().screen).toBe('in-call');
      kiosk.signalling.emit('session:ready', sessionReady(consultation('active'), false));
      await settle();
      expect(kiosk.media.close).toHaveBeenCalled();
      expect(kiosk.sessions).toHaveLength(2);
      expect(sources(kiosk.sessions[1]!)).toEqual(['microphone', 'camera', 'document-camera']);
      expect(kiosk.controller.getSnapshot()).toMatchObject({
        screen: 'in-call',
        consultation: consultation('active'),
        isCallReset: false,
        survey: null,
      });
      // The chat of the restored call takes messages again.
      kiosk.signalling.emit('chat:message', {
        consultationId: consultation('active').consultationId,
        messageId: '4f8c2a1e-0b7d-4c55-9a3e-2d6f1b9c8e70',
        from: 'clerk',
        senderName: '田中',
        text: 'お待たせしました',
        sentAt: new Date(0).toISOString(),
      });
      expect(kiosk.controller.getSnapshot().chat.messages.map((message) => message.text)).toEqual([
        'お待たせしました',
      ]);
    });

    it('keeps a waiting resident whose media setup went unanswered, and makes media when the server is back', async () => {
      const kiosk = setUp();
      kiosk.media.publish.mockRejectedValueOnce(new SignallingError('TIMEOUT', 'the server is restarting'));
      await startCall(kiosk);
      await settle();
      expect(kiosk.controller.getSnapshot()).toMatchObject({
        screen: 'waiting',
        consultation: consultation('waiting'),
      });
      expect(calls(kiosk).map((request) => request.name)).not.toContain('consultation:cancel');
      // The same session comes back (a brief outage): media is made again.
      kiosk.signalling.emit('session:ready', sessionReady(consultation('waiting'), true));
      await settle();
      expect(kiosk.sessions).toHaveLength(2);
      expect(sources(kiosk.sessions[1]!)).toEqual(['microphone', 'camera', 'document-camera']);
      expect(kiosk.controller.getSnapshot().screen).toBe('waiting');
    });

    it('tries the unanswered media setup again on its own when no new session comes', async () => {
      const kiosk = setUp();
      kiosk.media.publish.mockRejectedValueOnce(new SignallingError('TIMEOUT', 'the server is slow'));
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'], shouldAdvanceTime: true });
      try {
        await startCall(kiosk);
        await settle();
        expect(kiosk.sessions).toHaveLength(1);
        await vi.advanceTimersByTimeAsync(OWED_MEDIA_RETRY_MS);
        await settle();
        expect(kiosk.sessions).toHaveLength(2);
        expect(sources(kiosk.sessions[1]!)).toEqual(['microphone', 'camera', 'document-camera']);
        expect(kiosk.controller.getSnapshot().screen).toBe('waiting');
      } finally {
        vi.useRealTimers();
      }
    });

    it('still gives up a call whose media was refused outright', async () => {
      const kiosk = setUp();
      kiosk.media.publish.mockRejectedValueOnce(new SignallingError('MEDIA_REJECTED', 'no such codec'));
      await startCall(kiosk);
      await settle();
      expect(kiosk.controller.getSnapshot()).toMatchObject({ screen: 'attract', consultation: null });
      expect(calls(kiosk).map((request) => request.name)).toContain('consultation:cancel');
    });

    it('gives up a call the server still holds for a kiosk whose resident is gone', async () => {
      const kiosk = setUp();
      kiosk.controller.init();
      await settle();
      kiosk.signalling.emit('session:ready', sessionReady(consultation('waiting'), false));
      await settle();
      expect(kiosk.controller.getSnapshot()).toMatchObject({ screen: 'attract', consultation: null });
      expect(calls(kiosk)).toContainEqual(
        expect.objectContaining({
          name: 'consultation:cancel',
          payload: { consultationId: consultation('waiting').consultationId },
        }),
      );
    });

    it('ignores a late failure of the media session it replaced', async () => {
      const kiosk = setUp();
      let failOldStart: (error: unknown) => void = () => undefined;
      kiosk.media.start.mockImplementationOnce(
        () => new Promise((_resolve, reject) => (failOldStart = reject)),
      );
      const calling = startCall(kiosk);
      await settle();
      kiosk.signalling.emit('session:ready', sessionReady(consultation('waiting'), false));
      await settle();
      failOldStart(new SignallingError('TIMEOUT', 'the old server is gone'));
      await calling;
      expect(kiosk.controller.getSnapshot()).toMatchObject({ screen: 'waiting', error: null });
      expect(calls(kiosk).map((request) => request.name)).not.toContain('consultation:cancel');
    });

    it('tells the resident to call again when the server no longer knows the call', async () => {
      const kiosk = setUp();
      await startCall(kiosk);
      vi.useFakeTimers();
      try {
        kiosk.signalling.emit('session:ready', sessionReady(null, false));
        expect(kiosk.controller.getSnapshot()).toMatchObject({
          screen: 'attract',
          consultation: null,
          language: 'ja',
          isCallReset: true,
        });
        expect(kiosk.media.close).toHaveBeenCalled();
        expect(kiosk.sessions).toHaveLength(1);
        vi.advanceTimersByTime(CALL_RESET_NOTICE_MS);
        expect(kiosk.controller.getSnapshot().isCallReset).toBe(false);
      } finally {
        vi.useRealTimers();
      }
    });

    it('forgets the notice when the next resident chooses a procedure', async () => {
      const kiosk = setUp();
      await startCall(kiosk);
      kiosk.signalling.emit('session:ready', sessionReady(null, false));
      kiosk.controller.start();
      kiosk.controller.chooseLanguage('ja');
      kiosk.controller.selectProcedure('juminhyo' as ProcedureId);
      expect(kiosk.controller.getSnapshot()).toMatchObject({ screen: 'confirm', isCallReset: false });
    });

    it('says nothing when no resident was being served', async () => {
      const kiosk = setUp();
      kiosk.controller.init();
      await settle();
      kiosk.signalling.emit('session:ready', sessionReady(null, false));
      expect(kiosk.controller.getSnapshot()).toMatchObject({ screen: 'attract', isCallReset: false });
    });

    it('rebuilds nothing after a brief drop that resumed the session', async () => {
      const kiosk = setUp();
      await startCall(kiosk);
      kiosk.signalling.emit('session:ready', sessionReady(consultation('waiting'), true));
      await settle();
      expect(kiosk.sessions).toHaveLength(1);
      expect(kiosk.media.close).not.toHaveBeenCalled();
      expect(kiosk.controller.getSnapshot().screen).toBe('waiting');
    });
  });
});

describe('KioskController after the page was reloaded', () => {
  it('keeps the resume token while the resident has a consultation, and forgets it with them', async () => {
    const kiosk = setUp();
    kiosk.controller.init();
    await settle();
    kiosk.signalling.emit('session:ready', sessionReady(null, false));
    expect(kiosk.sessionItems.size).toBe(0);
    kiosk.controller.start();
    kiosk.controller.chooseLanguage('en');
    kiosk.controller.selectProcedure('juminhyo' as ProcedureId);
    await kiosk.controller.call();
    expect(kiosk.sessionItems.get(RESUME_TOKEN_KEY)).toBe(RESUME_TOKEN);
    // A server restart starts a new session, with a new token.
    const newToken = 'y'.repeat(43);
    kiosk.signalling.emit('session:ready', sessionReady(consultation('waiting'), false, newToken));
    await settle();
    expect(kiosk.sessionItems.get(RESUME_TOKEN_KEY)).toBe(newToken);
    await kiosk.controller.cancel();
    expect(kiosk.sessionItems.size).toBe(0);
  });

  it('takes up a waiting resident’s call again: the same consultation, media published anew', async () => {
    const kiosk = setUp();
    kiosk.sessionItems.set(RESUME_TOKEN_KEY, RESUME_TOKEN);
    kiosk.controller.init();
    expect(kiosk.deps.connect).toHaveBeenCalledWith({
      role: 'kiosk',
      credential: CREDENTIAL,
      resumeToken: RESUME_TOKEN,
    });
    await settle();
    kiosk.signalling.emit('session:ready', sessionReady(consultation('waiting'), true));
    await settle();
    expect(kiosk.controller.getSnapshot()).toMatchObject({
      screen: 'waiting',
      consultation: consultation('waiting'),
      selectedProcedureId: 'juminhyo',
      language: 'en',
      error: null,
    });
    expect(kiosk.media.start).toHaveBeenCalled();
    expect(sources(kiosk.media)).toEqual(['microphone', 'camera', 'document-camera']);
    expect(calls(kiosk).map((request) => request.name)).not.toContain('consultation:request');
    expect(kiosk.sessionItems.get(RESUME_TOKEN_KEY)).toBe(RESUME_TOKEN);

    kiosk.signalling.emit('consultation:updated', { consultation: consultation('active') });
    expect(kiosk.controller.getSnapshot().screen).toBe('in-call');
  });

  it('takes up an answered call again in the call screen, with the clerk’s tracks as they arrive', async () => {
    const kiosk = setUp();
    kiosk.sessionItems.set(RESUME_TOKEN_KEY, RESUME_TOKEN);
    kiosk.controller.init();
    await settle();
    kiosk.signalling.emit('session:ready', sessionReady(consultation('active'), true));
    await settle();
    expect(kiosk.controller.getSnapshot()).toMatchObject({
      screen: 'in-call',
      consultation: consultation('active'),
    });
    expect(sources(kiosk.media)).toEqual(['microphone', 'camera', 'document-camera']);
    kiosk
      .remote()
      .onRemoteTrack?.({ consumerId: 'c1', source: 'camera', track: fakeTrack('video') } as RemoteTrack);
    expect(kiosk.controller.getSnapshot().remoteTracks).toHaveLength(1);
    await kiosk.controller.sendChat('hello');
    expect(calls(kiosk).at(-1)?.name).toBe('chat:send');
  });

  it('publishes once the booth’s devices are open when the server answers first', async () => {
    const kiosk = setUp();
    kiosk.sessionItems.set(RESUME_TOKEN_KEY, RESUME_TOKEN);
    let openDevices: () => void = () => undefined;
    const opening = new Promise<void>((resolve) => (openDevices = resolve));
    const open = kiosk.deps.openMedia as ReturnType<typeof vi.fn>;
    open.mockImplementationOnce(async () => {
      await opening;
      return { media: kiosk.local, error: null, outcomes: {} };
    });
    kiosk.controller.init();
    kiosk.signalling.emit('session:ready', sessionReady(consultation('waiting'), true));
    await settle();
    expect(kiosk.controller.getSnapshot().screen).toBe('waiting');
    expect(kiosk.sessions).toHaveLength(0);
    openDevices();
    await settle();
    expect(sources(kiosk.media)).toEqual(['microphone', 'camera', 'document-camera']);
    expect(kiosk.controller.getSnapshot().screen).toBe('waiting');
  });

  it('starts afresh when the token’s session is gone, and forgets the token', async () => {
    const kiosk = setUp();
    kiosk.sessionItems.set(RESUME_TOKEN_KEY, RESUME_TOKEN);
    kiosk.controller.init();
    await settle();
    kiosk.signalling.emit('session:ready', sessionReady(null, false, 'z'.repeat(43)));
    await settle();
    expect(kiosk.controller.getSnapshot()).toMatchObject({ screen: 'attract', consultation: null });
    expect(kiosk.sessionItems.size).toBe(0);
    expect(kiosk.sessions).toHaveLength(0);
  });

  it('starts afresh when the resumed session’s call has ended meanwhile', async () => {
    const kiosk = setUp();
    kiosk.sessionItems.set(RESUME_TOKEN_KEY, RESUME_TOKEN);
    kiosk.controller.init();
    await settle();
    kiosk.signalling.emit('session:ready', sessionReady(consultation('ended'), true));
    await settle();
    expect(kiosk.controller.getSnapshot()).toMatchObject({
      screen: 'attract',
      consultation: null,
      survey: null,
    });
    expect(kiosk.sessionItems.size).toBe(0);
    expect(kiosk.sessions).toHaveLength(0);
  });

  it('takes the call up too when the server restarted meanwhile and kept it queued', async () => {
    const kiosk = setUp();
    kiosk.sessionItems.set(RESUME_TOKEN_KEY, RESUME_TOKEN);
    kiosk.controller.init();
    await settle();
    const newToken = 'y'.repeat(43);
    kiosk.signalling.emit('session:ready', sessionReady(consultation('offered'), false, newToken));
    await settle();
    expect(kiosk.controller.getSnapshot()).toMatchObject({
      screen: 'waiting',
      consultation: consultation('offered'),
    });
    expect(sources(kiosk.media)).toEqual(['microphone', 'camera', 'document-camera']);
    expect(kiosk.sessionItems.get(RESUME_TOKEN_KEY)).toBe(newToken);
  });

  it('ignores anything but a token in the session storage', () => {
    const kiosk = setUp();
    kiosk.sessionItems.set(RESUME_TOKEN_KEY, 'not a token');
    kiosk.controller.init();
    expect(kiosk.deps.connect).toHaveBeenCalledWith({ role: 'kiosk', credential: CREDENTIAL });
  });
});

describe('KioskController captures', () => {
  const CAPTURE_ID = '0b4f6a8e-3c1d-4e2f-9a7b-5c6d7e8f9a0b' as FactPayload<'capture:requested'>['captureId'];
  const CONSULTATION_ID = consultation('active').consultationId;
  const rect = { left: 0, top: 0, width: 500, height: 200 };
  const sample = (x: number, y: number, timeStamp: number) => ({
    pointerId: 1,
    clientX: x,
    clientY: y,
    pressure: 0.5,
    timeStamp,
  });

  const inCall = async () => {
    const kiosk = setUp();
    await startCall(kiosk);
    kiosk.signalling.emit('consultation:updated', { consultation: consultation('active') });
    kiosk.server.on(`PUT /api/captures/${CAPTURE_ID}`, { captureId: CAPTURE_ID, width: 1920, height: 1080 });
    for (const name of ['signature:strokes', 'signature:clear', 'signature:submit'] as const) {
      kiosk.signalling.responses.set(name, () => ({}));
    }
    return kiosk;
  };

  const sent = (kiosk: ReturnType<typeof setUp>, name: string) =>
    calls(kiosk)
      .filter((request) => request.name === name)
      .map((request) => request.payload);

  it('photographs the document camera and uploads the still with the kiosk’s credential', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'], shouldAdvanceTime: true });
    try {
      const kiosk = await inCall();
      kiosk.signalling.emit('capture:requested', {
        consultationId: CONSULTATION_ID,
        captureId: CAPTURE_ID,
        kind: 'document-still',
      });
      await vi.waitFor(() => expect(kiosk.server.sent(`PUT /api/captures/${CAPTURE_ID}`)).toHaveLength(1));
      expect(kiosk.deps.grabStill).toHaveBeenCalledWith(kiosk.local.documentCamera);
      const [upload] = kiosk.server.sent(`PUT /api/captures/${CAPTURE_ID}`);
      expect(upload?.headers).toMatchObject({
        authorization: `Kiosk ${CREDENTIAL}`,
        'content-type': 'image/jpeg',
      });
      expect(upload?.body).toBeInstanceOf(Blob);
      expect(kiosk.controller.getSnapshot().captureNotice).toBe('document-photographed');
      vi.advanceTimersByTime(CAPTURE_NOTICE_MS);
      expect(kiosk.controller.getSnapshot().captureNotice).toBeNull();
    } finally {
      vi.useRealTimers();
    }
  });

  it('ignores a request for another consultation', async () => {
    const kiosk = await inCall();
    kiosk.signalling.emit('capture:requested', {
      consultationId: '11111111-2222-4333-8444-555555555555' as typeof CONSULTATION_ID,
      captureId: CAPTURE_ID,
      kind: 'signature',
    });
    await settle();
    expect(kiosk.deps.grabStill).not.toHaveBeenCalled();
    expect(kiosk.controller.getSnapshot().signature).toBeNull();
  });

  it('streams the signature, uploads its image, submits, and starts over when asked again', async () => {
    const kiosk = await inCall();
    kiosk.signalling.emit('capture:requested', {
      consultationId: CONSULTATION_ID,
      captureId: CAPTURE_ID,
      kind: 'signature',
    });
    expect(kiosk.controller.getSnapshot().signature).toMatchObject({
      captureId: CAPTURE_ID,
      phase: 'signing',
    });
    const pad = kiosk.controller.signaturePad;
    expect(pad.down(sample(0, 0, 10), rect)).toBe(true);
    pad.move([sample(250, 100, 30)]);
    pad.up(sample(500, 200, 50));
    await settle();
    expect(sent(kiosk, 'signature:strokes')).toEqual([
      {
        captureId: CAPTURE_ID,
        strokes: [
          {
            points: [
              { x: 0, y: 0, p: 0.5, t: 0 },
              { x: 0.5, y: 0.5, p: 0.5, t: 20 },
              { x: 1, y: 1, p: 0.5, t: 40 },
            ],
          },
        ],
      },
    ]);
    pad.done({ width: 1000, height: 400 });
    await vi.waitFor(() => expect(kiosk.controller.getSnapshot().signature?.phase).toBe('submitted'));
    expect(kiosk.deps.renderSignature).toHaveBeenCalledWith(
      kiosk.controller.getSnapshot().signature?.strokes,
      { width: 1000, height: 400 },
    );
    const [upload] = kiosk.server.sent(`PUT /api/captures/${CAPTURE_ID}`);
    expect(upload?.headers).toMatchObject({ 'content-type': 'image/png' });
    // The image is stored before the submit that announces it.
    const order = calls(kiosk).map((request) => request.name);
    expect(order.at(-1)).toBe('signature:submit');

    kiosk.signalling.emit('signature:decided', { captureId: CAPTURE_ID, decision: 'retry' });
    expect(kiosk.controller.getSnapshot().signature).toMatchObject({
      phase: 'signing',
      strokes: [],
      isRetry: true,
    });
    pad.down(sample(10, 10, 100), rect);
    pad.up(sample(20, 10, 120));
    kiosk.signalling.emit('signature:decided', { captureId: CAPTURE_ID, decision: 'accept' });
    expect(kiosk.controller.getSnapshot()).toMatchObject({
      signature: null,
      captureNotice: 'signature-accepted',
    });
  });

  it('sends a clear, and lets the resident press done again when the upload fails', async () => {
    const kiosk = await inCall();
    kiosk.server.on(`PUT /api/captures/${CAPTURE_ID}`, () => refusal(500, 'INTERNAL'));
    kiosk.signalling.emit('capture:requested', {
      consultationId: CONSULTATION_ID,
      captureId: CAPTURE_ID,
      kind: 'signature',
    });
    const pad = kiosk.controller.signaturePad;
    pad.down(sample(0, 0, 0), rect);
    pad.up(sample(5, 5, 5));
    pad.clear();
    await settle();
    expect(sent(kiosk, 'signature:clear')).toEqual([{ captureId: CAPTURE_ID }]);
    expect(kiosk.controller.getSnapshot().signature?.strokes).toEqual([]);
    pad.down(sample(0, 0, 10), rect);
    pad.up(sample(5, 5, 15));
    pad.done({ width: 500, height: 200 });
    await vi.waitFor(() => expect(kiosk.controller.getSnapshot().signature?.hasFailed).toBe(true));
    expect(kiosk.controller.getSnapshot().signature?.phase).toBe('signing');
    expect(sent(kiosk, 'signature:submit')).toEqual([]);
  });

  it('closes the pad and the notice when the call ends', async () => {
    const kiosk = await inCall();
    kiosk.signalling.emit('capture:requested', {
      consultationId: CONSULTATION_ID,
      captureId: CAPTURE_ID,
      kind: 'signature',
    });
    kiosk.controller.signaturePad.down(sample(0, 0, 0), rect);
    kiosk.signalling.emit('consultation:updated', { consultation: consultation('ended') });
    expect(kiosk.controller.getSnapshot()).toMatchObject({ signature: null, captureNotice: null });
    // The pad's handlers do nothing once the signature is gone.
    expect(kiosk.controller.signaturePad.down(sample(0, 0, 1), rect)).toBe(false);
    kiosk.controller.signaturePad.up(sample(5, 5, 5));
    await settle();
    expect(sent(kiosk, 'signature:strokes')).toEqual([]);
  });
});

describe('KioskController resident journey', () => {
  const answered = async () => {
    const kiosk = setUp();
    await startCall(kiosk);
    kiosk.signalling.emit('consultation:updated', { consultation: consultation('active') });
    return kiosk;
  };
  const consultationId = consultation('active').consultationId;
  const documentId = '9a1c7f3e-8a3b-4e43-9a55-3b4a0f8e2c11' as never;

  it('walks attract → language → procedures and back, step by step', async () => {
    const kiosk = setUp();
    kiosk.controller.init();
    await settle();
    kiosk.controller.start();
    expect(kiosk.controller.getSnapshot().screen).toBe('language');
    kiosk.controller.chooseLanguage('vi');
    expect(kiosk.controller.getSnapshot()).toMatchObject({ screen: 'idle', language: 'vi' });
    kiosk.controller.selectProcedure('juminhyo' as ProcedureId);
    kiosk.controller.back();
    expect(kiosk.controller.getSnapshot()).toMatchObject({ screen: 'idle', selectedProcedureId: null });
    kiosk.controller.back();
    kiosk.controller.back();
    expect(kiosk.controller.getSnapshot().screen).toBe('attract');
  });

  it('changes the language at any moment, in a call too', async () => {
    const kiosk = await answered();
    kiosk.controller.setLanguage('ko');
    expect(kiosk.controller.getSnapshot()).toMatchObject({ screen: 'in-call', language: 'ko' });
  });

  describe('idle timeout', () => {
    it('warns after the idle time, extends on request, and wipes when the warning runs out', async () => {
      const kiosk = setUp();
      kiosk.controller.init();
      await settle();
      vi.useFakeTimers();
      try {
        kiosk.controller.start();
        kiosk.controller.chooseLanguage('en');
        kiosk.controller.toggleLargeText();
        vi.advanceTimersByTime(IDLE_TIMEOUT_MS - 1);
        expect(kiosk.controller.getSnapshot().idleWarningUntil).toBeNull();
        vi.advanceTimersByTime(1);
        expect(kiosk.controller.getSnapshot().idleWarningUntil).toBe(Date.now() + IDLE_WARNING_MS);
        kiosk.controller.extendIdle();
        expect(kiosk.controller.getSnapshot()).toMatchObject({ screen: 'idle', idleWarningUntil: null });
        vi.advanceTimersByTime(IDLE_TIMEOUT_MS + IDLE_WARNING_MS - 1);
        expect(kiosk.controller.getSnapshot().screen).toBe('idle');
        vi.advanceTimersByTime(1);
        expect(kiosk.controller.getSnapshot()).toMatchObject({
          screen: 'attract',
          language: 'ja',
          display: { isLargeText: false, isHighContrast: false },
          idleWarningUntil: null,
        });
      } finally {
        vi.useRealTimers();
      }
    });

    it('restarts the countdown on every touch', async () => {
      const kiosk = setUp();
      kiosk.controller.init();
      await settle();
      vi.useFakeTimers();
      try {
        kiosk.controller.start();
        vi.advanceTimersByTime(IDLE_TIMEOUT_MS - 10);
        kiosk.controller.touch();
        vi.advanceTimersByTime(IDLE_TIMEOUT_MS - 10);
        expect(kiosk.controller.getSnapshot().idleWarningUntil).toBeNull();
      } finally {
        vi.useRealTimers();
      }
    });

    it('never runs while the resident waits or talks', async () => {
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
      try {
        const kiosk = setUp();
        kiosk.controller.init();
        await vi.advanceTimersByTimeAsync(0);
        kiosk.controller.start();
        kiosk.controller.chooseLanguage('en');
        kiosk.controller.selectProcedure('juminhyo' as ProcedureId);
        await kiosk.controller.call();
        vi.advanceTimersByTime(IDLE_TIMEOUT_MS * 3);
        expect(kiosk.controller.getSnapshot()).toMatchObject({ screen: 'waiting', idleWarningUntil: null });
        kiosk.signalling.emit('consultation:updated', { consultation: consultation('active') });
        vi.advanceTimersByTime(IDLE_TIMEOUT_MS * 3);
        expect(kiosk.controller.getSnapshot().screen).toBe('in-call');
      } finally {
        vi.useRealTimers();
      }
    });
  });

  describe('survey', () => {
    it('sends the rating on one tap, then the comment, then thanks and wipes', async () => {
      const kiosk = await answered();
      kiosk.signalling.responses.set('survey:submit', () => ({}));
      await kiosk.controller.hangUp();
      expect(kiosk.controller.getSnapshot()).toMatchObject({
        screen: 'survey',
        survey: { consultationId, step: 'rating' },
      });
      expect(calls(kiosk).at(-1)?.name).toBe('consultation:cancel');
      await kiosk.controller.rate(4);
      expect(calls(kiosk).at(-1)).toEqual({ name: 'survey:submit', payload: { consultationId, rating: 4 } });
      expect(kiosk.controller.getSnapshot().survey).toMatchObject({ step: 'comment', rating: 4 });
      await kiosk.controller.submitSurveyComment('  とても親切でした  ');
      expect(calls(kiosk).at(-1)).toEqual({
        name: 'survey:submit',
        payload: { consultationId, rating: 4, comment: 'とても親切でした' },
      });
      expect(kiosk.controller.getSnapshot().screen).toBe('thanks');
      kiosk.controller.finish();
      expect(kiosk.controller.getSnapshot()).toMatchObject({ screen: 'attract', survey: null });
    });

    it('sends nothing more for a blank comment, and lets a failed tap be tried again', async () => {
      const kiosk = await answered();
      let isDown = true;
      kiosk.signalling.responses.set('survey:submit', () => {
        if (isDown) throw new SignallingError('TIMEOUT', 'down');
        return {};
      });
      kiosk.signalling.emit('consultation:updated', { consultation: consultation('ended') });
      await kiosk.controller.rate(2);
      expect(kiosk.controller.getSnapshot().survey).toMatchObject({ step: 'rating', hasFailed: true });
      isDown = false;
      await kiosk.controller.rate(2);
      const sent = calls(kiosk).filter((request) => request.name === 'survey:submit').length;
      await kiosk.controller.submitSurveyComment('   ');
      expect(calls(kiosk).filter((request) => request.name === 'survey:submit')).toHaveLength(sent);
      expect(kiosk.controller.getSnapshot().screen).toBe('thanks');
    });

    it('skips without an answer and wipes after the thank-you screen', async () => {
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
      try {
        const kiosk = setUp();
        kiosk.controller.init();
        await vi.advanceTimersByTimeAsync(0);
        kiosk.controller.start();
        kiosk.controller.chooseLanguage('en');
        kiosk.controller.selectProcedure('juminhyo' as ProcedureId);
        await kiosk.controller.call();
        kiosk.signalling.emit('consultation:updated', { consultation: consultation('active') });
        kiosk.signalling.emit('consultation:updated', { consultation: consultation('ended') });
        kiosk.controller.skipSurvey();
        expect(calls(kiosk).some((request) => request.name === 'survey:submit')).toBe(false);
        vi.advanceTimersByTime(THANKS_SCREEN_MS);
        expect(kiosk.controller.getSnapshot().screen).toBe('attract');
      } finally {
        vi.useRealTimers();
      }
    });

    it('has no survey for a call whose media could not be recovered: it says so, then wipes', async () => {
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
      try {
        const kiosk = setUp();
        kiosk.controller.init();
        await vi.advanceTimersByTimeAsync(0);
        kiosk.controller.start();
        kiosk.controller.chooseLanguage('en');
        kiosk.controller.selectProcedure('juminhyo' as ProcedureId);
        await kiosk.controller.call();
        kiosk.signalling.emit('consultation:updated', { consultation: consultation('active') });
        kiosk.signalling.emit('consultation:updated', {
          consultation: { ...consultation('ended'), endReason: 'media-failure' },
        });
        expect(kiosk.controller.getSnapshot()).toMatchObject({
          screen: 'call-failed',
          survey: null,
          consultation: null,
          remoteTracks: [],
          // The words are in the resident's language until the wipe.
          language: 'en',
        });
        expect(kiosk.media.close).toHaveBeenCalled();
        kiosk.controller.skipSurvey();
        vi.advanceTimersByTime(CALL_FAILED_SCREEN_MS - 1);
        expect(kiosk.controller.getSnapshot().screen).toBe('call-failed');
        vi.advanceTimersByTime(1);
        expect(kiosk.controller.getSnapshot()).toMatchObject({ screen: 'attract', language: 'ja' });
        expect(kiosk.deps.sessionStorage.clear).toHaveBeenCalled();
        expect(calls(kiosk).some((request) => request.name === 'survey:submit')).toBe(false);
      } finally {
        vi.useRealTimers();
      }
    });

    it('tells a waiting resident too when media failed, and wipes at once on the button', async () => {
      const kiosk = setUp();
      await startCall(kiosk);
      kiosk.signalling.emit('consultation:updated', {
        consultation: { ...consultation('ended'), endReason: 'media-failure' },
      });
      expect(kiosk.controller.getSnapshot().screen).toBe('call-failed');
      kiosk.controller.finish();
      expect(kiosk.controller.getSnapshot()).toMatchObject({ screen: 'attract', consultation: null });
    });

    it('has no survey for a call nobody answered', async () => {
      const kiosk = setUp();
      await startCall(kiosk);
      kiosk.signalling.emit('consultation:updated', { consultation: consultation('ended') });
      expect(kiosk.controller.getSnapshot()).toMatchObject({ screen: 'attract', survey: null });
    });
  });

  describe('wipe', () => {
    it('leaves no trace of the resident', async () => {
      const kiosk = await answered();
      kiosk.items.set('stray', 'left by a page');
      kiosk.server.on('GET /api/documents/' + documentId, () => ({
        status: 200,
        bytes: new Blob(['png'], { type: 'image/png' }),
      }));
      kiosk.signalling.responses.set('chat:send', () => ({
        messageId: '00000000-0000-4000-8000-000000000001',
        sentAt: '2025-01-01T00:00:00.000Z',
      }));
      await kiosk.controller.sendChat('hello');
      kiosk.signalling.emit('document:shown', {
        consultationId,
        documentId,
        mimeType: 'image/png',
        width: 800,
        height: 1100,
      });
      await settle();
      kiosk.controller.toggleHighContrast();
      expect(kiosk.controller.getSnapshot().chat.messages).toHaveLength(1);
      expect(kiosk.controller.getSnapshot().document?.url).toBe('blob:1');

      kiosk.signalling.emit('consultation:updated', { consultation: consultation('ended') });
      // The call's content goes as soon as the call ends, before the survey.
      expect(kiosk.controller.getSnapshot()).toMatchObject({ screen: 'survey', document: null });
      expect(kiosk.controller.getSnapshot().chat.messages).toEqual([]);
      expect(kiosk.deps.objectUrls.revoke).toHaveBeenCalledWith('blob:1');
      expect(kiosk.media.close).toHaveBeenCalled();

      kiosk.controller.skipSurvey();
      kiosk.controller.finish();
      expect(kiosk.controller.getSnapshot()).toMatchObject({
        screen: 'attract',
        language: 'ja',
        display: { isLargeText: false, isHighContrast: false },
        survey: null,
        help: null,
        consultation: null,
      });
      expect([...kiosk.items.keys()]).toEqual([SETTINGS_KEY]);
      expect(kiosk.deps.sessionStorage.clear).toHaveBeenCalled();
    });
  });

  describe('device check', () => {
    it('reports the devices at start and stays in service when all are fine', async () => {
      const kiosk = setUp();
      kiosk.controller.init();
      await settle();
      expect(kiosk.signalling.requests.find((request) => request.name === 'kiosk:report-devices')).toEqual({
        name: 'kiosk:report-devices',
        payload: { devices: { camera: 'ok', documentCamera: 'ok', microphone: 'ok', speaker: 'ok' } },
      });
      expect(kiosk.controller.getSnapshot()).toMatchObject({ screen: 'attract', isInService: true });
    });

    it('goes out of service with a missing device, and back after a re-check', async () => {
      const kiosk = setUp();
      kiosk.probe.current = {
        ...healthyProbe(),
        documentCamera: { open: 'not-found', isLive: false, width: 0, height: 0 },
      };
      kiosk.controller.init();
      await settle();
      expect(kiosk.controller.getSnapshot()).toMatchObject({
        screen: 'out-of-service',
        isInService: false,
        devices: { documentCamera: 'missing' },
      });
      kiosk.probe.current = healthyProbe();
      await kiosk.controller.recheckDevices();
      expect(kiosk.deps.openMedia).toHaveBeenCalledTimes(2);
      expect(kiosk.local.camera?.stop).toHaveBeenCalled();
      expect(kiosk.controller.getSnapshot()).toMatchObject({ screen: 'attract', isInService: true });
    });

    it('goes out of service when the server says so', async () => {
      const kiosk = setUp();
      kiosk.signalling.responses.set('kiosk:report-devices', () => ({ isInService: false }));
      kiosk.controller.init();
      await settle();
      expect(kiosk.controller.getSnapshot().screen).toBe('out-of-service');
    });

    it('checks again after each resident and catches a device that died meanwhile', async () => {
      const kiosk = setUp();
      await startCall(kiosk);
      kiosk.probe.current = {
        ...healthyProbe(),
        camera: { open: 'opened', isLive: false, width: 0, height: 0 },
      };
      await kiosk.controller.cancel();
      await settle();
      expect(kiosk.controller.getSnapshot()).toMatchObject({
        screen: 'out-of-service',
        devices: { camera: 'failed' },
      });
      expect(kiosk.deps.probeDevices).toHaveBeenCalledTimes(2);
    });
  });

  describe('help', () => {
    it('calls the booth’s staff and says they are coming, for a while', async () => {
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
      try {
        const kiosk = setUp();
        kiosk.signalling.responses.set('kiosk:request-help', () => ({}));
        kiosk.controller.init();
        await vi.advanceTimersByTimeAsync(0);
        await kiosk.controller.requestHelp();
        expect(calls(kiosk).at(-1)).toEqual({ name: 'kiosk:request-help', payload: { reason: 'resident' } });
        expect(kiosk.controller.getSnapshot().help).toBe('requested');
        vi.advanceTimersByTime(HELP_NOTICE_MS);
        expect(kiosk.controller.getSnapshot().help).toBeNull();
      } finally {
        vi.useRealTimers();
      }
    });

    it('asks for help with the devices from the out-of-service screen, and says when it failed', async () => {
      const kiosk = setUp();
      kiosk.probe.current = {
        ...healthyProbe(),
        speaker: { outputs: 0, canListOutputs: true, hasAudioDestination: true },
      };
      kiosk.signalling.responses.set('kiosk:request-help', () => {
        throw new SignallingError('TIMEOUT', 'down');
      });
      kiosk.controller.init();
      await settle();
      await kiosk.controller.requestHelp();
      expect(calls(kiosk).at(-1)?.payload).toEqual({ reason: 'device' });
      expect(kiosk.controller.getSnapshot().help).toBe('failed');
    });
  });

  describe('in the call', () => {
    it('shows the clerk’s chat messages and its own on the acknowledgement', async () => {
      const kiosk = await answered();
      kiosk.signalling.responses.set('chat:send', () => ({
        messageId: '00000000-0000-4000-8000-000000000001',
        sentAt: '2025-01-01T00:00:00.000Z',
      }));
      kiosk.signalling.emit('chat:message', {
        consultationId,
        messageId: '00000000-0000-4000-8000-000000000002',
        from: 'clerk',
        senderName: '田中',
        text: 'お名前を入力してください',
        sentAt: '2025-01-01T00:00:01.000Z',
      });
      expect(await kiosk.controller.sendChat('山田太郎')).toBe(true);
      expect(calls(kiosk).at(-1)).toEqual({
        name: 'chat:send',
        payload: { consultationId, text: '山田太郎' },
      });
      expect(kiosk.controller.getSnapshot().chat.messages.map((message) => message.from)).toEqual([
        'clerk',
        'resident',
      ]);
    });

    it('fetches a pushed document with the kiosk credential and closes it when the clerk does', async () => {
      const kiosk = await answered();
      kiosk.server.on('GET /api/documents/' + documentId, () => ({
        status: 200,
        bytes: new Blob(['png'], { type: 'image/png' }),
      }));
      kiosk.signalling.emit('document:shown', {
        consultationId,
        documentId,
        mimeType: 'image/png',
        width: 800,
        height: 1100,
      });
      expect(kiosk.controller.getSnapshot().document).toMatchObject({ status: 'loading', url: null });
      await settle();
      expect(kiosk.server.sent('GET /api/documents/' + documentId)[0]?.headers.authorization).toBe(
        `Kiosk ${CREDENTIAL}`,
      );
      expect(kiosk.controller.getSnapshot().document).toMatchObject({
        status: 'ready',
        url: 'blob:1',
        width: 800,
      });
      kiosk.signalling.emit('document:closed', { consultationId, documentId });
      expect(kiosk.controller.getSnapshot().document).toBeNull();
      expect(kiosk.deps.objectUrls.revoke).toHaveBeenCalledWith('blob:1');
    });

    describe('回らない窓口', () => {
      const TANAKA = { participantId: 'p1', staffId: 'tanaka-y', displayName: '田中' };
      const SUZUKI = { participantId: 'p2', staffId: 'suzuki-k', displayName: '鈴木' };
      const withStaff = (staff: (typeof TANAKA)[], transfer: unknown = null) =>
        ({ ...consultation('active'), staff, transfer }) as unknown as ConsultationView;

      it('keeps the call through a transfer and says who took over, for a while', async () => {
        const kiosk = await answered();
        vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
        try {
          kiosk.signalling.emit('consultation:updated', { consultation: withStaff([TANAKA]) });
          kiosk.signalling.emit('consultation:updated', {
            consultation: withStaff([TANAKA], { procedureId: 'kokuho', status: 'waiting' }),
          });
          expect(kiosk.controller.getSnapshot()).toMatchObject({
            screen: 'in-call',
            consultation: { transfer: { status: 'waiting' } },
            clerkChangedTo: null,
          });

          kiosk.signalling.emit('consultation:updated', { consultation: withStaff([SUZUKI]) });
          expect(kiosk.controller.getSnapshot()).toMatchObject({
            screen: 'in-call',
            consultation: { transfer: null },
            clerkChangedTo: ['鈴木'],
          });
          vi.advanceTimersByTime(CLERK_CHANGED_NOTICE_MS);
          expect(kiosk.controller.getSnapshot().clerkChangedTo).toBeNull();
        } finally {
          vi.useRealTimers();
        }
      });

      it('says nothing when a colleague joins the clerk, and forgets the notice when the call ends', async () => {
        const kiosk = await answered();
        kiosk.signalling.emit('consultation:updated', { consultation: withStaff([TANAKA]) });
        kiosk.signalling.emit('consultation:updated', { consultation: withStaff([TANAKA, SUZUKI]) });
        expect(kiosk.controller.getSnapshot().clerkChangedTo).toBeNull();
        expect(kiosk.controller.getSnapshot().consultation?.staff).toHaveLength(2);

        kiosk.signalling.emit('consultation:updated', { consultation: withStaff([SUZUKI]) });
        expect(kiosk.controller.getSnapshot().clerkChangedTo).toBeNull();
        kiosk.signalling.emit('consultation:updated', { consultation: withStaff([TANAKA]) });
        expect(kiosk.controller.getSnapshot().clerkChangedTo).toEqual(['田中']);
        kiosk.signalling.emit('consultation:updated', { consultation: consultation('ended') });
        expect(kiosk.controller.getSnapshot()).toMatchObject({ screen: 'survey', clerkChangedTo: null });
      });
    });

    it('says media is interrupted while the media session gets its media back', async () => {
      const kiosk = setUp();
      await startCall(kiosk);
      kiosk.signalling.emit('consultation:updated', { consultation: consultation('active') });
      kiosk.remote().onRecoveringChange?.(true);
      expect(kiosk.controller.getSnapshot().isMediaInterrupted).toBe(true);
      kiosk.remote().onRecoveringChange?.(false);
      expect(kiosk.controller.getSnapshot().isMediaInterrupted).toBe(false);
      kiosk.remote().onRecoveringChange?.(true);
      await kiosk.controller.hangUp();
      expect(kiosk.controller.getSnapshot().isMediaInterrupted).toBe(false);
    });

    it('measures the connection quality from the receive transport', async () => {
      const kiosk = setUp();
      kiosk.media.getReceiveStats.mockResolvedValue(
        new Map<string, unknown>([
          ['CP', { type: 'candidate-pair', state: 'succeeded', nominated: true, currentRoundTripTime: 0.9 }],
          ['IV', { type: 'inbound-rtp', packetsReceived: 1000, packetsLost: 0 }],
        ]),
      );
      await startCall(kiosk);
      kiosk.signalling.emit('consultation:updated', { consultation: consultation('active') });
      await settle();
      expect(kiosk.controller.getSnapshot().connectionQuality).toBe('poor');
      kiosk.remote().onConnectionStateChange?.('recv', 'disconnected');
      expect(kiosk.controller.getSnapshot().isMediaInterrupted).toBe(true);
      kiosk.remote().onConnectionStateChange?.('recv', 'connected');
      expect(kiosk.controller.getSnapshot().isMediaInterrupted).toBe(false);
      await kiosk.controller.hangUp();
      expect(kiosk.controller.getSnapshot().connectionQuality).toBeNull();
    });
  });
});
