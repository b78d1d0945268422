import { format } from '@madoguchi/shared/client/ui';
import { describe, expect, it } from 'vitest';
import type { Translate } from './i18n.ts';
import { en, ja } from './messages.ts';
import { awayReasonText, statusText } from './status-text.ts';

const tJa: Translate = (key, params) => format(ja[key], params);
const tEn: Translate = (key, params) => format(en[key], params);

describe('statusText', () => {
  it('names every status', () => {
    expect(statusText('wrap-up', null, tJa)).toBe('後処理中');
    expect(statusText('not-responding', null, tEn)).toBe('Not responding');
  });

  it('adds the reason while away', () => {
    expect(statusText('away', 'meeting', tJa)).toBe('離席中(会議)');
    expect(statusText('away', 'break', tEn)).toBe('Away (Break)');
    expect(statusText('away', null, tEn)).toBe('Away');
  });

  it('leaves out a reason left over from another status', () => {
    expect(statusText('available', 'break', tEn)).toBe('Available');
  });
});

describe('awayReasonText', () => {
  it('translates known reasons and shows others as sent', () => {
    expect(awayReasonText('training', tJa)).toBe('研修');
    expect(awayReasonText('lunch with the mayor', tJa)).toBe('lunch with the mayor');
    expect(awayReasonText(null, tJa)).toBeNull();
    expect(awayReasonText('in-consultation', tEn)).toBe('Joined a call');
  });
});
