import fc from 'fast-check';
import { io, type Socket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { commands, errorCodes, type CommandName } from '@madoguchi/shared';
import {
  kioskCredentials,
  procedureId,
  queued,
  staffCredentials,
  type Credentials,
} from '../support/identities.ts';
import { TestClient } from '../support/test-client.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

const commandNames = Object.keys(commands) as CommandName[];
const messageCount = 10_000;

/** A raw socket, so the fuzzer can send what no typed client would. */
function rawSocket(url: string, credentials: Credentials): Promise<Socket> {
  const socket = io(url, {
    auth: credentials.auth,
    transports: ['websocket'],
    rejectUnauthorized: false,
    reconnection: false,
    ...(credentials.cookie ? { extraHeaders: { cookie: credentials.cookie } } : {}),
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

/** Payloads no command accepts: random values, and valid-looking ones with one field broken. */
const payloadArbitrary = fc.oneof(
  fc.anything({ maxDepth: 3 }),
  fc.record({
    consultationId: fc.oneof(fc.string(), fc.integer(), fc.constant(null)),
    procedureId: fc.oneof(fc.string({ maxLength: 200 }), fc.constant(procedureId)),
    language: fc.oneof(fc.string(), fc.constant('ja')),
    status: fc.oneof(fc.constant('available'), fc.constant('away'), fc.string()),
    transportId: fc.uuid(),
    dtlsParameters: fc.anything({ maxDepth: 2 }),
  }),
  fc.string({ maxLength: 70_000 }),
);

describe('the server under random and malformed messages', () => {
  let server: TestServer;
  const sockets: Socket[] = [];
  const clients: TestClient[] = [];

  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.close();
    for (const client of clients.splice(0)) client.close();
    await server.close();
  });

  it(`answers each of ${messageCount} bad messages with an error code, never crashes, changes nothing`, async () => {
    server = await startTestServer({ RATE_COMMANDS_PER_SECOND: '1000000' });
    // Some state worth protecting: a resident waiting, a clerk away.
    const kiosk = await TestClient.connect(server.url, await kioskCredentials(server));
    clients.push(kiosk);
    queued(await kiosk.signalling.request('consultation:request', { procedureId, language: 'ja' }));
    const clerk = await TestClient.connect(server.url, await staffCredentials(server, 'kato-d'));
    clients.push(clerk);
    await clerk.signalling.request('staff:set-status', { status: 'away', reason: 'meeting' });
    const supervisor = await TestClient.connect(
      server.url,
      await staffCredentials(server, 'sato', 'supervisor'),
    );
    clients.push(supervisor);
    const targets = [
      await rawSocket(server.url, await kioskCredentials(server, 'seiseki-2')),
      await rawSocket(server.url, await staffCredentials(server, 'suzuki-h')),
      await rawSocket(server.url, await staffCredentials(server, 'fuzz', 'supervisor')),
    ];
    sockets.push(...targets);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const before = await supervisor.signalling.request('supervisor:get-snapshot', {});

    const messages = fc.sample(
      fc.record({
        target: fc.integer({ min: 0, max: targets.length - 1 }),
        event: fc.oneof(
          { weight: 9, arbitrary: fc.constantFrom(...commandNames) },
          fc.string({ maxLength: 40 }),
        ),
        payload: payloadArbitrary,
      }),
      { numRuns: messageCount, seed: 20261127 },
    );
    const codes = new Map<string, number>();
    let answered = 0;
    for (let start = 0; start < messages.length; start += 200) {
      const batch = messages.slice(start, start + 200).map(async ({ target, event, payload }) => {
        const spec = Object.hasOwn(commands, event) ? commands[event as CommandName] : undefined;
        // Skip the rare random payload that is a valid request once serialised (an undefined
        // field, for instance, vanishes on the wire).
        const onTheWire: unknown = payload === undefined ? undefined : JSON.parse(JSON.stringify(payload));
        if (spec?.request.safeParse(onTheWire).success) return;
        const socket = targets[target]!;
        const ack = (await socket.timeout(5_000).emitWithAck(event, payload)) as {
          ok: boolean;
          error?: { code: string };
        };
        if (ack.ok) throw new Error(`accepted ${event} ${JSON.stringify(payload)}`);
        expect(errorCodes).toContain(ack.error?.code);
        codes.set(ack.error!.code, (codes.get(ack.error!.code) ?? 0) + 1);
        answered++;
      });
      await Promise.all(batch);
    }
    // Messages without an acknowledgement are dropped without harm.
    for (const socket of targets) socket.emit('consultation:request', { procedureId });

    expect(answered).toBeGreaterThan(messageCount * 0.95);
    expect(codes.get('VALIDATION_FAILED')).toBeGreaterThan(0);
    expect(codes.get('FORBIDDEN')).toBeGreaterThan(0);
    const health = await server.app.inject({ url: '/api/health' });
    expect(health.json()).toMatchObject({ status: 'ok' });
    const after = await supervisor.signalling.request('supervisor:get-snapshot', {});
    expect({ ...after, at: before.at }).toEqual(before);
    console.log(`fuzz: ${answered} answered, codes ${JSON.stringify(Object.fromEntries(codes))}`);
  }, 120_000);

  it('refuses a connection that floods commands with RATE_LIMITED, and serves it again after', async () => {
    server = await startTestServer({ RATE_COMMANDS_PER_SECOND: '20' });
    const kiosk = await rawSocket(server.url, await kioskCredentials(server));
    sockets.push(kiosk);
    const acks = (await Promise.all(
      Array.from({ length: 60 }, () => kiosk.timeout(5_000).emitWithAck('media:get-capabilities', {})),
    )) as { ok: boolean; error?: { code: string } }[];
    const limited = acks.filter((ack) => ack.error?.code === 'RATE_LIMITED').length;
    expect(limited).toBeGreaterThanOrEqual(40);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const later = (await kiosk.timeout(5_000).emitWithAck('media:get-capabilities', {})) as {
      error?: { code: string };
    };
    expect(later.error?.code).toBe('INVALID_STATE');
  });
});
