import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditLogResponseSchema, type ProcedureId } from '@madoguchi/shared';
import type { Catalog, CatalogRevisionSummary, CatalogRevisionView } from '@madoguchi/shared/catalog';
import { csrfTokenOf, kioskCredentials, queued, staffCredentials } from '../support/identities.ts';
import { TestClient } from '../support/test-client.ts';
import { startTestServer, type TestServer } from '../support/test-server.ts';

/**
 * Administrators edit the catalogue through the real server: every save is checked, stored as a
 * revision, audited and put in force at once (kiosks' procedure list, routing, hours).
 */
describe('catalogue administration', () => {
  let server: TestServer;
  const clients: TestClient[] = [];
  let headers: Record<string, string>;

  const current = async (): Promise<CatalogRevisionView> => {
    const response = await server.app.inject({ url: '/api/admin/catalog', headers });
    expect(response.statusCode).toBe(200);
    return response.json<CatalogRevisionView>();
  };
  const save = (baseRevision: number, catalog: unknown) =>
    server.app.inject({
      method: 'PUT',
      url: '/api/admin/catalog',
      headers,
      payload: { baseRevision, catalog },
    });
  const kioskProcedures = async () =>
    (await server.app.inject({ url: '/api/procedures' })).json<{
      procedures: { id: string; name: { ja: string } }[];
    }>().procedures;

  beforeEach(async () => {
    server = await startTestServer();
    const admin = await staffCredentials(server, 'admin', 'admin');
    headers = { cookie: admin.cookie!, 'x-csrf-token': await csrfTokenOf(server, admin) };
  });
  afterEach(async () => {
    for (const client of clients.splice(0)) client.close();
    await server.close();
  });

  it('stores the file’s catalogue as revision 1 on first start', async () => {
    const first = await current();
    expect(first).toMatchObject({ revision: 1, savedBy: 'system' });
    expect(first.catalog.procedures.map((p) => p.id)).toContain('juumin-idou');
    const revisions = (await server.app.inject({ url: '/api/admin/catalog/revisions', headers })).json<{
      revisions: CatalogRevisionSummary[];
    }>().revisions;
    expect(revisions).toHaveLength(1);
    expect(revisions[0]?.changes.sections).toContain('procedures');
  });

  it('saves a new procedure: audited with ids only, listed for kiosks at once, and routed', async () => {
    const { revision, catalog } = await current();
    const edited: Catalog = structuredClone(catalog);
    edited.procedures[1]!.name.ja = '証明書の交付(住民票の写しなど)';
    edited.procedures.push({
      ...edited.procedures[1]!,
      id: 'kosodate-soudan' as ProcedureId,
      name: { ja: '子育て相談', en: 'Childcare advice' },
    });
    const response = await save(revision, edited);
    expect(response.statusCode).toBe(200);
    expect(response.json<CatalogRevisionSummary>()).toMatchObject({
      revision: 2,
      savedBy: 'admin',
      changes: {
        sections: ['procedures'],
        ids: { procedures: { added: ['kosodate-soudan'], removed: [], changed: ['shoumeisho'] } },
      },
    });

    const procedures = await kioskProcedures();
    expect(procedures.map((p) => p.id)).toContain('kosodate-soudan');
    expect(procedures.find((p) => p.id === 'shoumeisho')?.name.ja).toBe('証明書の交付(住民票の写しなど)');

    const audit = auditLogResponseSchema.parse(
      (await server.app.inject({ url: '/api/admin/audit?limit=10', headers })).json(),
    ).entries;
    // The administrator reads what changed in the log itself: ids only, no names.
    expect(audit).toContainEqual(
      expect.objectContaining({
        actor: 'admin',
        action: 'catalog.updated',
        subject: 'revision-2',
        details: {
          sections: ['procedures'],
          ids: { procedures: { added: ['kosodate-soudan'], removed: [], changed: ['shoumeisho'] } },
        },
      }),
    );

    const kiosk = await TestClient.connect(server.url, await kioskCredentials(server));
    clients.push(kiosk);
    const consultation = queued(
      await kiosk.signalling.request('consultation:request', {
        procedureId: 'kosodate-soudan' as ProcedureId,
        language: 'ja',
      }),
    );
    expect(consultation.procedureId).toBe('kosodate-soudan');
    expect((await current()).revision).toBe(2);
  });

  it('refuses a save against a revision that is no longer the latest, and changes nothing', async () => {
    const { revision, catalog } = await current();
    const mine: Catalog = structuredClone(catalog);
    mine.procedures[0]!.name.ja = '住民異動';
    expect((await save(revision, mine)).statusCode).toBe(200);
    const theirs: Catalog = structuredClone(catalog);
    theirs.procedures[0]!.name.ja = '引っ越し';
    const stale = await save(revision, theirs);
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ error: { code: 'REVISION_CONFLICT' } });
    expect((await current()).revision).toBe(2);
    expect((await kioskProcedures())[0]?.name.ja).toBe('住民異動');
  });

  it('refuses a catalogue that breaks the rules with every issue and its path, and changes nothing', async () => {
    const { revision, catalog } = await current();
    const broken = structuredClone(catalog) as unknown as {
      procedures: { requiredSkill: string; name: { en?: string } }[];
      headquarters: { hours: { exceptions: { from: string; to?: string; intervals: []; note: string }[] } };
    };
    delete broken.procedures[2]!.name.en;
    broken.headquarters.hours.exceptions.push({
      from: '2026-05-06',
      to: '2026-05-01',
      intervals: [],
      note: '振替',
    });
    const response = await save(revision, broken);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      error: {
        code: 'CATALOG_INVALID',
        issues: [
          { path: 'procedures[2].name.en', code: 'required' },
          {
            path: `headquarters.hours.exceptions[${catalog.headquarters.hours.exceptions.length}].to`,
            code: 'order',
          },
        ],
      },
    });
    const unknownSkill = structuredClone(catalog) as unknown as typeof broken;
    unknownSkill.procedures[0]!.requiredSkill = 'no-such-skill';
    expect((await save(revision, unknownSkill)).json()).toMatchObject({
      error: {
        code: 'CATALOG_INVALID',
        issues: [
          { path: 'procedures[0].requiredSkill', code: 'unknown-reference', subject: 'no-such-skill' },
        ],
      },
    });
    expect(await current()).toMatchObject({ revision, catalog });
  });

  it('refuses to remove a procedure a resident is waiting for, and allows it once nobody waits', async () => {
    const kiosk = await TestClient.connect(server.url, await kioskCredentials(server));
    clients.push(kiosk);
    const waiting = queued(
      await kiosk.signalling.request('consultation:request', {
        procedureId: 'okuyami' as ProcedureId,
        language: 'ja',
      }),
    );
    const { revision, catalog } = await current();
    const without: Catalog = {
      ...structuredClone(catalog),
      procedures: catalog.procedures.filter((p) => p.id !== 'okuyami'),
    };
    const refused = await save(revision, without);
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({
      error: { code: 'CATALOG_IN_USE', issues: [{ path: 'procedures', code: 'in-use', subject: 'okuyami' }] },
    });
    expect((await kioskProcedures()).map((p) => p.id)).toContain('okuyami');

    await kiosk.signalling.request('consultation:cancel', { consultationId: waiting.consultationId });
    expect((await save(revision, without)).statusCode).toBe(200);
    expect((await kioskProcedures()).map((p) => p.id)).not.toContain('okuyami');
  });

  it('gives a clerk a new skill from their next sign-in, not in the middle of a session', async () => {
    const clerkLogin = await staffCredentials(server, 'tanaka-y');
    const clerk = await TestClient.connect(server.url, clerkLogin);
    clients.push(clerk);
    await clerk.signalling.request('staff:set-status', { status: 'available' });
    const { revision, catalog } = await current();
    const edited: Catalog = structuredClone(catalog);
    const tanaka = edited.clerks.find((c) => c.id === 'tanaka-y')!;
    (tanaka.skills as Record<string, number>).okuyami = 3;
    expect((await save(revision, edited)).statusCode).toBe(200);

    // おくやみ needs the okuyami skill and has no fallback: the signed-in session does not have it yet.
    const kiosk = await TestClient.connect(server.url, await kioskCredentials(server));
    clients.push(kiosk);
    const waiting = queued(
      await kiosk.signalling.request('consultation:request', {
        procedureId: 'okuyami' as ProcedureId,
        language: 'ja',
      }),
    );
    expect(waiting.status).toBe('waiting');

    await server.app.inject({
      method: 'POST',
      url: '/api/auth/logout-everywhere',
      headers: { cookie: clerkLogin.cookie!, 'x-csrf-token': await csrfTokenOf(server, clerkLogin) },
    });
    await clerk.waitFor('session:ended');
    const again = await TestClient.connect(server.url, await staffCredentials(server, 'tanaka-y'));
    clients.push(again);
    await again.signalling.request('staff:set-status', { status: 'available' });
    expect((await again.waitFor('call:offered')).consultationId).toBe(waiting.consultationId);
  });

  it('cuts off a kiosk taken out of the catalogue and refuses its credential afterwards', async () => {
    const credentials = await kioskCredentials(server, 'seiseki-2');
    const kiosk = await TestClient.connect(server.url, credentials);
    clients.push(kiosk);
    const { revision, catalog } = await current();
    const edited: Catalog = structuredClone(catalog);
    edited.booths[0]!.kiosks = edited.booths[0]!.kiosks.filter((k) => k.id !== 'seiseki-2');
    const saved = await save(revision, edited);
    expect(saved.json<CatalogRevisionSummary>().changes.ids.kiosks).toEqual({
      added: [],
      removed: ['seiseki-2'],
      changed: [],
    });
    expect((await kiosk.waitFor('session:ended')).reason).toBe('revoked');
    await expect(TestClient.connect(server.url, credentials)).rejects.toThrow();
  });

  it('starts again on the latest stored revision, not the file', async () => {
    const { revision, catalog } = await current();
    const edited: Catalog = structuredClone(catalog);
    edited.retention = { captureDays: 14, freeTextDays: 180 };
    edited.procedures[0]!.name.ja = '転入・転出・転居';
    expect((await save(revision, edited)).statusCode).toBe(200);
    await server.close({ keepData: true });
    server = await startTestServer({}, { dataDir: server.dataDir });
    const admin = await staffCredentials(server, 'admin', 'admin');
    headers = { cookie: admin.cookie!, 'x-csrf-token': await csrfTokenOf(server, admin) };
    expect(await current()).toMatchObject({
      revision: 2,
      catalog: { retention: { captureDays: 14, freeTextDays: 180 } },
    });
    expect((await kioskProcedures())[0]?.name.ja).toBe('転入・転出・転居');
  });
});
