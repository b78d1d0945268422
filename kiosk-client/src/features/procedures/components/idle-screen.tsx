import type { Language, Procedure, ProcedureId } from '@madoguchi/shared';
import { LanguageToggle, type ProceduresState } from '@madoguchi/shared/client/ui';
import { useI18n } from '../../../i18n/i18n.ts';

interface IdleScreenProps {
  procedures: ProceduresState;
  onLanguageChange: (language: Language) => void;
  onSelect: (procedureId: ProcedureId) => void;
  onOpenSettings: () => void;
}

export function IdleScreen({ procedures, onLanguageChange, onSelect, onOpenSettings }: IdleScreenProps) {
  const { t } = useI18n();
  return (
    <main className="screen idle-screen" data-testid="idle-screen">
      <header className="screen__header">
        <h1 className="title">{t('app.title')}</h1>
        <LanguageToggle onChange={onLanguageChange} />
      </header>
      <p className="lead">{t('idle.lead')}</p>
      <ProcedureList procedures={procedures} onSelect={onSelect} />
      <footer className="screen__footer">
        <button
          type="button"
          className="button button--icon"
          data-testid="settings-button"
          aria-label={t('settings.open')}
          title={t('settings.open')}
          onClick={onOpenSettings}
        >
          ⚙
        </button>
      </footer>
    </main>
  );
}

function ProcedureList({ procedures, onSelect }: Pick<IdleScreenProps, 'procedures' | 'onSelect'>) {
  const { language, t } = useI18n();
  if (!procedures.procedures) {
    return <p className="notice">{procedures.error ? t('error.procedures') : t('idle.loading')}</p>;
  }
  if (procedures.procedures.length === 0) return <p className="notice">{t('idle.empty')}</p>;
  return (
    <div className="procedure-list">
      {procedures.procedures.map((procedure: Procedure) => (
        <button
          key={procedure.id}
          type="button"
          className="button button--procedure"
          data-testid={`procedure-${procedure.id}`}
          onClick={() => onSelect(procedure.id)}
        >
          {procedure.name[language]}
        </button>
      ))}
    </div>
  );
}
