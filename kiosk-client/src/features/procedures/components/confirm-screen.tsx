import type { Procedure } from '@madoguchi/shared';
import { useI18n } from '../../../i18n/i18n.ts';
import { BackButton } from '../../shell/components/back-button.tsx';
import { Icon } from '../../shell/components/icon.tsx';

interface ConfirmScreenProps {
  procedure: Procedure | undefined;
  /** False while the kiosk is out of service (a device failed since the last check). */
  canCall: boolean;
  onCall: () => void;
  onBack: () => void;
}

export function ConfirmScreen({ procedure, canCall, onCall, onBack }: ConfirmScreenProps) {
  const { language, t } = useI18n();
  return (
    <section className="screen confirm-screen" data-testid="confirm-screen">
      <h1 className="title">{t('confirm.lead')}</h1>
      <p className="procedure-name" data-testid="selected-procedure">
        {procedure?.name[language]}
      </p>
      <div className="actions">
        <BackButton onBack={onBack} />
        <button
          type="button"
          className="button button--call button--huge"
          data-testid="call-button"
          disabled={!canCall}
          onClick={onCall}
        >
          <Icon name="phone" />
          <span>{t('confirm.call')}</span>
        </button>
      </div>
    </section>
  );
}
