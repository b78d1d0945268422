import type { Language } from '../../consultation.ts';
import { languageAutonyms, languageTag, useUiI18n } from './i18n.tsx';

export interface LanguageToggleProps<L extends Language> {
  /** The app's languages, in the order shown. */
  languages: readonly L[];
  onChange: (language: L) => void;
}

/** One button per language, each labelled in its own language. */
export function LanguageToggle<L extends Language>({ languages, onChange }: LanguageToggleProps<L>) {
  const { language, t } = useUiI18n();
  return (
    <div className="language-toggle" role="group" aria-label={t('language.label')}>
      {languages.map((option) => (
        <button
          key={option}
          type="button"
          lang={languageTag(option)}
          className="button button--toggle"
          data-testid={`language-${option}`}
          aria-pressed={language === option}
          onClick={() => onChange(option)}
        >
          {languageAutonyms[option]}
        </button>
      ))}
    </div>
  );
}
