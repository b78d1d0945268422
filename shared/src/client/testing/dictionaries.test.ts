import { describe, expect, it } from 'vitest';
import { dictionaryProblems, uiMessageKeys } from './dictionaries.ts';

const shared = Object.fromEntries(uiMessageKeys.map((key) => [key, key]));

describe('dictionaryProblems', () => {
  it('finds nothing in matching dictionaries', () => {
    expect(
      dictionaryProblems({
        ja: { ...shared, 'call.clerk': '担当: {name}' },
        en: { ...shared, 'call.clerk': 'Clerk: {name}' },
      }),
    ).toEqual([]);
  });

  it('names missing, extra and empty messages, and differing placeholders', () => {
    expect(
      dictionaryProblems({
        ja: { ...shared, a: 'あ', b: '{name} さん' },
        en: { ...shared, b: 'Mx {person}', c: ' ' },
      }),
    ).toEqual([
      'en b has other placeholders than ja',
      'en c is empty',
      'en has c, which ja does not',
      'en lacks a',
    ]);
  });

  it('names the keys the shared components need', () => {
    expect(dictionaryProblems({ ja: {} })).toContain(
      'ja lacks error.dismiss, which a shared component needs',
    );
  });
});
