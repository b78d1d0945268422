import type { ConsultationView, FactPayload, KioskId, QueueSnapshotView, StaffRole } from '@madoguchi/shared';
import { SignallingError, type MediaSessionEvents, type RemoteTrack } from '@madoguchi/shared/client';
import {
  FakeFetch,
  fakeMediaSession,
  FakeSignalling,
  fakeTrack,
  refusal,
  sampleCatalogJson,
  type FakeMediaSession,
} from '@madoguchi/shared/client/testing';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LocalMedia } from '../lib/media-devices.ts';
import {
  ADMIN_SNAPSHOT_INTERVAL_MS,
  CALL_NOTES_MAX,
  ConsoleController,
  type ConsoleDependencies,
  type ConsoleSignalling,
} from './console-controller.ts';
import type { ResumeStorage } from './resume-token-store.ts';

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

const CSRF = 'csrf-token-of-this-session';

const sessionOf = (role: StaffRole, staffId = 'tanaka-y') => ({
  staffId,
  displayName: '田中',
  role,
  csrfToken: CSRF,
  expiresAt: '2026-01-08T18:00:00.000Z',
});

/** The tab's sessionStorage: what it holds, as a page reload would find it. */
const fakeStorage = (): ResumeStorage & { items: Map<string, string> } => {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
  };
};

/** A console whose page has loaded, with a server that has no live session for it yet. */
let urls = 0;

const loaded = (storage = fakeStorage()) => {
  const signalling = new FakeSignalling();
  const media = fakeMediaSession();
  // The first media session is `media`; a new server session gets a fresh one.
  const sessions: FakeMediaSession[] = [];
  let mediaEvents: MediaSessionEvents = {};
  const local: LocalMedia = { microphone: fakeTrack('audio'), camera: fakeTrack('video') };
  const server = new FakeFetch().on('GET /api/auth/session', () => refusal(401, 'UNAUTHENTICATED', 'log in'));
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
    fetch: server.fetch,
    openMedia: vi.fn(async () => ({ media: local, error: null })),
    now: () => NOW,
    chime: vi.fn(),
    objectUrls: { create: vi.fn(() => `blob:${++urls}`), revoke: vi.fn() },
    sessionStorage: storage,
  };
  const controller = new ConsoleController(deps);
  signalling.responses.set('supervisor:get-snapshot', () => snapshotAt(NOW));
  signalling.responses.set('onsite:get-board', () => ({
    boothId: 'seiseki-sakuragaoka',
    kiosks: [{ kioskId: 'seiseki-1', state: 'idle' }],
    tasks: [],
  }));
  return {
    controller,
    deps,
    server,
    signalling,
    media,
    sessions,
    local,
    storage,
    remote: () => mediaEvents,
  };
};

const readyFact = (
  role: StaffRole,
  staffStatus: FactPayload<'session:ready'>['staffStatus'],
  {
    isResumed = false,
    consultation = null as ConsultationView | null,
    clerkProfile = null as FactPayload<'session:ready'>['clerkProfile'],
  } = {},
) =>
  ({
    participantId: 'b7d1e0c4-1f0a-4c5e-8f57-2a8f3f0b9d21',
    role,
    resumeToken: 'x'.repeat(43),
    isResumed,
    consultation,
    staffStatus,
    clerkProfile,
  }) as unknown as FactPayload<'session:ready'>;

/** A console that found a live session at load and whose socket session is ready. */
const signedIn = async (role: StaffRole = 'clerk') => {
  const page = loaded();
  page.server.on('GET /api/auth/session', sessionOf(role));
  page.server.on('GET /api/admin/staff', { staff: [] });
  page.server.on('GET /api/admin/kiosks', { kiosks: [] });
  await page.controller.init();
  const ready = (
    staffStatus: FactPayload<'session:ready'>['staffStatus'],
    options: { isResumed?: boolean; consultation?: ConsultationView | null } = {},
  ) => page.signalling.emit('session:ready', readyFact(role, staffStatus, options));
  ready(role === 'clerk' ? 'available' : null);
  await settle();
  return { ...page, ready };
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
    consultations: [],
    kiosks: [],
    clerks: [],
  }) as unknown as QueueSnapshotView;

describe('ConsoleController', () => {
  it('connects the clerk’s media at sign-in, before any call', async () => {
    const desk = await signedIn();
    expect(desk.deps.connect).toHaveBeenCalledWith({ role: 'staff' });
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
    expect(desk.controller.getSnapshot().deskMedia?.remoteTracks).toHaveLength(1);
    desk.remote().onRemoteTrackEnded?.('c1');
    expect(desk.controller.getSnapshot().deskMedia?.remoteTracks).toHaveLength(0);

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
      expect(desk.deps.connect).toHaveBeenCalledWith({ role: 'staff' });
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
        deskMedia: { remoteTracks: [] },
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
        deskMedia: { remoteTracks: [] },
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
      expect(desk.controller.getSnapshot().deskMedia?.remoteTracks).toHaveLength(1);
    });
  });

  describe('login session', () => {
    afterEach(() => vi.useRealTimers());

    it('shows the login form when the page has no live session, and connects nothing', async () => {
      const page = loaded();
      expect(page.controller.getSnapshot().screen).toBe('starting');
      await page.controller.init();
      expect(page.controller.getSnapshot()).toMatchObject({
        screen: 'login',
        error: null,
        loginProblem: null,
      });
      expect(page.deps.connect).not.toHaveBeenCalled();
    });

    it('goes straight in with a live session cookie, as the account says', async () => {
      const desk = await signedIn('clerk');
      expect(desk.server.sent('GET /api/auth/session')).toHaveLength(1);
      expect(desk.controller.getSnapshot().staff).toEqual({
        staffId: 'tanaka-y',
        displayName: '田中',
        role: 'clerk',
      });
      // The CSRF token stays inside the controller.
      expect(JSON.stringify(desk.controller.getSnapshot())).not.toContain(CSRF);
    });

    it('logs in with the password and connects as staff', async () => {
      const page = loaded();
      await page.controller.init();
      page.server.on('POST /api/auth/login', sessionOf('clerk'));
      await page.controller.logIn(' tanaka-y ', 'correct horse');
      expect(page.server.sent('POST /api/auth/login')[0]?.body).toEqual({
        staffId: 'tanaka-y',
        password: 'correct horse',
      });
      expect(page.deps.connect).toHaveBeenCalledWith({ role: 'staff' });
      expect(page.signalling.connect).toHaveBeenCalled();
      expect(page.controller.getSnapshot()).toMatchObject({ screen: 'connecting', isSigningIn: false });
    });

    it('checks the form before asking the server', async () => {
      const page = loaded();
      await page.controller.init();
      await page.controller.logIn('Tanaka Y', 'pw');
      expect(page.controller.getSnapshot().loginProblem).toEqual({ kind: 'invalid-staff-id' });
      await page.controller.logIn('tanaka-y', '');
      expect(page.controller.getSnapshot().loginProblem).toEqual({ kind: 'missing-password' });
      expect(page.server.sent('POST /api/auth/login')).toHaveLength(0);
    });

    it('says why a login was refused: wrong credentials, a lock until when, too many attempts', async () => {
      const page = loaded();
      await page.controller.init();
      const answers = [
        refusal(401, 'UNAUTHENTICATED', 'staff id or password is wrong'),
        refusal(423, 'ACCOUNT_LOCKED', 'too many failed attempts; try again after 2026-01-08T01:15:00.000Z'),
        refusal(429, 'RATE_LIMITED', 'too many login attempts'),
      ];
      page.server.on('POST /api/auth/login', () => answers.shift()!);
      const problems = [];
      for (let attempt = 0; attempt < 3; attempt++) {
        await page.controller.logIn('tanaka-y', 'wrong');
        problems.push(page.controller.getSnapshot().loginProblem);
      }
      expect(problems).toEqual([
        { kind: 'wrong-credentials' },
        { kind: 'locked', until: '2026-01-08T01:15:00.000Z' },
        { kind: 'rate-limited' },
      ]);
      expect(page.controller.getSnapshot()).toMatchObject({ screen: 'login', staff: null, error: null });
      expect(page.deps.connect).not.toHaveBeenCalled();
    });

    it('shows an unreachable server as an error, not as wrong credentials', async () => {
      const page = loaded();
      await page.controller.init();
      page.server.on('POST /api/auth/login', () => ({ networkError: true }));
      await page.controller.logIn('tanaka-y', 'pw');
      expect(page.controller.getSnapshot()).toMatchObject({ screen: 'login', loginProblem: null });
      expect(page.controller.getSnapshot().error).toMatchObject({ code: 'TIMEOUT' });
    });

    it('logs out with the CSRF token, and tears down the socket, media and devices', async () => {
      const desk = await signedIn('clerk');
      desk.server.on('POST /api/auth/logout', {});
      await desk.controller.logOut();
      expect(desk.server.sent('POST /api/auth/logout')[0]?.headers).toMatchObject({ 'x-csrf-token': CSRF });
      expect(desk.controller.getSnapshot()).toMatchObject({ screen: 'login', staff: null, deskMedia: null });
      expect(desk.signalling.close).toHaveBeenCalled();
      expect(desk.media.close).toHaveBeenCalled();
      await settle();
      expect(desk.local.camera?.stop).toHaveBeenCalled();
      expect(desk.local.microphone?.stop).toHaveBeenCalled();
    });

    it('hangs up a running call before logging out', async () => {
      const desk = await signedIn('clerk');
      desk.signalling.responses.set('call:accept', () => ({ consultation: consultation('active') }));
      desk.signalling.responses.set('consultation:hang-up', () => ({}));
      desk.signalling.emit('call:offered', offer);
      await desk.controller.accept();
      desk.server.on('POST /api/auth/logout', {});
      await desk.controller.logOut();
      expect(desk.signalling.requests.at(-1)?.name).toBe('consultation:hang-up');
      expect(desk.controller.getSnapshot().screen).toBe('login');
    });

    it('stays signed in, and says so, when the logout did not reach the server', async () => {
      const desk = await signedIn('clerk');
      desk.server.on('POST /api/auth/logout', () => ({ networkError: true }));
      await desk.controller.logOut();
      expect(desk.controller.getSnapshot()).toMatchObject({ screen: 'idle', isSigningOut: false });
      expect(desk.controller.getSnapshot().error).toMatchObject({ code: 'TIMEOUT' });
      expect(desk.signalling.close).not.toHaveBeenCalled();
    });

    it('logs out everywhere', async () => {
      const desk = await signedIn('supervisor');
      desk.server.on('POST /api/auth/logout-everywhere', { endedSessions: 2 });
      await desk.controller.logOutEverywhere();
      expect(desk.server.sent('POST /api/auth/logout-everywhere')[0]?.headers).toMatchObject({
        'x-csrf-token': CSRF,
      });
      expect(desk.controller.getSnapshot()).toMatchObject({ screen: 'login', loginProblem: null });
      expect(desk.signalling.close).toHaveBeenCalled();
    });

    it('returns to the login form when the session ends elsewhere and the socket is refused', async () => {
      const desk = await signedIn('clerk');
      desk.signalling.refuse('UNAUTHENTICATED', 'log in first');
      expect(desk.controller.getSnapshot()).toMatchObject({
        screen: 'login',
        staff: null,
        loginProblem: { kind: 'session-ended' },
        deskMedia: null,
      });
      expect(desk.media.close).toHaveBeenCalled();
      expect(desk.signalling.close).toHaveBeenCalled();
      await settle();
      expect(desk.local.camera?.stop).toHaveBeenCalled();
    });

    it('shows another refusal of the socket as an error on the login form', async () => {
      const page = loaded();
      page.server.on('GET /api/auth/session', sessionOf('clerk'));
      await page.controller.init();
      page.signalling.refuse('RATE_LIMITED', 'too many connection attempts');
      expect(page.controller.getSnapshot()).toMatchObject({ screen: 'login', loginProblem: null });
      expect(page.controller.getSnapshot().error).toMatchObject({ code: 'RATE_LIMITED' });
    });
  });

  describe('roles', () => {
    it('shows on-site staff their booth’s board, with no devices and no snapshots', async () => {
      const desk = await signedIn('onsite');
      expect(desk.controller.getSnapshot().screen).toBe('onsite');
      expect(desk.deps.openMedia).not.toHaveBeenCalled();
      expect(desk.signalling.requests.map((request) => request.name)).toEqual(['onsite:get-board']);
      expect(desk.controller.getSnapshot().onsite?.board?.kiosks).toEqual([
        { kioskId: 'seiseki-1', state: 'idle' },
      ]);
    });

    it('opens the identities for an administrator, and no devices', async () => {
      const desk = await signedIn('admin');
      expect(desk.controller.getSnapshot()).toMatchObject({ screen: 'admin', adminView: 'identities' });
      expect(desk.server.sent('GET /api/admin/staff')).toHaveLength(1);
      expect(desk.server.sent('GET /api/admin/kiosks')).toHaveLength(1);
      expect(desk.controller.getSnapshot().admin).toMatchObject({ staff: [], kiosks: [] });
      expect(desk.deps.openMedia).not.toHaveBeenCalled();
    });

    it('asks for snapshots every few seconds while an administrator watches the queues', async () => {
      const desk = await signedIn('admin');
      desk.signalling.setConnected(true);
      vi.useFakeTimers();
      desk.controller.showAdminView('queues');
      expect(desk.signalling.requests.map((request) => request.name)).toEqual(['supervisor:get-snapshot']);
      await vi.advanceTimersByTimeAsync(ADMIN_SNAPSHOT_INTERVAL_MS);
      expect(desk.signalling.requests).toHaveLength(2);
      expect(desk.controller.getSnapshot().queueSnapshot).not.toBeNull();
      desk.controller.showAdminView('identities');
      await vi.advanceTimersByTimeAsync(ADMIN_SNAPSHOT_INTERVAL_MS * 3);
      expect(desk.signalling.requests).toHaveLength(2);
      vi.useRealTimers();
    });

    it('reads the audit log when an administrator opens its view, and again on refresh', async () => {
      const desk = await signedIn('admin');
      const entry = {
        at: '2025-05-15T01:00:00.000Z',
        actor: 'admin-a',
        action: 'login',
        subject: null,
        details: null,
      };
      desk.server.on('GET /api/admin/audit?limit=200', { entries: [entry] });
      expect(desk.server.sent('GET /api/admin/audit?limit=200')).toHaveLength(0);
      desk.controller.showAdminView('audit');
      await vi.waitFor(() => expect(desk.controller.getSnapshot().admin?.audit).toEqual([entry]));
      await desk.controller.loadAudit();
      expect(desk.server.sent('GET /api/admin/audit?limit=200')).toHaveLength(2);
      expect(desk.controller.getSnapshot()).toMatchObject({ adminView: 'audit' });
    });
  });

  describe('service settings', () => {
    it('loads the catalogue when an administrator first opens it, saves it, and reloads the kiosks', async () => {
      const desk = await signedIn('admin');
      const view = {
        revision: 1,
        savedAt: '2026-11-27T01:00:00.000Z',
        savedBy: 'system',
        catalog: sampleCatalogJson(),
      };
      const summary = {
        ...view,
        revision: 2,
        savedBy: 'admin',
        changes: { sections: ['procedures'], ids: {} },
      };
      desk.server
        .on('GET /api/admin/catalog', view)
        .on('GET /api/admin/catalog/revisions?limit=50', { revisions: [] });
      expect(desk.server.sent('GET /api/admin/catalog')).toHaveLength(0);
      desk.controller.showAdminView('catalog');
      await vi.waitFor(() => expect(desk.controller.getSnapshot().catalog?.base?.revision).toBe(1));
      desk.controller.showAdminView('identities');
      desk.controller.showAdminView('catalog');
      expect(desk.server.sent('GET /api/admin/catalog')).toHaveLength(1);

      desk.controller.editCatalog((draft) => void (draft.procedures[0]!.name.en = 'Certificates (copies)'));
      expect(desk.controller.getSnapshot().catalog?.hasChanges).toBe(true);
      desk.server.on('PUT /api/admin/catalog', summary);
      const kioskLists = desk.server.sent('GET /api/admin/kiosks').length;
      await desk.controller.saveCatalog();
      expect(desk.server.sent('PUT /api/admin/catalog')[0]?.body).toMatchObject({ baseRevision: 1 });
      expect(desk.controller.getSnapshot().catalog?.savedRevision).toBe(2);
      expect(desk.server.sent('GET /api/admin/kiosks')).toHaveLength(kioskLists + 1);
    });
  });

  describe('administration', () => {
    const kiosk = {
      kioskId: 'seiseki-1',
      boothId: 'seiseki',
      boothName: { ja: '聖蹟桜ヶ丘', en: 'Seiseki-Sakuragaoka' },
      isBoothOpen: true,
      isEnrolled: false,
    };
    const input = {
      staffId: 'sato-k',
      displayName: '佐藤',
      role: 'clerk' as const,
      password: 'long enough pw',
      boothId: null,
    };
    const { boothId: _noBooth, ...clerkRequest } = input;

    it('refuses a short password and a bad id before asking the server', async () => {
      const desk = await signedIn('admin');
      await expect(desk.controller.createStaff({ ...input, password: 'short' })).resolves.toEqual({
        ok: false,
        problem: 'short-password',
      });
      await expect(desk.controller.createStaff({ ...input, staffId: 'Sato K' })).resolves.toEqual({
        ok: false,
        problem: 'invalid-staff-id',
      });
      await expect(desk.controller.createStaff({ ...input, displayName: '  ' })).resolves.toEqual({
        ok: false,
        problem: 'invalid-name',
      });
      await expect(desk.controller.createStaff({ ...input, role: 'onsite' })).resolves.toEqual({
        ok: false,
        problem: 'missing-booth',
      });
      expect(desk.server.sent('POST /api/admin/staff')).toHaveLength(0);
    });

    it('creates an account with the CSRF token and shows the reloaded list', async () => {
      const desk = await signedIn('admin');
      const created = {
        staffId: 'sato-k',
        displayName: '佐藤',
        role: 'clerk',
        boothId: null,
        isDisabled: false,
        mustChangePassword: false,
        hasSecondFactor: false,
      };
      desk.server.on('POST /api/admin/staff', created);
      desk.server.on('GET /api/admin/staff', { staff: [created] });
      await expect(desk.controller.createStaff(input)).resolves.toEqual({ ok: true, account: created });
      const [request] = desk.server.sent('POST /api/admin/staff');
      expect(request?.body).toEqual(clerkRequest);
      expect(request?.headers).toMatchObject({ 'x-csrf-token': CSRF });
      await settle();
      expect(desk.controller.getSnapshot().admin?.staff).toEqual([created]);
    });

    it('sends the booth of on-site staff, and only theirs', async () => {
      const desk = await signedIn('admin');
      const created = {
        staffId: 'ito-r',
        displayName: '伊藤',
        role: 'onsite',
        boothId: 'tama-center',
        isDisabled: false,
      };
      desk.server.on('POST /api/admin/staff', created);
      desk.server.on('GET /api/admin/staff', { staff: [created] });
      await desk.controller.createStaff({
        ...input,
        staffId: 'ito-r',
        role: 'onsite',
        boothId: 'tama-center',
      });
      await desk.controller.createStaff({ ...input, boothId: 'tama-center' });
      const [onsite, clerk] = desk.server.sent('POST /api/admin/staff');
      expect(onsite?.body).toMatchObject({ role: 'onsite', boothId: 'tama-center' });
      expect(clerk?.body).not.toHaveProperty('boothId');
    });

    it('turns the server’s refusals into form problems', async () => {
      const desk = await signedIn('admin');
      const answers = [
        refusal(409, 'INVALID_STATE', 'staff id sato-k already exists'),
        refusal(400, 'VALIDATION_FAILED', 'password: at least 12 characters'),
      ];
      desk.server.on('POST /api/admin/staff', () => answers.shift()!);
      await expect(desk.controller.createStaff(input)).resolves.toEqual({
        ok: false,
        problem: 'duplicate-staff-id',
      });
      await expect(desk.controller.createStaff(input)).resolves.toEqual({ ok: false, problem: 'rejected' });
      expect(desk.controller.getSnapshot().error).toBeNull();
    });

    it('issues an enrollment code and revokes a kiosk', async () => {
      const desk = await signedIn('admin');
      const code = { kioskId: 'seiseki-1', code: '12345678', expiresAt: '2026-01-08T01:10:00.000Z' };
      desk.server.on('POST /api/admin/kiosks/seiseki-1/enrollment-codes', code);
      desk.server.on('POST /api/admin/kiosks/seiseki-1/revoke', {
        kioskId: 'seiseki-1',
        revokedCredentials: 1,
      });
      desk.server.on('GET /api/admin/kiosks', { kiosks: [kiosk] });
      await desk.controller.createEnrollmentCode('seiseki-1' as KioskId);
      expect(desk.controller.getSnapshot().admin).toMatchObject({ enrollmentCode: code, busyKioskId: null });
      await desk.controller.revokeKiosk('seiseki-1' as KioskId);
      expect(desk.server.sent('POST /api/admin/kiosks/seiseki-1/revoke')[0]?.headers).toMatchObject({
        'x-csrf-token': CSRF,
      });
      await settle();
      expect(desk.controller.getSnapshot().admin).toMatchObject({
        revokedKioskId: 'seiseki-1',
        kiosks: [kiosk],
      });
    });

    it('returns to the login form when the session ended under an administrator', async () => {
      const desk = await signedIn('admin');
      desk.server.on('POST /api/admin/kiosks/seiseki-1/enrollment-codes', () =>
        refusal(401, 'UNAUTHENTICATED', 'log in first'),
      );
      await desk.controller.createEnrollmentCode('seiseki-1' as KioskId);
      expect(desk.controller.getSnapshot()).toMatchObject({
        screen: 'login',
        admin: null,
        loginProblem: { kind: 'session-ended' },
      });
    });
  });
});

describe('ConsoleController captures', () => {
  const CAPTURE_ID = '0b4f6a8e-3c1d-4e2f-9a7b-5c6d7e8f9a0b' as FactPayload<'capture:stored'>['captureId'];

  it('has a capture desk for the call only, and frees its images when the call ends', async () => {
    const page = await signedIn('clerk');
    page.ready('available');
    await settle();
    expect(page.controller.getSnapshot().captures).toBeNull();
    page.signalling.emit('consultation:updated', { consultation: consultation('active') });
    expect(page.controller.getSnapshot().captures).toMatchObject({ stills: [], signature: null });

    page.signalling.responses.set('capture:request', () => ({ captureId: CAPTURE_ID }));
    await page.controller.requestStill();
    expect(page.signalling.requests.at(-1)).toEqual({
      name: 'capture:request',
      payload: { consultationId: CONSULTATION_ID, kind: 'document-still' },
    });
    page.server.on(`GET /api/captures/${CAPTURE_ID}`, () => ({
      status: 200,
      bytes: new Blob(['jpeg'], { type: 'image/jpeg' }),
    }));
    page.signalling.emit('capture:stored', {
      consultationId: CONSULTATION_ID,
      captureId: CAPTURE_ID,
      kind: 'document-still',
      mimeType: 'image/jpeg',
      width: 1920,
      height: 1080,
      byteLength: 4,
    });
    await vi.waitFor(() => expect(page.controller.getSnapshot().captures?.stills[0]?.status).toBe('ready'));
    const url = page.controller.getSnapshot().captures?.stills[0]?.url;
    page.controller.openCapture(CAPTURE_ID);
    expect(page.controller.getSnapshot().captures?.viewerId).toBe(CAPTURE_ID);

    page.signalling.emit('consultation:updated', { consultation: consultation('ended') });
    expect(page.controller.getSnapshot().captures).toBeNull();
    expect(page.deps.objectUrls.revoke).toHaveBeenCalledWith(url);
  });
});

describe('ConsoleController chat and documents', () => {
  const active = (): ConsultationView =>
    ({
      consultationId: '6f1c7f3e-8a3b-4e43-9a55-3b4a0f8e2c11',
      procedureId: 'juminhyo',
      kioskId: 'seiseki-1',
      language: 'zh-Hans',
      status: 'active',
      staff: [],
      requestedAt: '2025-01-01T00:00:00.000Z',
      answeredAt: '2025-01-01T00:00:10.000Z',
      endedAt: null,
      endReason: null,
    }) as unknown as ConsultationView;

  const inCall = async () => {
    const page = await signedIn('clerk');
    page.signalling.emit('consultation:updated', { consultation: active() });
    page.signalling.emit(
      'session:ready',
      readyFact('clerk', 'busy', { isResumed: true, consultation: active() }),
    );
    return page;
  };

  it('chats with the resident during the call, and forgets the chat when it ends', async () => {
    const page = await inCall();
    expect(page.controller.getSnapshot().consultation?.status).toBe('active');
    page.signalling.responses.set('chat:send', () => ({
      messageId: '00000000-0000-4000-8000-000000000001',
      sentAt: '2025-01-01T00:00:20.000Z',
    }));
    page.signalling.emit('chat:message', {
      consultationId: active().consultationId,
      messageId: '00000000-0000-4000-8000-000000000002',
      from: 'resident',
      senderName: null,
      text: '聞こえません',
      sentAt: '2025-01-01T00:00:19.000Z',
    });
    expect(await page.controller.sendChat('文字でご案内します')).toBe(true);
    expect(page.signalling.requests.at(-1)).toEqual({
      name: 'chat:send',
      payload: { consultationId: active().consultationId, text: '文字でご案内します' },
    });
    expect(
      page.controller.getSnapshot().chat.messages.map((message) => [message.from, message.isOwn]),
    ).toEqual([
      ['resident', false],
      ['clerk', true],
    ]);
    page.signalling.emit('consultation:updated', { consultation: { ...active(), status: 'ended' } });
    expect(page.controller.getSnapshot()).toMatchObject({ chat: { messages: [] }, documents: null });
  });

  it('pushes a document to the kiosk and closes it', async () => {
    const page = await inCall();
    const route = `POST /api/consultations/${active().consultationId}/documents`;
    const documentId = '9a1c7f3e-8a3b-4e43-9a55-3b4a0f8e2c11';
    page.server.on(route, { documentId, width: 800, height: 1100 });
    page.signalling.responses.set('document:close', () => ({}));
    await page.controller.pushDocument(new Blob(['jpeg'], { type: 'image/jpeg' }), 'form.jpg');
    expect(page.server.sent(route)[0]?.headers['content-type']).toBe('image/jpeg');
    expect(page.controller.getSnapshot().documents?.documents).toEqual([
      { documentId, name: 'form.jpg', width: 800, height: 1100, isShown: true },
    ]);
    await page.controller.closeDocument(documentId as never);
    expect(page.signalling.requests.at(-1)).toEqual({
      name: 'document:close',
      payload: { consultationId: active().consultationId, documentId },
    });
  });
});

describe('ConsoleController wrap-up', () => {
  const inCall = async () => {
    const desk = await signedIn('clerk');
    desk.signalling.responses.set('call:accept', () => ({ consultation: consultation('active') }));
    desk.signalling.emit('call:offered', offer);
    await desk.controller.accept();
    return desk;
  };

  it('shows the wrap-up panel when the call ends, and sends it', async () => {
    const desk = await inCall();
    expect(desk.controller.getSnapshot().wrapUp).toBeNull();
    desk.signalling.emit('consultation:updated', { consultation: consultation('ended') });
    expect(desk.controller.getSnapshot()).toMatchObject({
      screen: 'idle',
      wrapUp: { consultation: { consultationId: CONSULTATION_ID }, outcome: null, tasks: [] },
    });

    desk.controller.setWrapUpOutcome('completed');
    desk.controller.setWrapUpNotes('転入届を受け付け');
    desk.controller.addWrapUpTask();
    desk.controller.updateWrapUpTask(0, { kind: 'hand-over-certificate', note: '住民票 1通' });
    desk.signalling.responses.set('consultation:wrap-up', () => ({ tasks: [] }));
    await desk.controller.submitWrapUp();
    expect(desk.signalling.requests.at(-1)).toEqual({
      name: 'consultation:wrap-up',
      payload: {
        consultationId: CONSULTATION_ID,
        outcome: 'completed',
        notes: '転入届を受け付け',
        tasks: [{ kind: 'hand-over-certificate', note: '住民票 1通' }],
      },
    });
    expect(desk.controller.getSnapshot()).toMatchObject({ screen: 'idle', wrapUp: null, error: null });
  });

  it('opens the panel after the clerk hangs up, and keeps it past the timed wrap-up status', async () => {
    const desk = await inCall();
    desk.signalling.responses.set('consultation:hang-up', () => ({}));
    await desk.controller.hangUp();
    desk.signalling.emit('staff:status-changed', { status: 'available', reason: null, until: null });
    expect(desk.controller.getSnapshot().wrapUp).not.toBeNull();
    desk.controller.skipWrapUp();
    expect(desk.controller.getSnapshot().wrapUp).toBeNull();
    expect(desk.signalling.requests.map((request) => request.name)).not.toContain('consultation:wrap-up');
  });

  it('keeps the draft and shows the refusal', async () => {
    const desk = await inCall();
    desk.signalling.emit('consultation:updated', { consultation: consultation('ended') });
    desk.controller.setWrapUpOutcome('referred');
    desk.signalling.responses.set('consultation:wrap-up', () => {
      throw new SignallingError('INVALID_STATE', 'already wrapped up');
    });
    await desk.controller.submitWrapUp();
    expect(desk.controller.getSnapshot().wrapUp).toMatchObject({ outcome: 'referred', isSubmitting: false });
    expect((desk.controller.getSnapshot().error as SignallingError).code).toBe('INVALID_STATE');
  });

  it('checks the draft before sending', async () => {
    const desk = await inCall();
    desk.signalling.emit('consultation:updated', { consultation: consultation('ended') });
    await desk.controller.submitWrapUp();
    expect(desk.controller.getSnapshot().wrapUp?.problem).toBe('missing-outcome');
    expect(desk.signalling.requests.map((request) => request.name)).not.toContain('consultation:wrap-up');
  });

  it('offers no wrap-up for a call the clerk never took part in', async () => {
    const desk = await signedIn('clerk');
    desk.signalling.emit('consultation:updated', { consultation: consultation('ended') });
    expect(desk.controller.getSnapshot().wrapUp).toBeNull();
  });

  it('offers a wrap-up for a call a restarted server no longer names', async () => {
    const desk = await inCall();
    desk.ready('available');
    expect(desk.controller.getSnapshot()).toMatchObject({ screen: 'idle', consultation: null });
    expect(desk.controller.getSnapshot().wrapUp?.consultation.consultationId).toBe(CONSULTATION_ID);
  });
});

describe('ConsoleController clerk desk: skills, mute and call notes', () => {
  const profile = {
    skills: [
      { skillId: 'juumin-kiroku', proficiency: 4 },
      { skillId: 'koseki', proficiency: 2 },
    ],
    languages: ['ja', 'en'],
  };

  const inCall = async () => {
    const desk = await signedIn('clerk');
    desk.signalling.responses.set('call:accept', () => ({ consultation: consultation('active') }));
    desk.signalling.emit('call:offered', offer);
    await desk.controller.accept();
    return desk;
  };

  it('shows the skills and languages the ready fact names, and follows a newer one', async () => {
    const desk = await signedIn('clerk');
    expect(desk.controller.getSnapshot().clerkProfile).toBeNull();
    desk.signalling.emit('session:ready', readyFact('clerk', 'available', { clerkProfile: profile }));
    expect(desk.controller.getSnapshot().clerkProfile).toEqual(profile);
    desk.signalling.emit('session:ready', readyFact('clerk', 'available', { isResumed: true }));
    expect(desk.controller.getSnapshot().clerkProfile).toBeNull();
  });

  it('mutes the published microphone and camera in place, without publishing again', async () => {
    const desk = await inCall();
    const publishes = desk.media.publish.mock.calls.length;
    desk.controller.toggleMicrophone();
    expect(desk.controller.getSnapshot()).toMatchObject({ isMicrophoneOn: false, isCameraOn: true });
    expect(desk.local.microphone?.enabled).toBe(false);
    expect(desk.local.camera?.enabled).toBe(true);
    desk.controller.toggleCamera();
    expect(desk.local.camera?.enabled).toBe(false);
    desk.controller.toggleMicrophone();
    expect(desk.controller.getSnapshot()).toMatchObject({ isMicrophoneOn: true, isCameraOn: false });
    expect(desk.local.microphone?.enabled).toBe(true);
    expect(desk.media.publish.mock.calls).toHaveLength(publishes);
    expect(desk.local.microphone?.stop).not.toHaveBeenCalled();
  });

  it('turns both back on when the call ends, and ignores the toggles between calls', async () => {
    const desk = await inCall();
    desk.controller.toggleMicrophone();
    desk.controller.toggleCamera();
    desk.signalling.emit('consultation:updated', { consultation: consultation('ended') });
    expect(desk.controller.getSnapshot()).toMatchObject({ isMicrophoneOn: true, isCameraOn: true });
    expect(desk.local.microphone?.enabled).toBe(true);
    expect(desk.local.camera?.enabled).toBe(true);

    desk.controller.toggleMicrophone();
    desk.controller.toggleCamera();
    expect(desk.controller.getSnapshot()).toMatchObject({ isMicrophoneOn: true, isCameraOn: true });
    expect(desk.local.microphone?.enabled).toBe(true);
  });

  it('hands the call notes to the wrap-up when the call ends, and starts the next call empty', async () => {
    const desk = await inCall();
    desk.controller.setCallNotes('転入届。住民票 1通');
    expect(desk.controller.getSnapshot().callNotes).toBe('転入届。住民票 1通');
    desk.signalling.responses.set('consultation:hang-up', () => ({}));
    await desk.controller.hangUp();
    expect(desk.controller.getSnapshot()).toMatchObject({
      screen: 'idle',
      callNotes: '',
      wrapUp: { notes: '転入届。住民票 1通' },
    });

    desk.controller.setCallNotes('between calls');
    expect(desk.controller.getSnapshot().callNotes).toBe('');
    desk.controller.skipWrapUp();
    desk.signalling.emit('call:offered', offer);
    await desk.controller.accept();
    expect(desk.controller.getSnapshot()).toMatchObject({ screen: 'in-call', callNotes: '' });
  });

  it('cuts the call notes at the wrap-up’s limit', async () => {
    const desk = await inCall();
    desk.controller.setCallNotes('あ'.repeat(CALL_NOTES_MAX + 10));
    expect(desk.controller.getSnapshot().callNotes).toHaveLength(CALL_NOTES_MAX);
  });
});

describe('ConsoleController on-site staff', () => {
  const task = (status: 'open' | 'done') =>
    ({
      taskId: '11111111-2222-4333-8444-555555555555',
      consultationId: CONSULTATION_ID,
      kioskId: 'seiseki-1',
      boothId: 'seiseki-sakuragaoka',
      kind: 'receive-original-document',
      note: '戸籍謄本',
      status,
      createdBy: 'tanaka-y',
      createdAt: '2026-01-08T09:59:00.000Z',
      resolvedBy: status === 'done' ? 'onsite-seiseki' : null,
      resolvedAt: status === 'done' ? '2026-01-08T10:01:00.000Z' : null,
      problemNote: null,
    }) as unknown as FactPayload<'task:updated'>['task'];

  it('follows pushed boards, tasks and help requests, with a chime', async () => {
    const desk = await signedIn('onsite');
    desk.signalling.emit('task:updated', { task: task('open') });
    desk.signalling.emit('booth:updated', {
      boothId: 'seiseki-sakuragaoka',
      kiosks: [{ kioskId: 'seiseki-1', state: 'in-call' }],
      tasks: [task('open')],
    } as FactPayload<'booth:updated'>);
    desk.signalling.emit('help:requested', {
      kioskId: 'seiseki-1',
      reason: 'resident',
      at: '2026-01-08T10:00:00.000Z',
    } as FactPayload<'help:requested'>);
    const onsite = desk.controller.getSnapshot().onsite;
    expect(onsite?.board?.kiosks[0]?.state).toBe('in-call');
    expect(onsite?.board?.tasks).toHaveLength(1);
    expect(onsite?.helpRequests).toHaveLength(1);
    expect(desk.deps.chime).toHaveBeenCalledTimes(1);
    desk.controller.dismissHelp('seiseki-1' as KioskId);
    expect(desk.controller.getSnapshot().onsite?.helpRequests).toEqual([]);
  });

  it('resolves a task and shows the server’s answer', async () => {
    const desk = await signedIn('onsite');
    desk.signalling.emit('task:updated', { task: task('open') });
    desk.signalling.responses.set('task:resolve', () => ({ task: task('done') }));
    await desk.controller.resolveTask(task('open').taskId, 'done');
    expect(desk.signalling.requests.at(-1)).toEqual({
      name: 'task:resolve',
      payload: { taskId: task('open').taskId, status: 'done' },
    });
    expect(desk.controller.getSnapshot().onsite?.board?.tasks[0]?.status).toBe('done');
  });

  it('asks for the board again after a reconnection', async () => {
    const desk = await signedIn('onsite');
    desk.ready(null, { isResumed: true });
    await settle();
    expect(desk.signalling.requests.map((request) => request.name)).toEqual([
      'onsite:get-board',
      'onsite:get-board',
    ]);
  });

  it('forgets the board at logout', async () => {
    const desk = await signedIn('onsite');
    desk.server.on('POST /api/auth/logout', {});
    await desk.controller.logOut();
    expect(desk.controller.getSnapshot()).toMatchObject({ screen: 'login', onsite: null });
    desk.signalling.emit('help:requested', {
      kioskId: 'seiseki-1',
      reason: 'device',
      at: '2026-01-08T10:00:00.000Z',
    } as FactPayload<'help:requested'>);
    expect(desk.deps.chime).not.toHaveBeenCalled();
  });
});

describe('ConsoleController silent monitoring', () => {
  const running = (at: number, ids: string[] = [CONSULTATION_ID]) =>
    ({
      ...snapshotAt(at),
      consultations: ids.map((consultationId) => ({
        consultationId,
        procedureId: 'juumin-idou',
        kioskId: 'seiseki-1',
        language: 'ja',
        staff: ['tanaka-y'],
        answeredAt: new Date(at - 60_000).toISOString(),
        monitoredBy: [],
      })),
    }) as unknown as QueueSnapshotView;

  const watching = async () => {
    const desk = await signedIn('supervisor');
    desk.signalling.emit('queue:snapshot', running(NOW + 1_000));
    desk.signalling.responses.set('supervisor:monitor', () => ({}));
    desk.signalling.responses.set('supervisor:stop-monitoring', () => ({}));
    await desk.controller.monitor(CONSULTATION_ID);
    return desk;
  };

  it('starts a receive-only media session at the first monitor and shows the call’s tracks', async () => {
    const desk = await watching();
    expect(desk.media.start).toHaveBeenCalled();
    expect(desk.media.publish).not.toHaveBeenCalled();
    expect(desk.deps.openMedia).not.toHaveBeenCalled();
    expect(desk.signalling.requests.at(-1)).toEqual({
      name: 'supervisor:monitor',
      payload: { consultationId: CONSULTATION_ID },
    });
    desk.remote().onRemoteTrack?.({ consumerId: 'c1', role: 'kiosk', source: 'camera' } as RemoteTrack);
    expect(desk.controller.getSnapshot().monitor).toMatchObject({
      consultationId: CONSULTATION_ID,
      isStarting: false,
      tracks: [{ consumerId: 'c1' }],
    });
  });

  it('stops monitoring and keeps the media session for the next call', async () => {
    const desk = await watching();
    await desk.controller.stopMonitoring();
    expect(desk.signalling.requests.at(-1)?.name).toBe('supervisor:stop-monitoring');
    expect(desk.controller.getSnapshot().monitor).toMatchObject({ consultationId: null, tracks: [] });
    expect(desk.media.close).not.toHaveBeenCalled();
  });

  it('lets go when the monitored call is no longer running', async () => {
    const desk = await watching();
    desk.signalling.emit('queue:snapshot', running(NOW + 2_000, []));
    expect(desk.controller.getSnapshot().monitor?.consultationId).toBeNull();
  });

  it('starts media from nothing after the server restarted, and closes it at logout', async () => {
    const desk = await watching();
    desk.ready(null);
    await settle();
    expect(desk.media.close).toHaveBeenCalled();
    expect(desk.controller.getSnapshot().monitor?.consultationId).toBeNull();
    await desk.controller.monitor(CONSULTATION_ID);
    expect(desk.sessions).toHaveLength(2);
    desk.server.on('POST /api/auth/logout', {});
    await desk.controller.logOut();
    expect(desk.sessions[1]?.close).toHaveBeenCalled();
    expect(desk.controller.getSnapshot().monitor).toBeNull();
  });

  it('joins to assist with the supervisor’s devices, and leaves', async () => {
    const desk = await watching();
    desk.signalling.responses.set('supervisor:join', () => ({}));
    desk.signalling.responses.set('consultation:leave', () => ({}));
    await desk.controller.joinMonitoredCall();
    expect(desk.deps.openMedia).toHaveBeenCalledTimes(1);
    expect(desk.media.publish.mock.calls).toEqual([
      [desk.local.camera, 'camera'],
      [desk.local.microphone, 'microphone'],
    ]);
    expect(desk.signalling.requests.at(-1)).toEqual({
      name: 'supervisor:join',
      payload: { consultationId: CONSULTATION_ID },
    });
    expect(desk.controller.getSnapshot().monitor).toMatchObject({ isJoined: true });
    await desk.controller.leaveMonitoredCall();
    expect(desk.signalling.requests.at(-1)).toEqual({
      name: 'consultation:leave',
      payload: { consultationId: CONSULTATION_ID },
    });
    expect(desk.local.camera?.stop).toHaveBeenCalled();
    expect(desk.local.microphone?.stop).toHaveBeenCalled();
    expect(desk.controller.getSnapshot().monitor).toMatchObject({ consultationId: null, isJoined: false });
  });

  it('lets go of the devices when the joined call ends', async () => {
    const desk = await watching();
    desk.signalling.responses.set('supervisor:join', () => ({}));
    await desk.controller.joinMonitoredCall();
    desk.signalling.emit('consultation:updated', {
      consultation: consultation('ended'),
    });
    expect(desk.local.camera?.stop).toHaveBeenCalled();
    expect(desk.controller.getSnapshot()).toMatchObject({
      consultation: null,
      monitor: { consultationId: null, isJoined: false },
    });
  });

  it('shows a failed publish in the error area', async () => {
    const desk = await watching();
    desk.media.publish.mockRejectedValueOnce(new SignallingError('MEDIA_UNAVAILABLE', 'x'));
    await desk.controller.joinMonitoredCall();
    expect(desk.controller.getSnapshot().error).toMatchObject({ code: 'MEDIA_UNAVAILABLE' });
    expect(desk.signalling.requests.map((request) => request.name)).not.toContain('supervisor:join');
    expect(desk.controller.getSnapshot().monitor).toMatchObject({ consultationId: CONSULTATION_ID });
  });

  it('keeps monitoring through a resumed session', async () => {
    const desk = await watching();
    desk.ready(null, { isResumed: true });
    await settle();
    expect(desk.media.close).not.toHaveBeenCalled();
    expect(desk.controller.getSnapshot().monitor?.consultationId).toBe(CONSULTATION_ID);
  });
});

describe('ConsoleController reports', () => {
  // NOW is 19:00 on 8 January 2026 in Tokyo: 今月 runs from the 1st to the 9th, exclusive.
  const kpiPath = 'GET /api/reports/kpis?from=2026-01-01&to=2026-01-09&groupBy=day&demo=false';
  const figures = {
    consultations: 0,
    answered: 0,
    abandoned: 0,
    abandonmentRate: null,
    waitMeanSec: null,
    waitP90Sec: null,
    serviceLevel60s: null,
    handlingMeanSec: null,
    outcomes: {},
    surveys: 0,
    satisfiedShare: null,
  };
  const report = {
    from: '2026-01-01',
    to: '2026-01-09',
    groupBy: 'day',
    isDemo: false,
    satisfactionTarget: 0.8,
    total: figures,
    groups: [],
  };

  it('loads the dashboard when a supervisor opens it, and not before', async () => {
    const desk = await signedIn('supervisor');
    desk.server.on(kpiPath, report);
    expect(desk.server.sent(kpiPath)).toEqual([]);
    desk.controller.showSupervisorView('dashboard');
    await settle();
    expect(desk.controller.getSnapshot()).toMatchObject({
      screen: 'supervisor',
      supervisorView: 'dashboard',
      reports: { kpis: { from: '2026-01-01' }, isLoading: false },
    });
    desk.controller.showSupervisorView('queues');
    expect(desk.controller.getSnapshot().supervisorView).toBe('queues');
  });

  it('gives administrators the national report', async () => {
    const desk = await signedIn('admin');
    const path =
      'GET /api/reports/national?from=2026-01-01&to=2026-01-09&baselineFrom=2025-12-24&baselineTo=2026-01-01&demo=false';
    desk.server.on(path, {
      from: '2026-01-01',
      to: '2026-01-09',
      isDemo: false,
      usage: [],
      proceduresHandled: [],
      windows: { booths: 2, kiosks: 3 },
      waiting: { meanSec: null, p90Sec: null, baselineMeanSec: null, baselineP90Sec: null },
      satisfaction: { share: null, target: 0.8, answers: 0 },
    });
    desk.controller.showAdminView('national');
    await settle();
    expect(desk.controller.getSnapshot().reports?.national?.windows).toEqual({ booths: 2, kiosks: 3 });
  });

  it('has no reports for clerks', async () => {
    const desk = await signedIn('clerk');
    desk.controller.showSupervisorView('dashboard');
    expect(desk.controller.getSnapshot()).toMatchObject({ reports: null, supervisorView: 'queues' });
  });

  it('goes back to the login form when the session ended', async () => {
    const desk = await signedIn('supervisor');
    desk.server.on(kpiPath, () => refusal(401, 'UNAUTHENTICATED'));
    desk.controller.showSupervisorView('dashboard');
    await settle();
    expect(desk.controller.getSnapshot()).toMatchObject({
      screen: 'login',
      reports: null,
      loginProblem: { kind: 'session-ended' },
    });
  });
});

describe('回らない窓口', () => {
  const SELF = { participantId: 'p-self', staffId: 'tanaka-y', displayName: '田中' };
  const SUZUKI = { participantId: 'p-suzuki', staffId: 'suzuki-k', displayName: '鈴木' };
  const withStaff = (
    staff: (typeof SELF)[],
    transfer: ConsultationView['transfer'] = null,
  ): ConsultationView => ({ ...consultation('active'), staff, transfer }) as unknown as ConsultationView;

  /** A clerk who answered a call and is alone in it with the resident. */
  const inCall = async () => {
    const desk = await signedIn();
    desk.signalling.responses.set('call:accept', () => ({ consultation: withStaff([SELF]) }));
    desk.signalling.emit('call:offered', offer);
    await desk.controller.accept();
    return desk;
  };

  const colleagues = [
    { staffId: 'suzuki-k', displayName: '鈴木', status: 'available', skills: ['kokuho'], languages: ['ja'] },
    { staffId: 'sato-m', displayName: '佐藤', status: 'busy', skills: ['juminhyo'], languages: ['en'] },
  ];

  it('transfers the call, shows it pending, and ends this clerk’s part once a colleague answers', async () => {
    const desk = await inCall();
    desk.signalling.responses.set('consultation:transfer', () => ({
      consultation: withStaff([SELF], { procedureId: 'kokuho', status: 'waiting' } as never),
    }));
    await desk.controller.transfer('kokuho' as never, '  転居に伴う国保の加入  ');
    expect(desk.signalling.requests.at(-1)).toEqual({
      name: 'consultation:transfer',
      payload: { consultationId: CONSULTATION_ID, procedureId: 'kokuho', note: '転居に伴う国保の加入' },
    });
    expect(desk.controller.getSnapshot()).toMatchObject({
      screen: 'in-call',
      consultation: { transfer: { procedureId: 'kokuho', status: 'waiting' } },
      team: { isTransferring: false },
    });

    // The colleague answered: this clerk is no longer among the call's staff.
    desk.signalling.emit('consultation:updated', { consultation: withStaff([SUZUKI]) });
    const state = desk.controller.getSnapshot();
    expect(state).toMatchObject({ screen: 'idle', consultation: null, team: null });
    expect(state.wrapUp?.consultation.consultationId).toBe(CONSULTATION_ID);

    // A late update of the call (it goes on without this clerk) does not bring it back.
    desk.signalling.emit('consultation:updated', { consultation: withStaff([SUZUKI]) });
    expect(desk.controller.getSnapshot()).toMatchObject({ screen: 'idle', consultation: null });
  });

  it('invites only an available colleague, and follows the invitation to declined and joined', async () => {
    const desk = await inCall();
    desk.signalling.responses.set('staff:colleagues', () => ({ colleagues }));
    desk.signalling.responses.set('consultation:invite', () => ({}));
    await desk.controller.loadColleagues();
    expect(desk.controller.getSnapshot().team?.colleagues).toHaveLength(2);

    await desk.controller.invite('sato-m' as never, 'note');
    expect(desk.signalling.requests.some((request) => request.name === 'consultation:invite')).toBe(false);

    await desk.controller.invite('suzuki-k' as never, ' 国保の件で ');
    expect(desk.signalling.requests.at(-1)).toEqual({
      name: 'consultation:invite',
      payload: { consultationId: CONSULTATION_ID, staffId: 'suzuki-k', note: '国保の件で' },
    });
    expect(desk.controller.getSnapshot().team?.invitation).toEqual({
      staffId: 'suzuki-k',
      displayName: '鈴木',
      status: 'pending',
    });
    desk.signalling.emit('call:invite-declined', {
      consultationId: CONSULTATION_ID,
      staffId: 'suzuki-k' as never,
    });
    expect(desk.controller.getSnapshot().team?.invitation?.status).toBe('declined');

    await desk.controller.invite('suzuki-k' as never, '');
    desk.signalling.emit('consultation:updated', { consultation: withStaff([SELF, SUZUKI]) });
    const state = desk.controller.getSnapshot();
    expect(state.team?.invitation?.status).toBe('joined');
    expect(state.consultation?.staff).toHaveLength(2);
  });

  it('leaves a call the colleague goes on with, and opens the wrap-up', async () => {
    const desk = await inCall();
    desk.signalling.emit('consultation:updated', { consultation: withStaff([SELF, SUZUKI]) });
    desk.signalling.responses.set('consultation:leave', () => ({}));
    await desk.controller.leaveCall();
    expect(desk.signalling.requests.at(-1)).toEqual({
      name: 'consultation:leave',
      payload: { consultationId: CONSULTATION_ID },
    });
    const state = desk.controller.getSnapshot();
    expect(state).toMatchObject({ screen: 'idle', consultation: null });
    expect(state.wrapUp?.consultation.consultationId).toBe(CONSULTATION_ID);
  });

  it('stays in the call when it is the last clerk, and says to hang up instead', async () => {
    const desk = await inCall();
    desk.signalling.responses.set('consultation:leave', () => {
      throw new SignallingError('INVALID_STATE', 'you are the last clerk in the call; hang up instead');
    });
    await desk.controller.leaveCall();
    expect(desk.controller.getSnapshot()).toMatchObject({
      screen: 'in-call',
      error: null,
      team: { isLastClerk: true, isLeaving: false },
    });
  });

  const invited = {
    consultationId: CONSULTATION_ID,
    procedureId: 'kokuho',
    kioskId: 'seiseki-1',
    language: 'en',
    invitedBy: '鈴木',
    note: '保険証の切替',
  } as FactPayload<'call:invited'>;

  it('joins a colleague’s call from the invitation', async () => {
    const desk = await signedIn();
    desk.signalling.emit('call:invited', invited);
    expect(desk.controller.getSnapshot().invitation).toEqual(invited);
    desk.signalling.responses.set('call:join', () => ({ consultation: withStaff([SUZUKI, SELF]) }));
    await desk.controller.joinInvitation();
    expect(desk.signalling.requests.at(-1)).toEqual({
      name: 'call:join',
      payload: { consultationId: CONSULTATION_ID },
    });
    expect(desk.controller.getSnapshot()).toMatchObject({
      screen: 'in-call',
      invitation: null,
      isJoining: false,
    });
    // The joined clerk's part ends like anyone's: the wrap-up follows the end of the call.
    desk.signalling.emit('consultation:updated', { consultation: consultation('ended') });
    expect(desk.controller.getSnapshot().wrapUp?.consultation.consultationId).toBe(CONSULTATION_ID);
  });

  it('declines an invitation, and drops one that is over', async () => {
    const desk = await signedIn();
    desk.signalling.emit('call:invited', invited);
    desk.signalling.responses.set('call:decline-invite', () => ({}));
    await desk.controller.declineInvitation();
    expect(desk.signalling.requests.at(-1)).toEqual({
      name: 'call:decline-invite',
      payload: { consultationId: CONSULTATION_ID },
    });
    expect(desk.controller.getSnapshot().invitation).toBeNull();

    desk.signalling.emit('call:invited', invited);
    desk.signalling.emit('staff:status-changed', { status: 'away', reason: 'invited', until: null });
    expect(desk.controller.getSnapshot().invitation).toEqual(invited);
    // The call ended before the clerk answered: the server makes them available again.
    desk.signalling.emit('staff:status-changed', { status: 'available', reason: null, until: null });
    expect(desk.controller.getSnapshot().invitation).toBeNull();
  });
});

describe('ConsoleController desk media', () => {
  const SUZUKI = 'p-suzuki' as RemoteTrack['participantId'];
  const SATO = 'p-sato' as RemoteTrack['participantId'];
  const remoteOf = (
    consumerId: string,
    participantId: RemoteTrack['participantId'],
    source: RemoteTrack['source'],
  ) =>
    ({
      consumerId,
      participantId,
      role: 'clerk',
      source,
      kind: source === 'microphone' ? 'audio' : 'video',
    }) as RemoteTrack;

  const inCall = async () => {
    const desk = await signedIn();
    desk.signalling.responses.set('call:accept', () => ({ consultation: consultation('active') }));
    desk.signalling.emit('call:offered', offer);
    await desk.controller.accept();
    return desk;
  };

  it('keeps every participant’s camera and microphone, and the first clerk’s after a declined transfer', async () => {
    const desk = await inCall();
    desk.remote().onRemoteTrack?.(remoteOf('c1', SUZUKI, 'camera'));
    desk.remote().onRemoteTrack?.(remoteOf('c2', SUZUKI, 'microphone'));
    // A transfer rings at a second clerk: their tracks come in beside the first one's.
    desk.remote().onRemoteTrack?.(remoteOf('c3', SATO, 'camera'));
    desk.remote().onRemoteTrack?.(remoteOf('c4', SATO, 'microphone'));
    const consumers = () => desk.controller.getSnapshot().deskMedia?.remoteTracks.map((t) => t.consumerId);
    expect(consumers()).toEqual(['c1', 'c2', 'c3', 'c4']);
    // Declined: the server closes the second clerk's consumers only.
    desk.remote().onRemoteTrackEnded?.('c3');
    desk.remote().onRemoteTrackEnded?.('c4');
    expect(consumers()).toEqual(['c1', 'c2']);
  });

  it('has no working media until the desk’s session has started, and says when it is recovering', async () => {
    const page = loaded();
    page.server.on('GET /api/auth/session', sessionOf('clerk'));
    let started = () => {};
    page.media.start.mockImplementation(() => new Promise<void>((resolve) => (started = resolve)));
    await page.controller.init();
    expect(page.controller.getSnapshot().deskMedia).toMatchObject({ isStarted: false });
    page.signalling.emit('session:ready', readyFact('clerk', 'available'));
    await settle();
    expect(page.controller.getSnapshot().deskMedia).toMatchObject({ isStarted: false });
    started();
    await settle();
    expect(page.controller.getSnapshot().deskMedia).toMatchObject({ isStarted: true, isRecovering: false });
    page.remote().onRecoveringChange?.(true);
    page.remote().onConnectionStateChange?.('recv', 'disconnected');
    expect(page.controller.getSnapshot().deskMedia).toMatchObject({
      isRecovering: true,
      isInterrupted: true,
    });
    page.remote().onConnectionStateChange?.('recv', 'connected');
    page.remote().onRecoveringChange?.(false);
    expect(page.controller.getSnapshot().deskMedia).toMatchObject({
      isRecovering: false,
      isInterrupted: false,
    });
  });

  it('shows a failed start of the desk’s media in the error area', async () => {
    const page = loaded();
    page.server.on('GET /api/auth/session', sessionOf('clerk'));
    page.media.start.mockRejectedValueOnce(new SignallingError('MEDIA_UNAVAILABLE', 'no worker'));
    await page.controller.init();
    page.signalling.emit('session:ready', readyFact('clerk', 'available'));
    await settle();
    expect(page.controller.getSnapshot().error).toMatchObject({ code: 'MEDIA_UNAVAILABLE' });
    expect(page.controller.getSnapshot().deskMedia?.isStarted).toBe(false);
  });

  describe('a call whose media could not be recovered', () => {
    const failed = (): ConsultationView =>
      ({ ...consultation('ended'), endReason: 'media-failure' }) as ConsultationView;

    it('tells the clerk why it ended, beside the wrap-up, until the next call', async () => {
      const desk = await inCall();
      desk.signalling.emit('consultation:updated', { consultation: failed() });
      expect(desk.controller.getSnapshot()).toMatchObject({
        screen: 'idle',
        callEndNotice: { consultationId: CONSULTATION_ID, reason: 'media-failure' },
        wrapUp: { consultation: { consultationId: CONSULTATION_ID } },
      });
      desk.signalling.emit('call:offered', offer);
      await desk.controller.accept();
      expect(desk.controller.getSnapshot()).toMatchObject({ screen: 'in-call', callEndNotice: null });
    });

    it('can be dismissed', async () => {
      const desk = await inCall();
      desk.signalling.emit('consultation:updated', { consultation: failed() });
      desk.controller.dismissCallEndNotice();
      expect(desk.controller.getSnapshot().callEndNotice).toBeNull();
    });

    it('is told nothing of a call that ended as calls do, or of one the clerk was not in', async () => {
      const desk = await inCall();
      desk.signalling.emit('consultation:updated', {
        consultation: { ...consultation('ended'), endReason: 'hung-up' } as ConsultationView,
      });
      expect(desk.controller.getSnapshot()).toMatchObject({ screen: 'idle', callEndNotice: null });

      const idle = await signedIn();
      idle.signalling.emit('consultation:updated', { consultation: failed() });
      expect(idle.controller.getSnapshot().callEndNotice).toBeNull();
    });
  });
});

describe('ConsoleController after a page reload', () => {
  const TOKEN = 'x'.repeat(43);

  /** The same tab loaded again: a new controller over the session storage the first one left. */
  const reload = async (storage: ReturnType<typeof fakeStorage>, staffId = 'tanaka-y') => {
    const page = loaded(storage);
    page.server.on('GET /api/auth/session', sessionOf('clerk', staffId));
    await page.controller.init();
    return page;
  };

  it('keeps the resume token while signed in and presents it after a reload', async () => {
    const first = await signedIn();
    expect([...first.storage.items.values()].join()).toContain(TOKEN);
    const page = await reload(first.storage);
    expect(page.deps.connect).toHaveBeenCalledWith({ role: 'staff', resumeToken: TOKEN });
  });

  it('shows the call it was in again, on a new desk media session with camera and microphone', async () => {
    const first = await signedIn();
    const page = await reload(first.storage);
    page.signalling.emit(
      'session:ready',
      readyFact('clerk', 'busy', { isResumed: true, consultation: consultation('active') }),
    );
    await settle();
    expect(page.controller.getSnapshot()).toMatchObject({
      screen: 'in-call',
      staffStatus: 'busy',
      consultation: { consultationId: CONSULTATION_ID },
    });
    expect(page.sessions).toHaveLength(1);
    expect(page.media.start).toHaveBeenCalledTimes(1);
    expect(page.media.publish.mock.calls).toEqual([
      [page.local.camera, 'camera'],
      [page.local.microphone, 'microphone'],
    ]);
    page.remote().onRemoteTrack?.({ consumerId: 'c7', source: 'camera', role: 'kiosk' } as RemoteTrack);
    expect(page.controller.getSnapshot().deskMedia?.remoteTracks).toHaveLength(1);
  });

  it('forgets the token at logout, so the next page load starts a new session', async () => {
    const first = await signedIn();
    first.server.on('POST /api/auth/logout', {});
    await first.controller.logOut();
    expect(first.storage.items.size).toBe(0);
    const page = await reload(first.storage);
    expect(page.deps.connect).toHaveBeenCalledWith({ role: 'staff' });
  });

  it('never presents one account’s token for another signed in on the same tab', async () => {
    const first = await signedIn();
    const page = await reload(first.storage, 'suzuki-k');
    expect(page.deps.connect).toHaveBeenCalledWith({ role: 'staff' });
  });
});

describe('ConsoleController account', () => {
  it('after a reset offers only the password change, then connects as at any login', async () => {
    const page = loaded();
    await page.controller.init();
    page.server
      .on('POST /api/auth/login', { ...sessionOf('clerk'), mustChangePassword: true })
      .on('POST /api/auth/password', { endedSessions: 0 });
    await page.controller.logIn('tanaka-y', 'abcDEF234ghjKLM5');
    expect(page.controller.getSnapshot()).toMatchObject({
      screen: 'password-change',
      isPasswordChangeRequired: true,
    });
    expect(page.deps.connect).not.toHaveBeenCalled();
    await page.controller.changePassword({
      currentPassword: 'abcDEF234ghjKLM5',
      newPassword: 'a passphrase of my own',
      repeated: 'a passphrase of my own',
    });
    expect(page.server.sent('POST /api/auth/password')[0]?.headers['x-csrf-token']).toBe(CSRF);
    expect(page.controller.getSnapshot()).toMatchObject({
      screen: 'connecting',
      isPasswordChangeRequired: false,
    });
    expect(page.deps.connect).toHaveBeenCalledWith({ role: 'staff' });
  });

  it('asks for the code after the password, and takes a wrong one, an expired step and a right one', async () => {
    const page = loaded();
    await page.controller.init();
    const challenge = {
      isSecondFactorRequired: true,
      challenge: 'c'.repeat(43),
      expiresAt: '2026-01-08T10:05:00.000Z',
    };
    const answers = [
      refusal(400, 'SECOND_FACTOR_REJECTED'),
      refusal(401, 'UNAUTHENTICATED', 'the login has expired; log in again'),
      { status: 200, body: { ...sessionOf('admin', 'admin'), hasSecondFactor: true } },
    ];
    page.server
      .on('POST /api/auth/login', challenge)
      .on('POST /api/auth/login/second-factor', () => answers.shift()!);
    await page.controller.logIn('admin', 'correct horse');
    expect(page.controller.getSnapshot()).toMatchObject({
      screen: 'login',
      loginChallenge: { challenge: challenge.challenge },
    });
    expect(page.deps.connect).not.toHaveBeenCalled();
    await page.controller.submitSecondFactor('123456');
    expect(page.server.sent('POST /api/auth/login/second-factor')[0]?.body).toEqual({
      challenge: challenge.challenge,
      code: '123456',
    });
    expect(page.controller.getSnapshot()).toMatchObject({ loginProblem: { kind: 'wrong-code' } });
    await page.controller.submitSecondFactor('654321');
    expect(page.controller.getSnapshot()).toMatchObject({
      loginChallenge: null,
      loginProblem: { kind: 'code-expired' },
    });
    await page.controller.logIn('admin', 'correct horse');
    await page.controller.submitSecondFactor(' abcd-efgh-jkmn-pqrs ');
    expect(page.server.sent('POST /api/auth/login/second-factor')[2]?.body).toMatchObject({
      code: 'abcd-efgh-jkmn-pqrs',
    });
    expect(page.controller.getSnapshot()).toMatchObject({
      screen: 'connecting',
      loginChallenge: null,
      secondFactor: { isEnrolled: true },
    });
  });

  it('gives administrators and supervisors the second factor, and everyone the password change', async () => {
    for (const [role, hasSecondFactorDesk] of [
      ['clerk', false],
      ['onsite', false],
      ['supervisor', true],
      ['admin', true],
    ] as const) {
      const page = loaded();
      await page.controller.init();
      page.server.on('POST /api/auth/login', sessionOf(role));
      await page.controller.logIn('tanaka-y', 'correct horse');
      const state = page.controller.getSnapshot();
      expect(state.password, role).not.toBeNull();
      expect(state.secondFactor !== null, role).toBe(hasSecondFactorDesk);
      page.controller.toggleAccount();
      expect(page.controller.getSnapshot().isAccountOpen, role).toBe(true);
    }
  });
});
