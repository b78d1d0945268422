import { dictionaryProblems } from '@madoguchi/shared/client/testing';
import { describe, expect, it } from 'vitest';
import { dictionaries } from './messages.ts';

describe('messages', () => {
  it('has every message, with the same placeholders, in every language', () => {
    expect(dictionaryProblems(dictionaries)).toEqual([]);
  });
});
