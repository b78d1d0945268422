import { createContext, useContext, useMemo, type ReactNode } from 'react';
import type { Language } from '../../consultation.ts';
import type { ErrorCode } from '../../errors.ts';

export type MessageParams = Record<string, string | number>;
export type Translate<K extends string> = (key: K, params?: MessageParams) => string;

export interface I18n<K extends string> {
  language: Language;
  t: Translate<K>;
}

/** The messages an error can be shown as; the code-based ones mirror the wire contract one to one. */
export type ErrorMessageKey = `error.${ErrorCode}` | 'error.media-devices' | 'error.unknown';

/** The keys the shared components read: every app's dictionaries must have them. */
export type UiMessageKey =
  'language.label' | `language.${Language}` | 'connection.lost' | 'error.dismiss' | ErrorMessageKey;

export type Dictionaries<K extends string> = Readonly<Record<Language, Readonly<Record<K, string>>>>;

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
 * The provider and hook for one app's typed dictionaries. The language is a prop: who owns it
 * (the kiosk's controller, the console's screen) is the app's business.
 */
export function createI18n<K extends string>(
  dictionaries: Dictionaries<K> & Dictionaries<UiMessageKey>,
): {
  I18nProvider: (props: { language: Language; children: ReactNode }) => ReactNode;
  useI18n: () => I18n<K>;
} {
  function I18nProvider({ language, children }: { language: Language; children: ReactNode }) {
    const value = useMemo<I18n<K>>(
      () => ({ language, t: (key, params) => format(dictionaries[language][key], params) }),
      [language],
    );
    return <I18nContext value={value as I18n<string>}>{children}</I18nContext>;
  }
  return { I18nProvider, useI18n: useAnyI18n };
}
