import type { CatalogRevisionSummary, CatalogRevisionView } from '@madoguchi/shared/catalog';
import { HttpClient } from '@madoguchi/shared/client';
import { FakeFetch, refusal, sampleCatalogJson } from '@madoguchi/shared/client/testing';
import { describe, expect, it, vi } from 'vitest';
import { CatalogDesk } from './catalog-desk.ts';

const revisionsRoute = 'GET /api/admin/catalog/revisions?limit=50';

const revision = (number: number, catalog = sampleCatalogJson()): CatalogRevisionView =>
  ({
    revision: number,
    savedAt: '2026-11-27T01:00:00.000Z',
    savedBy: 'admin',
    catalog,
  }) as unknown as CatalogRevisionView;
const summary = (number: number): CatalogRevisionSummary => ({
  revision: number,
  savedAt: '2026-11-27T01:00:00.000Z',
  savedBy: 'admin',
  changes: { sections: ['procedures'], ids: { procedures: { added: [], removed: [], changed: ['koseki'] } } },
});

const setUp = () => {
  const server = new FakeFetch();
  server.on('GET /api/admin/catalog', revision(3)).on(revisionsRoute, { revisions: [summary(3)] });
  const onChange = vi.fn();
  const onError = vi.fn();
  const desk = new CatalogDesk({ http: new HttpClient(server.fetch), csrfToken: 'csrf', onChange, onError });
  return { desk, server, onChange, onError };
};

describe('CatalogDesk', () => {
  it('loads the revision in force as a clean draft, with the history', async () => {
    const { desk } = setUp();
    await desk.load();
    expect(desk.state).toMatchObject({
      base: { revision: 3 },
      draft: sampleCatalogJson(),
      issues: [],
      hasChanges: false,
      revisions: [summary(3)],
      isLoading: false,
    });
  });

  it('checks every edit by the shared rules at once and will not send a draft that breaks one', async () => {
    const { desk, server } = setUp();
    await desk.load();
    desk.edit((draft) => void (draft.procedures[1]!.name.ja = ''));
    expect(desk.state.hasChanges).toBe(true);
    expect(desk.state.issues).toEqual([
      expect.objectContaining({ path: 'procedures[1].name.ja', code: 'required' }),
    ]);
    await desk.save();
    expect(server.sent('PUT /api/admin/catalog')).toEqual([]);
  });

  it('saves the whole catalogue with the revision it was edited from and the CSRF token, then reloads', async () => {
    const { desk, server } = setUp();
    await desk.load();
    desk.edit((draft) => void (draft.procedures[1]!.name.ja = '戸籍の届出・証明'));
    const edited = desk.state.draft;
    server.on('PUT /api/admin/catalog', summary(4));
    server.on('GET /api/admin/catalog', revision(4, edited as ReturnType<typeof sampleCatalogJson>));
    server.on(revisionsRoute, { revisions: [summary(4), summary(3)] });
    await desk.save();
    const [put] = server.sent('PUT /api/admin/catalog');
    expect(put?.body).toEqual({ baseRevision: 3, catalog: edited });
    expect(put?.headers['x-csrf-token']).toBe('csrf');
    expect(desk.state).toMatchObject({
      base: { revision: 4 },
      hasChanges: false,
      savedRevision: 4,
      isSaving: false,
      refusal: null,
    });
    expect(desk.state.revisions?.map((r) => r.revision)).toEqual([4, 3]);
  });

  it('keeps the draft and shows the server’s code and issues when it refuses, until the next edit', async () => {
    const { desk, server, onError } = setUp();
    await desk.load();
    desk.edit((draft) => void draft.procedures.splice(1, 1));
    const issues = [{ path: 'procedures', code: 'in-use', subject: 'koseki', message: 'in use' }];
    server.on('PUT /api/admin/catalog', () => ({
      status: 409,
      body: { error: { code: 'CATALOG_IN_USE', message: 'the change would strand live work (1)', issues } },
    }));
    await desk.save();
    expect(desk.state.refusal).toEqual({
      code: 'CATALOG_IN_USE',
      message: 'the change would strand live work (1)',
      issues,
    });
    expect(desk.state.draft?.procedures).toHaveLength(1);
    expect(desk.state.hasChanges).toBe(true);
    expect(onError).not.toHaveBeenCalled();
    server.on('PUT /api/admin/catalog', () => refusal(409, 'REVISION_CONFLICT'));
    await desk.save();
    expect(desk.state.refusal?.code).toBe('REVISION_CONFLICT');
    desk.edit((draft) => void (draft.procedures[0]!.isReservable = true));
    expect(desk.state.refusal).toBeNull();
  });

  it('hands other failures on, and discarding returns to the revision loaded', async () => {
    const { desk, server, onError } = setUp();
    await desk.load();
    desk.edit((draft) => void (draft.retention = { captureDays: 7, freeTextDays: 90 }));
    server.on('PUT /api/admin/catalog', () => refusal(403, 'FORBIDDEN'));
    await desk.save();
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'FORBIDDEN' }));
    desk.discard();
    expect(desk.state).toMatchObject({ draft: sampleCatalogJson(), hasChanges: false, refusal: null });
  });
});
