import { describe, expect, it } from 'vitest';
import { format } from './i18n.tsx';

describe('format', () => {
  it('fills placeholders and leaves unknown ones visible', () => {
    expect(format('{name}({staffId})', { name: '田中', staffId: 'tanaka' })).toBe('田中(tanaka)');
    expect(format('{missing}')).toBe('{missing}');
  });
});
