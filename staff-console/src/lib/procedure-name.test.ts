import type { Procedure } from '@madoguchi/shared';
import { describe, expect, it } from 'vitest';
import { procedureName } from './procedure-name.ts';

describe('procedureName', () => {
  const procedures = [
    { id: 'juumin-idou', name: { ja: '住民異動届', en: 'Change of address' } } as Procedure,
  ];

  it('names a listed procedure in the console’s language', () => {
    expect(procedureName(procedures, 'juumin-idou', 'ja')).toBe('住民異動届');
    expect(procedureName(procedures, 'juumin-idou', 'en')).toBe('Change of address');
  });

  it('falls back to the id for an unlisted procedure or before the catalogue has loaded', () => {
    expect(procedureName(procedures, 'inkan-touroku', 'ja')).toBe('inkan-touroku');
    expect(procedureName(null, 'juumin-idou', 'ja')).toBe('juumin-idou');
  });
});
