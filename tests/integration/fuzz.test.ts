import fc from 'fast-check';
import { io, type Socket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import {
  commands,
  enrollRequestSchema,
  errorCodes,
  loginRequestSchema,
  type CommandName,
} from '@madoguchi/shared';
import { answeredCall } from '../support/answered-call.ts';
import {
  csrfTokenOf,
  kioskCredentials,
  procedureId,
  queued,
  staffCredentials,
  type Credentials,
} from '../support/identities.ts';
import { pngOf } from '../support/images.ts';
import { storedState } from '../support/stored-state.ts';
import { TestClient } from '../support/test-client.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

const commandNames = Object.keys(commands) as CommandName[];
const messageCount = 10_000;
/** Every code but INTERNAL: a crashed handler is a bug, whatever the message. */
const expectedCodes = errorCodes.filter((code) => code !== 'INTERNAL');

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
const payloadArbitrary = (consultationId: string, captureId: string) =>
  fc.oneof(
    fc.anything({ maxDepth: 3 }),
    fc.record({
      consultationId: fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.constant(consultationId)),
      captureId: fc.oneof(fc.uuid(), fc.constant(captureId), fc.integer()),
      procedureId: fc.oneof(fc.string({ maxLength: 200 }), fc.constant(procedureId)),
      language: fc.oneof(fc.string(), fc.constant('ja')),
      status: fc.oneof(fc.constant('available'), fc.constant('away'), fc.string()),
      kind: fc.oneof(fc.constant('signature'), fc.constant('document-still'), fc.string()),
      strokes: fc.anything({ maxDepth: 3 }),
      decision: fc.oneof(fc.constant('accept'), fc.constant('retry'), fc.string()),
      transportId: fc.uuid(),
      dtlsParameters: fc.anything({ maxDepth: 2 }),
    }),
    fc.string({ maxLength: 20_000 }),
  );

/** One command on the wire, as a client of any kind would send it; the acknowledgement's code. */
type Send = (event: string, payload: unknown) => Promise<{ ok: boolean; code?: string }>;

const viaRaw =
  (socket: Socket): Send =>
  async (event, payload) => {
    const ack = (await socket.timeout(5_000).emitWithAck(event, payload)) as {
      ok: boolean;
      error?: { code: string };
    };
    return { ok: ack.ok, ...(ack.error ? { code: ack.error.code } : {}) };
  };

/** Through the clients of the running call, whose sessions the fuzzer must not replace. */
const viaClient =
  (client: TestClient): Send =>
  (event, payload) =>
    client.signalling.request(event as CommandName, payload as never).then(
      () => ({ ok: true }),
      (error: { code: string }) => ({ ok: false, code: error.code }),
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

  it(`answers ${messageCount} bad messages during a call with an error code, never INTERNAL, and stores nothing`, async () => {
    server = await startTestServer({ RATE_COMMANDS_PER_SECOND: '1000000' });
    // A call with a signature and a document still in flight, a resident waiting, a clerk away.
    const call = await answeredCall(server, (client) => clients.push(client));
    const { consultationId } = call;
    const signature = await call.clerk.signalling.request('capture:request', {
      consultationId,
      kind: 'signature',
    });
    await call.kiosk.waitFor('capture:requested', (fact) => fact.captureId === signature.captureId);
    await call.kiosk.signalling.request('signature:strokes', {
      captureId: signature.captureId,
      strokes: [
        {
          points: [
            { x: 0.1, y: 0.5, p: 0.4, t: 0 },
            { x: 0.6, y: 0.5, p: 0.4, t: 16 },
          ],
        },
      ],
    });
    const still = await call.clerk.signalling.request('capture:request', {
      consultationId,
      kind: 'document-still',
    });
    const waiting = await TestClient.connect(server.url, await kioskCredentials(server, 'seiseki-2'));
    clients.push(waiting);
    queued(await waiting.signalling.request('consultation:request', { procedureId, language: 'ja' }));
    const away = await TestClient.connect(server.url, await staffCredentials(server, 'kato-d'));
    clients.push(away);
    await away.signalling.request('staff:set-status', { status: 'away', reason: 'meeting' });
    const supervisor = await TestClient.connect(
      server.url,
      await staffCredentials(server, 'sato', 'supervisor'),
    );
    clients.push(supervisor);
    const raw = [
      await rawSocket(server.url, await kioskCredentials(server, 'tama-center-1')),
      await rawSocket(server.url, await staffCredentials(server, 'suzuki-h')),
      await rawSocket(server.url, await staffCredentials(server, 'fuzz', 'supervisor')),
      await rawSocket(server.url, await staffCredentials(server, 'onsite-seiseki', 'onsite')),
    ];
    sockets.push(...raw);
    const targets: Send[] = [viaClient(call.kiosk), viaClient(call.clerk), ...raw.map(viaRaw)];
    const callTargets = 2;
    await new Promise((resolve) => setTimeout(resolve, 200));
    const snapshotBefore = await supervisor.signalling.request('supervisor:get-snapshot', {});
    const storedBefore = await storedState(server);
    const auditBefore = await server.app.services.auth.audit.recent(1000);
    // Something worth comparing: the call's records and its signature's strokes are stored.
    expect(Object.keys(storedBefore.tables).length).toBeGreaterThan(10);
    expect(storedBefore.tables.audit_log?.rows).toBeGreaterThan(5);

    const messages = fc.sample(
      fc.record({
        target: fc.integer({ min: 0, max: targets.length - 1 }),
        event: fc.oneof(
          { weight: 9, arbitrary: fc.constantFrom(...commandNames) },
          fc.string({ maxLength: 40 }),
        ),
        payload: payloadArbitrary(consultationId, signature.captureId),
      }),
      { numRuns: messageCount, seed: 20261127 },
    );
    const codes = new Map<string, number>();
    const wrong: string[] = [];
    let answered = 0;
    for (let start = 0; start < messages.length; start += 200) {
      const batch = messages.slice(start, start + 200).map(async ({ target, event, payload }) => {
        const spec = Object.hasOwn(commands, event) ? commands[event as CommandName] : undefined;
        // Skip the rare random payload that is a valid request once serialised (an undefined
        // field, for instance, vanishes on the wire).
        const onTheWire: unknown = payload === undefined ? undefined : JSON.parse(JSON.stringify(payload));
        if (spec?.request.safeParse(onTheWire).success) return;
        // The call's clients speak only the contract's commands; unknown events go raw.
        const send = spec || target >= callTargets ? targets[target]! : targets[callTargets]!;
        const ack = await send(event, payload);
        if (ack.ok || !(expectedCodes as readonly string[]).includes(ack.code ?? '')) {
          wrong.push(
            `${event} → ${ack.ok ? 'accepted' : ack.code}: ${JSON.stringify(payload)?.slice(0, 300)}`,
          );
          return;
        }
        codes.set(ack.code!, (codes.get(ack.code!) ?? 0) + 1);
        answered++;
      });
      await Promise.all(batch);
    }
    // Messages without an acknowledgement are dropped without harm.
    for (const socket of raw) socket.emit('consultation:request', { procedureId });

    expect(wrong.slice(0, 8)).toEqual([]);
    expect(answered).toBeGreaterThan(messageCount * 0.9);
    expect(codes.get('VALIDATION_FAILED')).toBeGreaterThan(0);
    expect(codes.get('FORBIDDEN')).toBeGreaterThan(0);
    const health = await server.app.inject({ url: '/api/health' });
    expect(health.json()).toMatchObject({ status: 'ok' });
    const snapshotAfter = await supervisor.signalling.request('supervisor:get-snapshot', {});
    expect({ ...snapshotAfter, at: snapshotBefore.at }).toEqual(snapshotBefore);
    expect(await storedState(server)).toEqual(storedBefore);
    expect(await server.app.services.auth.audit.recent(1000)).toEqual(auditBefore);

    // The call goes on: the still in flight is uploaded and reaches the clerk.
    const uploaded = await server.app.inject({
      method: 'PUT',
      url: `/api/captures/${still.captureId}`,
      headers: {
        authorization: `Kiosk ${(call.kioskCredentials.auth as { credential: string }).credential}`,
        'content-type': 'image/png',
      },
      payload: pngOf(640, 480),
    });
    expect(uploaded.statusCode).toBe(200);
    await call.clerk.waitFor('capture:stored', (fact) => fact.captureId === still.captureId);
    console.log(`fuzz: ${answered} answered, codes ${JSON.stringify(Object.fromEntries(codes))}`);
  }, 120_000);

  it('cuts off a socket that sends a message over 64 KB, and stores nothing of it', async () => {
    server = await startTestServer({ RATE_COMMANDS_PER_SECOND: '1000000' });
    const credentials = await kioskCredentials(server, 'seiseki-2');
    const storedBefore = await storedState(server);
    const auditBefore = await server.app.services.auth.audit.recent(1000);
    const sizes = fc.sample(fc.integer({ min: 65 * 1024, max: 400 * 1024 }), { numRuns: 12, seed: 7 });
    for (const [i, size] of sizes.entries()) {
      const socket = await rawSocket(server.url, credentials);
      sockets.push(socket);
      const cut = new Promise<string>((resolve) => socket.once('disconnect', resolve));
      const payload =
        i % 2 === 0
          ? { procedureId, language: 'ja', note: 'x'.repeat(size) }
          : {
              strokes: Array.from({ length: Math.ceil(size / 30) }, () => ({
                x: 0.123456789,
                y: 0.987654321,
              })),
            };
      const event = i % 2 === 0 ? 'consultation:request' : 'signature:strokes';
      const ack = socket
        .timeout(3_000)
        .emitWithAck(event, payload)
        .then(
          () => 'answered',
          () => 'no answer',
        );
      expect(await ack).toBe('no answer');
      expect(await cut).toBe('transport close');
    }
    expect(await storedState(server)).toEqual(storedBefore);
    expect(await server.app.services.auth.audit.recent(1000)).toEqual(auditBefore);
    // The kiosk connects again and is served.
    const kiosk = await TestClient.connect(server.url, credentials);
    clients.push(kiosk);
    queued(await kiosk.signalling.request('consultation:request', { procedureId, language: 'ja' }));
  });

  it('answers malformed, mistyped, oversized and badly authenticated HTTP requests with a code, never a 500', async () => {
    server = await startTestServer();
    const kiosk = await kioskCredentials(server, 'seiseki-1');
    const clerk = await staffCredentials(server, 'kato-d');
    const supervisor = await staffCredentials(server, 'sato', 'supervisor');
    const admin = await staffCredentials(server, 'admin', 'admin');
    const kioskCredential = (kiosk.auth as { credential: string }).credential;
    // Staff with a session but a wrong CSRF token: their GETs go through, their changes must not.
    const authVariants: Record<string, Record<string, string>> = {
      anonymous: {},
      'garbage cookie': { cookie: 'madoguchi_session=AAAA%00; other=1' },
      'garbage kiosk credential': { authorization: 'Kiosk !!!' },
      'wrong scheme': { authorization: `Bearer ${kioskCredential}` },
      kiosk: { authorization: `Kiosk ${kioskCredential}` },
      clerk: { cookie: clerk.cookie!, 'x-csrf-token': 'not the token' },
      supervisor: { cookie: supervisor.cookie!, 'x-csrf-token': `${await csrfTokenOf(server, supervisor)}x` },
      admin: { cookie: admin.cookie!, 'x-csrf-token': '' },
    };
    const routes = server.app.services.routes.filter(
      (route) => route.url.startsWith('/api/') && route.method !== 'HEAD',
    );
    expect(routes.length).toBeGreaterThan(20);
    const bodyArbitrary = fc.oneof(
      fc.record({ kind: fc.constant('json' as const), value: fc.anything({ maxDepth: 3 }) }),
      fc.record({ kind: fc.constant('text' as const), value: fc.string({ maxLength: 500 }) }),
      fc.record({
        kind: fc.constant('broken json' as const),
        value: fc.constantFrom('{', '{"staffId":', '[1,2', '{"a":1}}', '\u0000', 'null', '"string"'),
      }),
      fc.record({ kind: fc.constant('huge' as const), value: fc.integer({ min: 300_000, max: 2_000_000 }) }),
    );
    const requests = fc.sample(
      fc.record({
        route: fc.constantFrom(...routes),
        auth: fc.constantFrom(...Object.keys(authVariants)),
        param: fc.oneof(
          fc.string({ maxLength: 80 }),
          fc.uuid(),
          // Dot segments resolve the request to no route at all: that too is answered with a code.
          fc.constantFrom('seiseki-1', 'sato', 'admin', '..', '.'),
        ),
        query: fc.dictionary(fc.string({ maxLength: 10 }), fc.string({ maxLength: 30 }), { maxKeys: 3 }),
        body: bodyArbitrary,
        contentType: fc.constantFrom(
          'application/json',
          'text/plain',
          'image/png',
          'application/x-www-form-urlencoded',
        ),
      }),
      { numRuns: 1_200, seed: 20261128 },
    );
    // Administrators' GETs are audited (reading the audit log is itself recorded), so those go
    // without a session; everything else must leave the records as they were.
    const storedBefore = await storedState(server);
    const auditBefore = await server.app.services.auth.audit.recent(1000);
    const wrong: string[] = [];
    const statuses = new Map<number, number>();
    for (const request of requests) {
      const { route, body } = request;
      const auth = route.method === 'GET' && request.auth === 'admin' ? 'anonymous' : request.auth;
      const url = route.url.replace(/:[a-zA-Z]+/g, () => encodeURIComponent(request.param));
      const payload =
        body.kind === 'huge'
          ? Buffer.alloc(body.value, 'a')
          : body.kind === 'json'
            ? JSON.stringify(body.value ?? null)
            : body.value;
      // A well-formed login or enrollment would count as an attempt, and be audited: not the point here.
      if (body.kind === 'json') {
        const value: unknown = JSON.parse(payload as string);
        if (loginRequestSchema.safeParse(value).success || enrollRequestSchema.safeParse(value).success)
          continue;
      }
      const response = await server.app.inject({
        method: route.method as 'GET',
        url,
        query: request.query,
        headers: { ...authVariants[auth], 'content-type': request.contentType },
        ...(route.method === 'GET' ? {} : { payload }),
      });
      statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
      const code =
        response.statusCode >= 400
          ? (() => {
              try {
                return response.json<{ error?: { code?: string } }>().error?.code;
              } catch {
                return 'not JSON';
              }
            })()
          : 'ok';
      const isAnswered =
        response.statusCode < 500 &&
        (response.statusCode < 400 || (expectedCodes as readonly string[]).includes(code ?? ''));
      // A state-changing request can only pass without a valid CSRF token if nobody is signed in.
      const isChangeAccepted = route.method !== 'GET' && response.statusCode < 400 && auth !== 'anonymous';
      if (!isAnswered || isChangeAccepted)
        wrong.push(`${route.method} ${url} as ${auth} (${body.kind}) → ${response.statusCode} ${code}`);
    }
    expect(wrong.slice(0, 8)).toEqual([]);
    expect(await storedState(server)).toEqual(storedBefore);
    expect(await server.app.services.auth.audit.recent(1000)).toEqual(auditBefore);
    console.log(`http fuzz: statuses ${JSON.stringify(Object.fromEntries(statuses))}`);
  }, 60_000);

  it('refuses malformed handshakes with a code, and keeps serving', async () => {
    server = await startTestServer({ RATE_HANDSHAKES_PER_MINUTE: '100000' });
    const valid = await kioskCredentials(server, 'seiseki-1');
    const clerk = await staffCredentials(server, 'kato-d');
    const authArbitrary = fc.oneof(
      fc.dictionary(fc.string({ maxLength: 12 }), fc.anything({ maxDepth: 2 }), { maxKeys: 4 }),
      fc.record({
        role: fc.oneof(fc.constantFrom('kiosk', 'staff', 'admin', ''), fc.anything({ maxDepth: 1 })),
        credential: fc.oneof(fc.string({ maxLength: 100 }), fc.anything({ maxDepth: 1 })),
        resumeToken: fc.oneof(fc.string({ maxLength: 100 }), fc.integer(), fc.constant(null)),
        lastFactSeq: fc.oneof(fc.integer(), fc.double(), fc.string()),
      }),
      fc.record({
        role: fc.constant('kiosk'),
        credential: fc.constant((valid.auth as { credential: string }).credential),
        resumeToken: fc.oneof(fc.string({ maxLength: 100 }), fc.uuid(), fc.anything({ maxDepth: 1 })),
        lastFactSeq: fc.oneof(fc.double(), fc.string(), fc.constant(-1)),
      }),
    );
    const cookieArbitrary = fc.oneof(
      fc.constant(undefined),
      fc.string({ maxLength: 200 }).map((value) => `madoguchi_session=${encodeURIComponent(value)}`),
      fc.constant(`${clerk.cookie!}garbage`),
    );
    const handshakes = fc.sample(fc.record({ auth: authArbitrary, cookie: cookieArbitrary }), {
      numRuns: 300,
      seed: 20261129,
    });
    const storedBefore = await storedState(server);
    const outcomes = new Map<string, number>();
    const wrong: string[] = [];
    for (let start = 0; start < handshakes.length; start += 30) {
      await Promise.all(
        handshakes.slice(start, start + 30).map(async ({ auth, cookie }) => {
          const socket = io(server.url, {
            auth: auth as Record<string, unknown>,
            transports: ['websocket'],
            rejectUnauthorized: false,
            reconnection: false,
            ...(cookie ? { extraHeaders: { cookie } } : {}),
          });
          const outcome = await new Promise<string>((resolve) => {
            const timer = setTimeout(() => resolve('no answer'), 5_000);
            socket.once('connect', () => {
              clearTimeout(timer);
              resolve('connected');
            });
            socket.once('connect_error', (error: Error & { data?: { code?: string } }) => {
              clearTimeout(timer);
              resolve(error.data?.code ?? `no code: ${error.message}`);
            });
          }).finally(() => socket.close());
          outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
          // Only the real kiosk credential opens a session (its resume token is merely ignored
          // when unknown); everything else is refused with a code.
          const hasValidIdentity =
            (auth as { credential?: unknown }).credential ===
            (valid.auth as { credential: string }).credential;
          const isExpected = outcome === 'UNAUTHENTICATED' || (hasValidIdentity && outcome === 'connected');
          if (!isExpected) wrong.push(`${JSON.stringify(auth)} (cookie ${cookie}) → ${outcome}`);
        }),
      );
    }
    expect(wrong.slice(0, 8)).toEqual([]);
    expect(outcomes.get('UNAUTHENTICATED')).toBeGreaterThan(200);
    expect(await storedState(server)).toEqual(storedBefore);
    const kiosk = await TestClient.connect(server.url, valid);
    clients.push(kiosk);
    queued(await kiosk.signalling.request('consultation:request', { procedureId, language: 'ja' }));
    console.log(`handshake fuzz: ${JSON.stringify(Object.fromEntries(outcomes))}`);
  });

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
