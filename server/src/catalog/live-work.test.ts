import { describe, expect, it } from 'vitest';
import { liveWorkConflicts, type LiveWork } from './live-work.ts';
import type { Catalog } from './schema.ts';
import { tamaCatalog } from './seed.ts';

const idle: LiveWork = {
  queuedProcedures: new Set(),
  queuedSkills: new Set(),
  busyKiosks: new Set(),
  signedInClerks: new Set(),
};
const without = <T extends { id: string }>(list: T[], id: string): T[] => list.filter((x) => x.id !== id);

describe('liveWorkConflicts', () => {
  it('lets anything through when nothing is going on', () => {
    const before = tamaCatalog();
    const after: Catalog = { ...before, procedures: before.procedures.slice(0, 1), clerks: [], booths: [] };
    expect(liveWorkConflicts(before, after, idle)).toEqual([]);
  });

  it('refuses removing what live work uses, at the list concerned, and allows edits of the same entries', () => {
    const before = tamaCatalog();
    const after = tamaCatalog();
    after.procedures = without(after.procedures, 'okuyami');
    after.skills = without(after.skills, 'sougou');
    after.clerks = without(after.clerks, 'tanaka-y');
    after.booths[0]!.kiosks = after.booths[0]!.kiosks.slice(0, 1);
    after.booths = without(after.booths, 'tama-center');
    after.procedures[0]!.name.ja = '引っ越しの手続き';
    const live: LiveWork = {
      queuedProcedures: new Set(['okuyami', 'juumin-idou']),
      queuedSkills: new Set(['sougou']),
      busyKiosks: new Set(['seiseki-2', 'tama-center-1']),
      signedInClerks: new Set(['tanaka-y']),
    };
    expect(liveWorkConflicts(before, after, live)).toEqual([
      {
        path: 'procedures',
        code: 'in-use',
        subject: 'okuyami',
        message: 'procedure "okuyami" cannot be removed while residents wait for it',
      },
      {
        path: 'skills',
        code: 'in-use',
        subject: 'sougou',
        message: 'skill "sougou" cannot be removed while waiting residents need a clerk with it',
      },
      {
        path: 'clerks',
        code: 'in-use',
        subject: 'tanaka-y',
        message: 'clerk "tanaka-y" cannot be removed while signed in; they must sign out first',
      },
      {
        path: 'booths[0].kiosks',
        code: 'in-use',
        subject: 'seiseki-2',
        message: 'kiosk "seiseki-2" cannot be removed while a resident is using it',
      },
      {
        path: 'booths',
        code: 'in-use',
        subject: 'tama-center-1',
        message: 'kiosk "tama-center-1" cannot be removed while a resident is using it',
      },
    ]);
  });

  it('allows moving a busy kiosk to another booth and removing idle entries', () => {
    const before = tamaCatalog();
    const after = tamaCatalog();
    const moved = after.booths[0]!.kiosks.pop()!;
    after.booths[1]!.kiosks.push(moved);
    after.procedures = without(after.procedures, 'zeikin');
    const live = {
      ...idle,
      busyKiosks: new Set([moved.id as string]),
      queuedProcedures: new Set(['okuyami']),
    };
    expect(liveWorkConflicts(before, after, live)).toEqual([]);
  });
});
