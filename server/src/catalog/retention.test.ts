import { describe, expect, it } from 'vitest';
import { retentionOf } from './retention.ts';
import { tamaCatalog } from './seed.ts';

describe('retentionOf', () => {
  const defaults = { captureMs: 30 * 86_400_000, freeTextMs: 365 * 86_400_000 };

  it('uses the environment settings when the catalogue has no retention section', () => {
    expect(retentionOf(tamaCatalog(), defaults)).toBe(defaults);
  });

  it('lets the catalogue win when it has one', () => {
    const catalog = { ...tamaCatalog(), retention: { captureDays: 7, freeTextDays: 90 } };
    expect(retentionOf(catalog, defaults)).toEqual({ captureMs: 604_800_000, freeTextMs: 7_776_000_000 });
  });
});
