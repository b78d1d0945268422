import { afterEach, describe, expect, it } from 'vitest';
import { clerkSources, startFakeMedia } from '../support/fake-media.ts';
import { procedureId, staffCredentials } from '../support/identities.ts';
import { answeredCall } from '../support/answered-call.ts';
import { TestClient } from '../support/test-client.ts';
import { waitUntil } from '../support/wait.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

describe('wrap-up, hand-over to the booth, and supervisors monitoring', () => {
  let server: TestServer;
  const clients: TestClient[] = [];
  const connect = async (credentials: Parameters<typeof TestClient.connect>[1]) => {
    const client = await TestClient.connect(server.url, credentials);
    clients.push(client);
    return client;
  };

  afterEach(async () => {
    for (const client of clients.splice(0)) client.close();
    await server.close();
  });

  const inCall = () => answeredCall(server, (client) => clients.push(client));

  it('records the outcome and hands tasks to the booth’s on-site staff, who resolve them', async () => {
    server = await startTestServer();
    const onsite = await connect(await staffCredentials(server, 'onsite-seiseki', 'onsite'));
    const elsewhere = await connect(await staffCredentials(server, 'onsite-tama', 'onsite'));
    const { clerk, consultationId } = await inCall();
    await onsite.waitFor('booth:updated', (board) =>
      board.kiosks.some((k) => k.kioskId === 'seiseki-1' && k.state === 'in-call'),
    );

    await expect(
      clerk.signalling.request('consultation:wrap-up', {
        consultationId,
        outcome: 'completed',
        notes: '',
        tasks: [],
      }),
    ).rejects.toMatchObject({ code: 'INVALID_STATE' });
    await clerk.signalling.request('consultation:hang-up', { consultationId });
    const { tasks } = await clerk.signalling.request('consultation:wrap-up', {
      consultationId,
      outcome: 'completed',
      notes: '転入届を受理。住民票の写し1通を交付。',
      tasks: [{ kind: 'hand-over-certificate', note: '住民票の写し 1通' }],
    });
    expect(tasks).toEqual([
      expect.objectContaining({
        kind: 'hand-over-certificate',
        boothId: 'seiseki-sakuragaoka',
        status: 'open',
        createdBy: 'tanaka-y',
      }),
    ]);
    expect(await server.app.services.records.find(consultationId)).toMatchObject({
      outcome: 'completed',
      wrappedUpBy: ['tanaka-y'],
    });
    await expect(
      clerk.signalling.request('consultation:wrap-up', {
        consultationId,
        outcome: 'referred',
        notes: '',
        tasks: [],
      }),
    ).rejects.toMatchObject({ code: 'INVALID_STATE' });

    const created = await onsite.waitFor('task:updated');
    expect(created.task.taskId).toBe(tasks[0]!.taskId);
    const board = await onsite.signalling.request('onsite:get-board', {});
    expect(board.boothId).toBe('seiseki-sakuragaoka');
    expect(board.tasks.map((task) => task.taskId)).toEqual([tasks[0]!.taskId]);
    expect(board.kiosks.map((kiosk) => kiosk.kioskId)).toEqual(['seiseki-1', 'seiseki-2']);

    // Staff of another booth neither hear of it nor can resolve it.
    expect(elsewhere.all('task:updated')).toHaveLength(0);
    await expect(
      elsewhere.signalling.request('task:resolve', { taskId: tasks[0]!.taskId, status: 'done' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const { task } = await onsite.signalling.request('task:resolve', {
      taskId: tasks[0]!.taskId,
      status: 'done',
    });
    expect(task).toMatchObject({ status: 'done', resolvedBy: 'onsite-seiseki' });
  });

  it('lets a supervisor see and hear a running call while the resident sees no one new', async () => {
    server = await startTestServer();
    const { kiosk, consultationId, clerk } = await inCall();
    const supervisor = await connect(await staffCredentials(server, 'sato', 'supervisor'));
    await startFakeMedia(supervisor, []);
    const kioskFactsBefore = kiosk.received.length;
    await supervisor.signalling.request('supervisor:monitor', { consultationId });

    // The supervisor receives the resident's three tracks and the clerk's two.
    await waitUntil(() => supervisor.all('consumer:new').length === 5);
    expect(
      supervisor
        .all('consumer:new')
        .map((c) => `${c.role}:${c.source}`)
        .sort(),
    ).toEqual([
      'clerk:camera',
      'clerk:microphone',
      'kiosk:camera',
      'kiosk:document-camera',
      'kiosk:microphone',
    ]);
    const snapshot = await supervisor.signalling.request('supervisor:get-snapshot', {});
    expect(snapshot.consultations).toEqual([
      expect.objectContaining({ consultationId, staff: ['tanaka-y'], monitoredBy: ['sato'] }),
    ]);
    // Nothing about it reaches the kiosk: no new consumer, no change to who is in the call.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const kioskFacts = kiosk.received.slice(kioskFactsBefore).map((fact) => fact.name);
    expect(kioskFacts.filter((name) => name === 'consumer:new' || name === 'consultation:updated')).toEqual(
      [],
    );

    await supervisor.signalling.request('supervisor:stop-monitoring', { consultationId });
    await waitUntil(() => supervisor.all('consumer:closed').length === 5);
    await expect(clerk.signalling.request('supervisor:monitor', { consultationId })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });

  it('brings a clerk of another department into the call; the first clerk can leave and the resident stays', async () => {
    server = await startTestServer();
    const { clerk, kiosk, consultationId } = await inCall();
    const colleague = await connect(await staffCredentials(server, 'watanabe-s'));
    await startFakeMedia(colleague, clerkSources);
    await colleague.signalling.request('staff:set-status', { status: 'available' });

    await clerk.signalling.request('consultation:invite', {
      consultationId,
      staffId: 'watanabe-s' as never,
      note: '国保の加入手続きもご希望です',
    });
    const invitation = await colleague.waitFor('call:invited');
    expect(invitation).toMatchObject({
      consultationId,
      invitedBy: 'Staff tanaka-y',
      note: '国保の加入手続きもご希望です',
    });
    // While invited, the queue offers the colleague nothing else.
    expect(server.app.services.consultations.snapshot().clerks).toContainEqual(
      expect.objectContaining({ staffId: 'watanabe-s', status: 'away', awayReason: 'invited' }),
    );

    const joined = await colleague.signalling.request('call:join', { consultationId });
    expect(joined.consultation.staff.map((member) => member.staffId)).toEqual(['tanaka-y', 'watanabe-s']);
    await kiosk.waitFor('consultation:updated', (f) => f.consultation.staff.length === 2);
    // Three parties: the colleague receives the resident's tracks and the first clerk's.
    await waitUntil(() => colleague.all('consumer:new').length === 5);

    // The first clerk hands over and leaves; the resident stays with the colleague.
    const beforeLeaving = kiosk.received.length;
    await clerk.signalling.request('consultation:leave', { consultationId });
    const after = await kiosk.waitFor('consultation:updated', (f) => f.consultation.staff.length === 1, {
      since: beforeLeaving,
    });
    expect(after.consultation).toMatchObject({
      status: 'active',
      staff: [expect.objectContaining({ staffId: 'watanabe-s' })],
    });
    await clerk.waitFor('staff:status-changed', (f) => f.status === 'wrap-up');
    await expect(
      colleague.signalling.request('consultation:leave', { consultationId }),
    ).rejects.toMatchObject({
      code: 'INVALID_STATE',
    });

    await colleague.signalling.request('consultation:hang-up', { consultationId });
    await kiosk.waitFor('consultation:updated', (f) => f.consultation.status === 'ended');
    expect((await server.app.services.records.find(consultationId))?.staffIds).toEqual([
      'tanaka-y',
      'watanabe-s',
    ]);
    // Both may wrap up their part; the first to do so records it.
    await colleague.signalling.request('consultation:wrap-up', {
      consultationId,
      outcome: 'completed',
      notes: '',
      tasks: [],
    });
  });

  it('transfers a running call to another procedure’s queue; the resident stays on the line until it is answered', async () => {
    server = await startTestServer();
    const { clerk, kiosk, consultationId } = await inCall();
    const transferred = await clerk.signalling.request('consultation:transfer', {
      consultationId,
      procedureId: 'kokuho-nenkin' as never,
      note: '転入に伴う国保加入の手続きをお願いします',
    });
    expect(transferred.consultation).toMatchObject({
      status: 'active',
      transfer: { procedureId: 'kokuho-nenkin', status: 'waiting' },
    });
    await kiosk.waitFor('consultation:updated', (f) => f.consultation.transfer?.status === 'waiting');

    // A clerk with the 国保・年金 skill comes online and is offered the transfer, note included.
    const specialist = await connect(await staffCredentials(server, 'watanabe-s'));
    await startFakeMedia(specialist, clerkSources);
    await specialist.signalling.request('staff:set-status', { status: 'available' });
    const offer = await specialist.waitFor('call:offered');
    expect(offer).toMatchObject({
      consultationId,
      procedureId: 'kokuho-nenkin',
      transfer: {
        fromProcedureId: procedureId,
        byName: 'Staff tanaka-y',
        note: '転入に伴う国保加入の手続きをお願いします',
      },
    });
    const accepted = await specialist.signalling.request('call:accept', { consultationId });
    expect(accepted.consultation).toMatchObject({
      status: 'active',
      procedureId: 'kokuho-nenkin',
      transfer: null,
      staff: [expect.objectContaining({ staffId: 'watanabe-s' })],
    });
    // The resident never moved: same consultation, now with the specialist; the first clerk wraps up.
    await kiosk.waitFor('consultation:updated', (f) => f.consultation.staff[0]?.staffId === 'watanabe-s');
    await clerk.waitFor('staff:status-changed', (f) => f.status === 'wrap-up');
    // The first clerk wraps up their part while the call goes on with the specialist.
    await clerk.signalling.request('consultation:wrap-up', {
      consultationId,
      outcome: 'referred',
      notes: '国保へ転送',
      tasks: [{ kind: 'hand-over-certificate', note: '住民票の写し 1通' }],
    });
    await waitUntil(() => specialist.all('consumer:new').length === 3);
    await specialist.signalling.request('consultation:hang-up', { consultationId });
    await specialist.signalling.request('consultation:wrap-up', {
      consultationId,
      outcome: 'completed',
      notes: '',
      tasks: [],
    });
    expect(await server.app.services.records.find(consultationId)).toMatchObject({
      procedureId: 'kokuho-nenkin',
      staffIds: ['tanaka-y', 'watanabe-s'],
      wrappedUpBy: ['tanaka-y', 'watanabe-s'],
      outcome: 'completed',
    });
  });

  it('lets a monitoring supervisor join to assist, then leave, without anything leaking before joining', async () => {
    server = await startTestServer();
    const { kiosk, consultationId } = await inCall();
    const supervisor = await connect(await staffCredentials(server, 'sato', 'supervisor'));
    // The supervisor's camera and microphone are on from the start, but only joining lets them through.
    await startFakeMedia(supervisor, clerkSources);
    await supervisor.signalling.request('supervisor:monitor', { consultationId });
    await waitUntil(() => supervisor.all('consumer:new').length === 5);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(kiosk.all('consumer:new').filter((c) => c.role === 'supervisor')).toEqual([]);

    const joined = await supervisor.signalling.request('supervisor:join', { consultationId });
    expect(joined.consultation.staff.map((member) => member.staffId)).toEqual(['tanaka-y', 'sato']);
    await kiosk.waitFor('consultation:updated', (f) => f.consultation.staff.length === 2);
    await waitUntil(() => kiosk.all('consumer:new').filter((c) => c.role === 'supervisor').length === 2);

    await supervisor.signalling.request('consultation:leave', { consultationId });
    await kiosk.waitFor('consultation:updated', (f) => f.consultation.staff.length === 1, {
      since: kiosk.received.findLastIndex((fact) => fact.name === 'consultation:updated'),
    });
    await waitUntil(() => kiosk.all('consumer:closed').length >= 2);
  });
});
