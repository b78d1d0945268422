import type { Procedure } from '@madoguchi/shared';
import type { Offer } from '../offer.ts';
import { useI18n } from '../../../i18n/i18n.ts';
import { procedureName } from '../../../lib/procedure-name.ts';
import { useCountdown } from '../hooks/use-countdown.ts';

interface OfferPanelProps {
  offer: Offer;
  procedures: readonly Procedure[] | null;
  isAnswering: boolean;
  onAccept: () => void;
  onDecline: () => void;
}

export function OfferPanel({ offer, procedures, isAnswering, onAccept, onDecline }: OfferPanelProps) {
  const { language, t } = useI18n();
  const secondsLeft = useCountdown(offer.expiresAt);
  const name = procedureName(procedures, offer.procedureId, language);
  return (
    <section
      className="card offer-panel"
      data-testid="offer-panel"
      role="alertdialog"
      aria-labelledby="offer-title"
    >
      <h2 className="card__title" id="offer-title">
        {t('offer.title')}
      </h2>
      <dl className="offer-panel__details">
        <dt>{t('offer.procedure')}</dt>
        <dd data-testid="offer-procedure">{name}</dd>
        <dt>{t('offer.kiosk')}</dt>
        <dd data-testid="offer-kiosk">{offer.kioskId}</dd>
        <dt>{t('offer.language')}</dt>
        <dd data-testid="offer-language" data-language={offer.language}>
          {t(`language-name.${offer.language}`)}
        </dd>
      </dl>
      {offer.transfer && (
        <div className="offer-panel__transfer" data-testid="offer-transfer">
          <p>
            {t('offer.transfer', {
              from: procedureName(procedures, offer.transfer.fromProcedureId, language),
              to: name,
            })}
          </p>
          <p data-testid="offer-transfer-note">
            {offer.transfer.note === ''
              ? t('offer.transfer-by', { name: offer.transfer.byName })
              : t('offer.transfer-note', { name: offer.transfer.byName, note: offer.transfer.note })}
          </p>
        </div>
      )}
      <p className="offer-panel__countdown" data-testid="offer-countdown" aria-live="off">
        {t('offer.expires-in', { seconds: secondsLeft })}
      </p>
      <div className="actions">
        <button
          type="button"
          className="button button--secondary"
          data-testid="decline-button"
          disabled={isAnswering}
          onClick={onDecline}
        >
          {t('offer.decline')}
        </button>
        <button
          type="button"
          className="button button--call"
          data-testid="accept-button"
          disabled={isAnswering}
          onClick={onAccept}
        >
          {t('offer.accept')}
        </button>
      </div>
    </section>
  );
}
