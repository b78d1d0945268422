import { useI18n } from '../../../i18n/i18n.ts';
import { Icon } from '../../shell/components/icon.tsx';

/**
 * The call's media could not be recovered. Calm words instead of the survey: what happened, that
 * the resident can call again, and that staff can help (the call-staff button stays on screen).
 * The kiosk wipes itself shortly after, or at once with the button.
 */
export function CallFailedScreen({ onDone }: { onDone: () => void }) {
  const { t } = useI18n();
  return (
    <section className="screen call-failed-screen" data-testid="call-failed-screen">
      <h1 className="title">
        <Icon name="warning" className="title__icon" />
        {t('call-failed.title')}
      </h1>
      <p className="lead">{t('call-failed.lead')}</p>
      <div className="actions">
        <button type="button" className="button" data-testid="call-failed-done" onClick={onDone}>
          {t('call-failed.done')}
        </button>
      </div>
    </section>
  );
}
