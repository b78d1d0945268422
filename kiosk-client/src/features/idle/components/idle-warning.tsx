import { useEffect, useId, useState } from 'react';
import { useI18n } from '../../../i18n/i18n.ts';
import { ModalDialog } from '../../shell/components/modal-dialog.tsx';

/** Seconds left until `until`, ticking once a second. */
function useSecondsLeft(until: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(timer);
  }, []);
  return Math.max(0, Math.ceil((until - now) / 1_000));
}

/**
 * Nobody touched the screen for a while: say that it will start over, and when, with one big
 * button to carry on. The countdown is read out only when the dialog opens, not every second.
 */
export function IdleWarning({ until, onExtend }: { until: number; onExtend: () => void }) {
  const { t } = useI18n();
  const seconds = useSecondsLeft(until);
  const titleId = useId();
  const leadId = useId();
  return (
    <ModalDialog
      labelledBy={titleId}
      describedBy={leadId}
      testId="idle-warning"
      role="alertdialog"
      className="idle-warning"
      onCancel={onExtend}
    >
      <h2 id={titleId} className="modal__title">
        {t('idle-warning.title')}
      </h2>
      <p id={leadId} className="lead">
        {t('idle-warning.lead', { seconds })}
      </p>
      <p className="idle-warning__count" data-testid="idle-countdown" aria-hidden="true">
        {seconds}
      </p>
      <div className="actions">
        <button
          type="button"
          className="button button--call"
          data-testid="idle-extend"
          autoFocus
          onClick={onExtend}
        >
          {t('idle-warning.extend')}
        </button>
      </div>
    </ModalDialog>
  );
}
