import { useI18n } from '../../../i18n/i18n.ts';
import { Icon } from '../../shell/components/icon.tsx';

/** The end of a visit; the kiosk wipes itself shortly after, or at once with the button. */
export function ThanksScreen({ onDone }: { onDone: () => void }) {
  const { t } = useI18n();
  return (
    <section className="screen thanks-screen" data-testid="thanks-screen">
      <h1 className="title">
        <Icon name="check" className="title__icon" />
        {t('thanks.title')}
      </h1>
      <p className="lead">{t('thanks.lead')}</p>
      <div className="actions">
        <button type="button" className="button" data-testid="thanks-done" onClick={onDone}>
          {t('thanks.done')}
        </button>
      </div>
    </section>
  );
}
