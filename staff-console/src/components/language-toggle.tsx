import type { Language } from '@madoguchi/shared';
import { useI18n } from '../i18n/i18n.tsx';

const languages: readonly Language[] = ['ja', 'en'];

export function LanguageToggle({ onChange }: { onChange: (language: Language) => void }) {
  const { language, t } = useI18n();
  return (
    <div className="language-toggle" role="group" aria-label={t('language.label')}>
      {languages.map((option) => (
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
