import { describe, expect, it } from 'vitest';
import { sampleCatalogJson } from './testing.ts';
import { validateCatalog } from './validate.ts';

const issuesOf = (json: unknown) => {
  const result = validateCatalog(json);
  if (result.ok) throw new Error('expected the catalogue to be refused');
  return result.issues;
};

describe('validateCatalog', () => {
  it('accepts the sample, with and without a retention section', () => {
    expect(validateCatalog(sampleCatalogJson()).ok).toBe(true);
    const withRetention = { ...sampleCatalogJson(), retention: { captureDays: 30, freeTextDays: 365 } };
    const result = validateCatalog(withRetention);
    expect(result.ok && result.catalog.retention).toEqual({ captureDays: 30, freeTextDays: 365 });
  });

  it('gives each schema problem a path and a code a form can word', () => {
    const json = sampleCatalogJson() as ReturnType<typeof sampleCatalogJson> & Record<string, unknown>;
    json.procedures[0]!.name.ja = '  ';
    json.clerks[0]!.skills.shoumei = 6;
    json.clerks[1]!.languages = ['Japanese'];
    json.booths[0]!.hours.weekly.mon = [{ open: '17:00', close: '08:30' }];
    json.retention = { captureDays: 0, freeTextDays: 4000, forever: true } as never;
    expect(issuesOf(json).map(({ path, code }) => ({ path, code }))).toEqual([
      { path: 'procedures[0].name.ja', code: 'required' },
      { path: 'clerks[0].skills.shoumei', code: 'too-big' },
      { path: 'clerks[1].languages[0]', code: 'format' },
      { path: 'booths[0].hours.weekly.mon[0].close', code: 'order' },
      { path: 'retention.captureDays', code: 'too-small' },
      { path: 'retention.freeTextDays', code: 'too-big' },
      { path: 'retention', code: 'unknown-field' },
    ]);
  });

  it('says when a holiday range ends before it starts, and when a required field is missing', () => {
    const json = sampleCatalogJson();
    json.headquarters.hours = {
      ...json.headquarters.hours,
      exceptions: [{ from: '2027-01-03', to: '2026-12-29', intervals: [], note: '年末年始' }],
    };
    delete (json.procedures[1] as Partial<(typeof json.procedures)[1]>).requiredSkill;
    expect(issuesOf(json).map(({ path, code }) => ({ path, code }))).toEqual([
      { path: 'procedures[1].requiredSkill', code: 'required' },
      { path: 'headquarters.hours.exceptions[0].to', code: 'order' },
    ]);
  });

  it('cross-checks only a document that passed the schema: duplicates and unknown references', () => {
    const json = sampleCatalogJson();
    json.procedures[1]!.id = 'shoumeisho';
    json.procedures[1]!.requiredSkill = 'juumin';
    json.skillGroups[0]!.skills.push('inkan');
    json.booths[0]!.kiosks[1]!.id = 'seiseki-1';
    expect(issuesOf(json)).toEqual([
      {
        path: 'procedures[1].id',
        code: 'duplicate-id',
        subject: 'shoumeisho',
        message: 'duplicate id "shoumeisho"',
      },
      {
        path: 'skillGroups[0].skills[2]',
        code: 'unknown-reference',
        subject: 'inkan',
        message: 'unknown skill "inkan"',
      },
      {
        path: 'procedures[1].requiredSkill',
        code: 'unknown-reference',
        subject: 'juumin',
        message: 'unknown skill "juumin"',
      },
      {
        path: 'booths[0].kiosks[1].id',
        code: 'duplicate-id',
        subject: 'seiseki-1',
        message: 'duplicate kiosk id "seiseki-1"',
      },
    ]);
  });
});
