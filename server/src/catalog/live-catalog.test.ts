import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import type { Database } from '../store/database.ts';
import { CatalogRevisions } from '../store/catalog-revisions.ts';
import { openTestDatabase } from '../store/testing.ts';
import { LiveCatalog } from './live-catalog.ts';
import type { LiveWork } from './live-work.ts';
import type { Catalog } from './schema.ts';
import { tamaCatalog } from './seed.ts';

const idle = (): LiveWork => ({
  queuedProcedures: new Set(),
  queuedSkills: new Set(),
  busyKiosks: new Set(),
  signedInClerks: new Set(),
});

async function withCatalog(test: (live: LiveCatalog, db: Database) => Promise<void>): Promise<void> {
  const database = await openTestDatabase('sqlite');
  const { db } = database;
  try {
    const live = await LiveCatalog.open({
      store: new CatalogRevisions(db),
      initial: tamaCatalog(),
      log: pino({ level: 'silent' }),
      now: () => 1_000,
    });
    await test(live, db);
  } finally {
    await database.close();
  }
}

const renamed = (catalog: Catalog, ja: string): Catalog => {
  const copy = structuredClone(catalog);
  copy.procedures[0]!.name.ja = ja;
  return copy;
};

describe('LiveCatalog', () => {
  it('applies a save to its listeners before answering, and stores it as the next revision', async () => {
    await withCatalog(async (live, db) => {
      const applied: string[] = [];
      live.onApplied((next, previous) =>
        applied.push(`${previous.procedures[0]!.name.ja}→${next.procedures[0]!.name.ja}`),
      );
      const saved = await live.save({
        actor: 'admin',
        baseRevision: 1,
        document: renamed(live.catalog, '転入・転出'),
        liveWork: idle,
      });
      expect(saved).toEqual({
        isChanged: true,
        record: {
          revision: 2,
          savedAt: 1_000,
          savedBy: 'admin',
          changes: {
            sections: ['procedures'],
            ids: { procedures: { added: [], removed: [], changed: ['juumin-idou'] } },
          },
        },
      });
      expect(applied).toEqual(['住民異動（転入・転出・転居）→転入・転出']);
      expect((await new CatalogRevisions(db).latest())?.revision).toBe(2);
    });
  });

  it('takes saves one at a time: of two saves from the same revision, the second is a conflict', async () => {
    await withCatalog(async (live) => {
      const base = live.catalog;
      const results = await Promise.allSettled([
        live.save({ actor: 'a', baseRevision: 1, document: renamed(base, 'A'), liveWork: idle }),
        live.save({ actor: 'b', baseRevision: 1, document: renamed(base, 'B'), liveWork: idle }),
      ]);
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected']);
      expect(results[1]).toMatchObject({ reason: { code: 'REVISION_CONFLICT' } });
      expect(live.catalog.procedures[0]!.name.ja).toBe('A');
    });
  });

  it('stores nothing for an unchanged catalogue, and nothing for a refused one', async () => {
    await withCatalog(async (live) => {
      const same = await live.save({
        actor: 'admin',
        baseRevision: 1,
        document: live.catalog,
        liveWork: idle,
      });
      expect(same).toMatchObject({ isChanged: false, record: { revision: 1 } });
      const removed = { ...live.catalog, procedures: live.catalog.procedures.slice(1) };
      await expect(
        live.save({
          actor: 'admin',
          baseRevision: 1,
          document: removed,
          liveWork: () => ({ ...idle(), queuedProcedures: new Set(['juumin-idou']) }),
        }),
      ).rejects.toMatchObject({
        code: 'CATALOG_IN_USE',
        issues: [{ path: 'procedures', subject: 'juumin-idou' }],
      });
      await expect(
        live.save({ actor: 'admin', baseRevision: 1, document: { version: 2 }, liveWork: idle }),
      ).rejects.toMatchObject({ code: 'CATALOG_INVALID' });
      expect(live.current.revision).toBe(1);
      expect(await live.revisions(10)).toHaveLength(1);
    });
  });
});
