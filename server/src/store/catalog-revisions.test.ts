import { describe, expect, it } from 'vitest';
import { CatalogRevisions } from './catalog-revisions.ts';
import { openTestDatabase, testDatabaseKinds } from './testing.ts';

const changes = {
  sections: ['procedures' as const],
  ids: { procedures: { added: ['a'], removed: [], changed: [] } },
};

describe.each(testDatabaseKinds())('CatalogRevisions on %s', (kind) => {
  it('keeps every revision once, gives back the latest with its document, lists newest first', async () => {
    const database = await openTestDatabase(kind);
    const { db } = database;
    try {
      const revisions = new CatalogRevisions(db);
      expect(await revisions.latest()).toBeNull();
      await revisions.append({
        revision: 1,
        savedAt: 1_000,
        savedBy: 'system',
        changes,
        document: { version: 1 },
      });
      await revisions.append({
        revision: 2,
        savedAt: 1_764_230_400_123,
        savedBy: 'admin',
        changes: { sections: [], ids: {} },
        document: { version: 1, name: '多摩市' },
      });
      await expect(
        revisions.append({ revision: 2, savedAt: 3_000, savedBy: 'other', changes, document: {} }),
      ).rejects.toThrow();
      expect(await revisions.latest()).toEqual({
        revision: 2,
        savedAt: 1_764_230_400_123,
        savedBy: 'admin',
        changes: { sections: [], ids: {} },
        document: { version: 1, name: '多摩市' },
      });
      expect(await revisions.list(10)).toEqual([
        { revision: 2, savedAt: 1_764_230_400_123, savedBy: 'admin', changes: { sections: [], ids: {} } },
        { revision: 1, savedAt: 1_000, savedBy: 'system', changes },
      ]);
      expect((await revisions.list(1)).map((r) => r.revision)).toEqual([2]);
    } finally {
      await database.close();
    }
  });
});
