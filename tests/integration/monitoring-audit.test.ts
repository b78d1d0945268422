import { afterEach, describe, expect, it } from 'vitest';
import { answeredCall } from '../support/answered-call.ts';
import { staffCredentials } from '../support/identities.ts';
import { TestClient } from '../support/test-client.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

describe('a supervisor watching a call', () => {
  let server: TestServer;
  const clients: TestClient[] = [];

  afterEach(async () => {
    for (const client of clients.splice(0)) client.close();
    await server.close();
  });

  it('is written to the audit log when monitoring starts, when joining and when it stops', async () => {
    server = await startTestServer();
    const { consultationId } = await answeredCall(server, (client) => clients.push(client));
    const supervisor = await TestClient.connect(
      server.url,
      await staffCredentials(server, 'sato', 'supervisor'),
    );
    clients.push(supervisor);
    const actionsOfSato = async () =>
      (await server.app.services.auth.audit.recent(50))
        .filter((entry) => entry.actor === 'sato' && entry.action !== 'login')
        .map(({ action, subject }) => ({ action, subject }))
        .reverse();

    await supervisor.signalling.request('supervisor:monitor', { consultationId });
    // Unseen by the resident and the clerk, but never unrecorded.
    expect(await actionsOfSato()).toEqual([{ action: 'call-monitored', subject: consultationId }]);
    await supervisor.signalling.request('supervisor:stop-monitoring', { consultationId });
    await supervisor.signalling.request('supervisor:monitor', { consultationId });
    await supervisor.signalling.request('supervisor:join', { consultationId });
    expect(await actionsOfSato()).toEqual([
      { action: 'call-monitored', subject: consultationId },
      { action: 'call-monitoring-stopped', subject: consultationId },
      { action: 'call-monitored', subject: consultationId },
      { action: 'call-joined-by-supervisor', subject: consultationId },
    ]);
    // A refused attempt (a clerk is no supervisor) leaves no entry in a supervisor's name.
    const clerk = clients[0]!;
    await expect(clerk.signalling.request('supervisor:monitor', { consultationId })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(
      (await server.app.services.auth.audit.recent(50)).filter(
        (entry) => entry.actor === 'tanaka-y' && entry.action === 'call-monitored',
      ),
    ).toEqual([]);
  });
});
