import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CatalogError } from './errors.ts';
import { loadCatalog } from './load-catalog.ts';
import { tamaSeedUrl } from './seed.ts';

const seedJson = (): Record<string, unknown> & {
  procedures: Record<string, unknown>[];
  clerks: Record<string, unknown>[];
} => JSON.parse(readFileSync(tamaSeedUrl, 'utf8'));

function errorOf(json: unknown): CatalogError {
  try {
    loadCatalog(json);
  } catch (error) {
    if (error instanceof CatalogError) return error;
    throw error;
  }
  throw new Error('expected loadCatalog to throw');
}

describe('loadCatalog', () => {
  it('accepts the Tama seed', () => {
    const catalog = loadCatalog(seedJson());
    expect(catalog.municipality.name.ja).toBe('多摩市');
  });

  it('names the path of a missing English name', () => {
    const json = seedJson();
    delete (json.procedures[1]!.name as Record<string, unknown>).en;
    const error = errorOf(json);
    expect(error.code).toBe('CATALOG_INVALID');
    expect(error.issues.map((i) => i.path)).toEqual(['procedures[1].name.en']);
    expect(error.message).toMatch(/^CATALOG_INVALID: procedures\[1\]\.name\.en: /);
  });

  it('rejects proficiencies outside 1–5 and unknown fields', () => {
    const json = seedJson();
    (json.clerks[0]!.skills as Record<string, number>)['shoumei'] = 6;
    json.clerks[1]!.nickname = 'x';
    expect(errorOf(json).issues.map((i) => i.path)).toEqual(['clerks[0].skills.shoumei', 'clerks[1]']);
  });

  it('cross-checks references and duplicate ids', () => {
    const json = seedJson();
    json.procedures[0]!.requiredSkill = 'no-such-skill';
    json.procedures[2]!.fallback = { skillGroup: 'no-such-group', afterSeconds: 60 };
    json.clerks[3]!.id = json.clerks[2]!.id;
    const error = errorOf(json);
    expect(error.issues).toEqual([
      {
        path: 'clerks[3].id',
        code: 'duplicate-id',
        subject: String(json.clerks[2]!.id),
        message: `duplicate id "${String(json.clerks[2]!.id)}"`,
      },
      {
        path: 'procedures[0].requiredSkill',
        code: 'unknown-reference',
        subject: 'no-such-skill',
        message: 'unknown skill "no-such-skill"',
      },
      {
        path: 'procedures[2].fallback.skillGroup',
        code: 'unknown-reference',
        subject: 'no-such-group',
        message: 'unknown skill group "no-such-group"',
      },
    ]);
  });

  it('rejects overlapping opening intervals and a time zone other than Asia/Tokyo', () => {
    const json = seedJson() as unknown as {
      headquarters: { hours: { timezone: string; weekly: { mon: unknown[] } } };
    };
    json.headquarters.hours.weekly.mon = [
      { open: '08:30', close: '12:00' },
      { open: '11:00', close: '17:00' },
    ];
    json.headquarters.hours.timezone = 'Europe/London';
    expect(
      errorOf(json)
        .issues.map((i) => i.path)
        .sort(),
    ).toEqual(['headquarters.hours.timezone', 'headquarters.hours.weekly.mon']);
  });

  it('refuses something that is not a catalog at all', () => {
    expect(errorOf(null).issues[0]?.path).toBe('');
    expect(errorOf(null).message).toMatch(/^CATALOG_INVALID: \(root\): /);
  });
});
