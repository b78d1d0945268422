import { describe, expect, it } from 'vitest';
import { en, ja } from '../../../i18n/messages.ts';
import { byTestId, renderMarkup } from '../../../testing/static-markup.tsx';
import { StatusBar } from './status-bar.tsx';

const render = (role: 'clerk' | 'supervisor', isPreparingMedia: boolean, language: 'ja' | 'en' = 'ja') =>
  renderMarkup(
    <StatusBar
      role={role}
      status={role === 'clerk' ? 'available' : null}
      reason={null}
      until={null}
      isPreparingMedia={isPreparingMedia}
      onSetStatus={() => {}}
      onLanguageChange={() => {}}
    />,
    language,
  );

describe('StatusBar', () => {
  it('warns a clerk whose desk has no working media that no call comes until it has', () => {
    const markup = render('clerk', true);
    expect(byTestId(markup, 'media-preparing')).toEqual([expect.objectContaining({ role: 'status' })]);
    expect(markup).toContain(ja['status.media-preparing']);
    expect(render('clerk', true, 'en')).toContain(en['status.media-preparing']);
  });

  it('says nothing of media once it works, nor to other roles', () => {
    expect(byTestId(render('clerk', false), 'media-preparing')).toEqual([]);
    expect(byTestId(render('supervisor', true), 'media-preparing')).toEqual([]);
  });
});
