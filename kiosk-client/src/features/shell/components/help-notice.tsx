import type { HelpState } from '../help-request.ts';
import { useI18n } from '../../../i18n/i18n.ts';
import { Icon } from './icon.tsx';

const messages = {
  sending: 'help.sending',
  requested: 'help.requested',
  failed: 'help.failed',
} as const;

/** A calm notice after the call-staff button: staff are coming (or could not be called). */
export function HelpNotice({ help, onClose }: { help: HelpState; onClose: () => void }) {
  const { t } = useI18n();
  return (
    <div
      className={`help-notice help-notice--${help}`}
      role={help === 'failed' ? 'alert' : 'status'}
      data-testid="help-notice"
      data-state={help}
    >
      <Icon name={help === 'failed' ? 'warning' : 'help'} className="help-notice__icon" />
      <p className="help-notice__text">{t(messages[help])}</p>
      {help !== 'sending' && (
        <button
          type="button"
          className="button button--secondary"
          data-testid="help-notice-close"
          onClick={onClose}
        >
          {t('help.close')}
        </button>
      )}
    </div>
  );
}
