import { languageSchema } from '@madoguchi/shared';
import { dictionaryProblems } from '@madoguchi/shared/client/testing';
import { describe, expect, it } from 'vitest';
import { dictionaries } from './messages.ts';
import { operatorDictionaries } from './operator-messages.ts';

describe('messages', () => {
  it('has a dictionary for every resident language', () => {
    expect(Object.keys(dictionaries).sort()).toEqual([...languageSchema.options].sort());
  });

  it('has every message, with the same placeholders, in every language', () => {
    expect(dictionaryProblems(dictionaries)).toEqual([]);
  });

  it('fails on a missing message', () => {
    const { 'survey.title': _missing, ...withoutTitle } = dictionaries.vi;
    expect(dictionaryProblems({ ...dictionaries, vi: withoutTitle })).toEqual(['vi lacks survey.title']);
  });

  it('has the operator’s settings screen in Japanese and English', () => {
    expect(dictionaryProblems(operatorDictionaries)).toEqual([]);
  });
});
