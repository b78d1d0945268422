import type { Language } from '@madoguchi/shared';
import { languageSchema } from '@madoguchi/shared';
import { languageAutonyms, languageTag } from '@madoguchi/shared/client/ui';
import { useI18n } from '../../../i18n/i18n.ts';
import { BackButton } from '../../shell/components/back-button.tsx';

interface LanguageScreenProps {
  onChoose: (language: Language) => void;
  onBack: () => void;
}

/** Six big buttons, each language written in itself, so every reader finds their own. */
export function LanguageScreen({ onChoose, onBack }: LanguageScreenProps) {
  const { language, t } = useI18n();
  return (
    <section className="screen language-screen" data-testid="language-screen">
      <h1 className="title">{t('language-screen.title')}</h1>
      <div className="language-grid language-grid--big" role="group" aria-label={t('language.label')}>
        {languageSchema.options.map((option) => (
          <button
            key={option}
            type="button"
            lang={languageTag(option)}
            className="button button--language"
            data-testid={`language-${option}`}
            aria-pressed={language === option}
            onClick={() => onChoose(option)}
          >
            {languageAutonyms[option]}
          </button>
        ))}
      </div>
      <div className="actions actions--start">
        <BackButton onBack={onBack} />
      </div>
    </section>
  );
}
