import type { ConsultationId } from '@madoguchi/shared';
import { describe, expect, it } from 'vitest';
import { en, ja } from '../../../i18n/messages.ts';
import { byTestId, renderMarkup } from '../../../testing/static-markup.tsx';
import { CallEndNoticePanel } from './call-end-notice.tsx';

const notice = { consultationId: 'c' as ConsultationId, reason: 'media-failure' } as const;

describe('CallEndNoticePanel', () => {
  it('tells the clerk in words that the call ended because its media could not be recovered', () => {
    const markup = renderMarkup(<CallEndNoticePanel notice={notice} onDismiss={() => {}} />);
    expect(byTestId(markup, 'call-end-notice')).toEqual([
      expect.objectContaining({ role: 'alert', 'data-reason': 'media-failure' }),
    ]);
    expect(markup).toContain(ja['call.ended-media-failure']);
    expect(renderMarkup(<CallEndNoticePanel notice={notice} onDismiss={() => {}} />, 'en')).toContain(
      en['call.ended-media-failure'],
    );
  });
});
