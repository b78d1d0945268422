import { awayReasonSchema, errorCodes, staffStatusSchema } from '@madoguchi/shared';
import { describe, expect, it } from 'vitest';
import { dictionaries, en, format, ja } from './messages.ts';

describe('messages', () => {
  it('has the same keys in every language', () => {
    const expected = Object.keys(ja).sort();
    for (const messages of Object.values(dictionaries)) {
      expect(Object.keys(messages).sort()).toEqual(expected);
    }
  });

  it('has no empty message', () => {
    for (const [language, messages] of Object.entries(dictionaries)) {
      for (const [key, text] of Object.entries(messages)) {
        expect(text.trim(), `${language} ${key}`).not.toBe('');
      }
    }
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

  it('has a message for every error code of the contract', () => {
    for (const code of errorCodes) {
      expect(ja).toHaveProperty([`error.${code}`]);
      expect(en).toHaveProperty([`error.${code}`]);
    }
  });

  it('uses the same placeholders in every language', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
    for (const key of Object.keys(ja) as (keyof typeof ja)[]) {
      expect(placeholders(en[key]), key).toEqual(placeholders(ja[key]));
    }
  });

  it('fills placeholders', () => {
    expect(format('{name}({staffId})', { name: '田中', staffId: 'tanaka' })).toBe('田中(tanaka)');
    expect(format('{missing}')).toBe('{missing}');
  });
});
