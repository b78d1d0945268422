import { describe, expect, it } from 'vitest';
import { diffCatalogs, isSameCatalog } from './diff.ts';
import { catalogSchema, type Catalog } from './schema.ts';
import { sampleCatalogJson } from './testing.ts';

const sample = (): Catalog => catalogSchema.parse(sampleCatalogJson());

describe('diffCatalogs', () => {
  it('finds nothing between equal catalogues, whatever the key order', () => {
    const a = sample();
    const reversed = (value: object) => Object.fromEntries(Object.entries(value).reverse());
    const b = { ...reversed(a), procedures: a.procedures.map(reversed) } as Catalog;
    expect(JSON.stringify(a)).not.toBe(JSON.stringify(b));
    expect(diffCatalogs(a, b)).toEqual({ sections: [], ids: {} });
    expect(isSameCatalog(a, b)).toBe(true);
    b.procedures[0]!.isReservable = true;
    expect(isSameCatalog(a, b)).toBe(false);
  });

  it('names the sections and the ids added, removed and changed, and nothing else', () => {
    const before = sample();
    const after = sample();
    after.procedures[0]!.name.ja = '証明書(住民票・印鑑登録証明書)';
    after.procedures.splice(1, 1);
    after.clerks.push({ ...after.clerks[1]!, id: 'kato-d' as never, displayName: '加藤 大輔' });
    after.booths[0]!.kiosks.push({ id: 'seiseki-3' as never, name: '3番' });
    after.headquarters.hours.exceptions.push({ from: '2026-05-06', intervals: [], note: '振替休日' });
    after.retention = { captureDays: 14, freeTextDays: 180 };
    expect(diffCatalogs(before, after)).toEqual({
      sections: ['procedures', 'clerks', 'headquarters', 'booths', 'retention'],
      ids: {
        procedures: { added: [], removed: ['koseki'], changed: ['shoumeisho'] },
        clerks: { added: ['kato-d'], removed: [], changed: [] },
        booths: { added: [], removed: [], changed: ['seiseki'] },
        kiosks: { added: ['seiseki-3'], removed: [], changed: [] },
      },
    });
  });

  it('counts everything as added for the first revision', () => {
    const changes = diffCatalogs(null, sample());
    expect(changes.sections).toEqual([
      'municipality',
      'skills',
      'skillGroups',
      'procedures',
      'clerks',
      'headquarters',
      'booths',
    ]);
    expect(changes.ids.kiosks).toEqual({ added: ['seiseki-1', 'seiseki-2'], removed: [], changed: [] });
  });
});
