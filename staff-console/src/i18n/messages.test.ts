import { awayReasonSchema, staffStatusSchema } from '@madoguchi/shared';
import { dictionaryProblems } from '@madoguchi/shared/client/testing';
import { describe, expect, it } from 'vitest';
import { dictionaries, en, ja } from './messages.ts';

describe('messages', () => {
  it('has every message, with the same placeholders, in every language', () => {
    expect(dictionaryProblems(dictionaries)).toEqual([]);
  });

  it('has a message for every staff status', () => {
    for (const status of staffStatusSchema.options) {
      expect(ja).toHaveProperty([`status.${status}`]);
      expect(en).toHaveProperty([`status.${status}`]);
    }
  });

  it('has a message for every away reason', () => {
    for (const reason of awayReasonSchema.options) {
      expect(ja).toHaveProperty([`away-reason.${reason}`]);
      expect(en).toHaveProperty([`away-reason.${reason}`]);
    }
  });
});
