import type { Procedure, ProcedureId } from '@madoguchi/shared';
import type { ProceduresState } from '@madoguchi/shared/client/ui';
import { useI18n } from '../../../i18n/i18n.ts';
import { BackButton } from '../../shell/components/back-button.tsx';

interface IdleScreenProps {
  procedures: ProceduresState;
  onSelect: (procedureId: ProcedureId) => void;
  onBack: () => void;
}

/** The procedures the window handles, as big buttons in the resident's language. */
export function IdleScreen({ procedures, onSelect, onBack }: IdleScreenProps) {
  const { t } = useI18n();
  return (
    <section className="screen idle-screen" data-testid="idle-screen">
      <h1 className="title">{t('idle.lead')}</h1>
      <ProcedureList procedures={procedures} onSelect={onSelect} />
      <div className="actions actions--start">
        <BackButton onBack={onBack} />
      </div>
    </section>
  );
}

function ProcedureList({ procedures, onSelect }: Pick<IdleScreenProps, 'procedures' | 'onSelect'>) {
  const { language, t } = useI18n();
  if (!procedures.procedures) {
    return (
      <p className="notice" role="status">
        {procedures.error ? t('error.procedures') : t('idle.loading')}
      </p>
    );
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
