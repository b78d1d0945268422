import { sampleCatalogJson } from '@madoguchi/shared/client/testing';
import { describe, expect, it } from 'vitest';
import {
  draftIssues,
  edited,
  fieldFromNumber,
  issueCountsByPane,
  newBooth,
  newProcedure,
  numberFromField,
  paneOf,
  type CatalogDraft,
} from './catalog-draft.ts';

const sample = (): CatalogDraft => sampleCatalogJson();

describe('catalogue draft', () => {
  it('puts each issue in the pane where its field is edited', () => {
    expect(paneOf('procedures[1].name.ja')).toBe('procedures');
    expect(paneOf('skillGroups[0].skills[2]')).toBe('skills');
    expect(paneOf('booths[0].kiosks[1].id')).toBe('booths');
    expect(paneOf('booths[0].hours.exceptions[0].to')).toBe('hours');
    expect(paneOf('headquarters.hours.weekly.mon')).toBe('hours');
    expect(paneOf('headquarters.name.en')).toBe('general');
    expect(paneOf('retention.captureDays')).toBe('general');
    expect(paneOf('')).toBe('general');
  });

  it('counts a new blank procedure and a bad holiday in their panes, by the shared rules', () => {
    const draft = edited(sample(), (copy) => {
      copy.procedures.push(newProcedure(copy));
      copy.booths[0]!.hours.exceptions.push({
        from: '2026-05-06',
        to: '2026-05-01',
        intervals: [],
        note: '',
      });
    });
    const issues = draftIssues(draft);
    expect(issues.map(({ path, code }) => `${path} ${code}`)).toEqual([
      'procedures[2].id required',
      'procedures[2].name.ja required',
      'procedures[2].name.en required',
      'booths[0].hours.exceptions[1].note required',
      'booths[0].hours.exceptions[1].to order',
    ]);
    expect(issueCountsByPane(issues)).toEqual({
      procedures: 3,
      skills: 0,
      clerks: 0,
      booths: 0,
      hours: 2,
      general: 0,
      revisions: 0,
    });
  });

  it('leaves the previous draft untouched, and a new booth is planned with headquarters’ week', () => {
    const before = sample();
    const after = edited(before, (copy) => void copy.booths.push(newBooth(copy)));
    expect(before.booths).toHaveLength(1);
    expect(after.booths[1]).toMatchObject({ status: 'planned', kiosks: [], hours: { exceptions: [] } });
    expect(after.booths[1]!.hours.weekly).toEqual(before.headquarters.hours.weekly);
  });

  it('keeps a blank number field blank (required), not zero', () => {
    expect(numberFromField('')).toBeNaN();
    expect(numberFromField(' 15 ')).toBe(15);
    expect(fieldFromNumber(Number.NaN)).toBe('');
    const draft = edited(
      sample(),
      (copy) => void (copy.procedures[0]!.typicalHandlingMinutes = numberFromField('')),
    );
    expect(draftIssues(JSON.parse(JSON.stringify(draft)))).toEqual([
      expect.objectContaining({ path: 'procedures[0].typicalHandlingMinutes', code: 'required' }),
    ]);
  });
});
