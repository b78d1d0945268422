import type { Language, Procedure } from '@madoguchi/shared';
import { LanguageToggle } from '@madoguchi/shared/client/ui';
import { useI18n } from '../../../i18n/i18n.ts';

interface ConfirmScreenProps {
  procedure: Procedure | undefined;
  onLanguageChange: (language: Language) => void;
  onCall: () => void;
  onBack: () => void;
}

export function ConfirmScreen({ procedure, onLanguageChange, onCall, onBack }: ConfirmScreenProps) {
  const { language, t } = useI18n();
  return (
    <main className="screen confirm-screen" data-testid="confirm-screen">
      <header className="screen__header">
        <h1 className="title">{t('app.title')}</h1>
        <LanguageToggle onChange={onLanguageChange} />
      </header>
      <p className="lead">{t('confirm.lead')}</p>
      <p className="procedure-name" data-testid="selected-procedure">
        {procedure?.name[language]}
      </p>
      <div className="actions">
        <button type="button" className="button button--secondary" data-testid="back-button" onClick={onBack}>
          {t('confirm.back')}
        </button>
        <button type="button" className="button button--call" data-testid="call-button" onClick={onCall}>
          {t('confirm.call')}
        </button>
      </div>
    </main>
  );
}
