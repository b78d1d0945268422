import { createContext, useContext, useMemo, type ReactNode } from 'react';
import type { Language } from '../../consultation.ts';
import type { ErrorCode } from '../../errors.ts';

export type MessageParams = Record<string, string | number>;
export type Translate<K extends string> = (key: K, params?: MessageParams) => string;

/** One app's translations in one language. `L` is the app's own language set. */
export interface I18n<K extends string, L extends string = string> {
  language: L;
  t: Translate<K>;
}

/** The messages an error can be shown as; the code-based ones mirror the wire contract one to one. */
export type ErrorMessageKey = `error.${ErrorCode}` | 'error.media-devices' | 'error.unknown';

/** The keys the shared components read: every app's dictionaries must have them. */
export type UiMessageKey =
  | 'language.label'
  | 'connection.lost'
  | 'error.dismiss'
  | ErrorMessageKey
  | `chat.${'title' | 'empty' | 'input-label' | 'send' | 'sending' | 'failed' | 'self' | 'peer'}`;

export type Dictionaries<L extends string, K extends string> = Readonly<
  Record<L, Readonly<Record<K, string>>>
>;

/**
 * Every language's name in itself, for language pickers: a reader looks for their own language
 * written the way they read it, whatever the screen's language is.
 */
export const languageAutonyms: Readonly<Record<Language, string>> = {
  ja: '日本語',
  'ja-easy': 'やさしい日本語',
  en: 'English',
  'zh-Hans': '简体中文',
  ko: '한국어',
  vi: 'Tiếng Việt',
};

/**
 * The BCP 47 tag for `lang` attributes, Intl and speech. やさしい日本語 is Japanese to a browser and a
 * screen reader; `ja-easy` is our name for a register, not a tag.
 */
export function languageTag(language: Language): string {
  return language === 'ja-easy' ? 'ja' : language;
}

/** Fills `{name}` placeholders; unknown placeholders are left visible so they get noticed. */
export function format(template: string, params: MessageParams = {}): string {
  return template.replace(/\{(\w+)\}/g, (match, name: string) =>
    name in params ? String(params[name]) : match,
  );
}

// One context for every app: the shared components read it with their own keys, the app with all
// of its keys. `createI18n` only accepts dictionaries that have the shared keys, so both views are
// sound.
const I18nContext = createContext<I18n<string> | null>(null);

function useAnyI18n(): I18n<string> {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error('useI18n() needs an <I18nProvider> above it');
  return i18n;
}

/** For the shared components: the app's translations, seen through the keys they need. */
export const useUiI18n: () => I18n<UiMessageKey> = useAnyI18n;

/**
 * The provider and hook for one app's typed dictionaries, over the app's own languages `L` (the
 * kiosk's six resident languages, the console's two). The language is a prop: who owns it (the
 * kiosk's controller, the console's screen) is the app's business.
 */
export function createI18n<L extends string, K extends string>(
  dictionaries: Dictionaries<L, K> & Dictionaries<L, UiMessageKey>,
): {
  I18nProvider: (props: { language: L; children: ReactNode }) => ReactNode;
  useI18n: () => I18n<K, L>;
} {
  function I18nProvider({ language, children }: { language: L; children: ReactNode }) {
    const value = useMemo<I18n<K, L>>(
      () => ({ language, t: (key, params) => format(dictionaries[language][key], params) }),
      [language],
    );
    return <I18nContext value={value as unknown as I18n<string>}>{children}</I18nContext>;
  }
  return { I18nProvider, useI18n: useAnyI18n as unknown as () => I18n<K, L> };
}
