import { languageSchema, type Language } from '../../consultation.ts';
import { useUiI18n } from './i18n.tsx';

/** One button per language, each labelled in its own language. */
export function LanguageToggle({ onChange }: { onChange: (language: Language) => void }) {
  const { language, t } = useUiI18n();
  return (
    <div className="language-toggle" role="group" aria-label={t('language.label')}>
      {languageSchema.options.map((option) => (
        <button
          key={option}
          type="button"
          lang={option}
          className="button button--toggle"
          data-testid={`language-${option}`}
          aria-pressed={language === option}
          onClick={() => onChange(option)}
        >
          {t(`language.${option}`)}
        </button>
      ))}
    </div>
  );
}
