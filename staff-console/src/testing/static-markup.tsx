import type { StaffLanguage } from '@madoguchi/shared';
import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nProvider } from '../i18n/i18n.ts';

/** An element's attributes, as written in static markup. */
export type Attributes = Record<string, string>;

/**
 * Renders a screen once, as a server would, in the console's language. Effects do not run (no
 * track is bound to an element): what is read is which elements exist and what they say.
 */
export function renderMarkup(node: ReactNode, language: StaffLanguage = 'ja'): string {
  return renderToStaticMarkup(<I18nProvider language={language}>{node}</I18nProvider>);
}

const attributesOf = (tag: string): Attributes =>
  Object.fromEntries([...tag.matchAll(/([a-zA-Z-]+)="([^"]*)"/g)].map(([, name, value]) => [name!, value!]));

/** Every opening tag in the markup, in document order, with its attributes. */
export function openingTags(markup: string): { tag: string; attributes: Attributes }[] {
  return [...markup.matchAll(/<([a-z]+)\b[^>]*>/g)].map(([whole, tag]) => ({
    tag: tag!,
    attributes: attributesOf(whole),
  }));
}

/** The attributes of every element with this test id. */
export function byTestId(markup: string, testId: string): Attributes[] {
  return openingTags(markup)
    .map(({ attributes }) => attributes)
    .filter((attributes) => attributes['data-testid'] === testId);
}
