import type { Procedure } from '@madoguchi/shared';
import { useId } from 'react';
import type { Invitation } from '../invitation.ts';
import { useI18n } from '../../../i18n/i18n.ts';
import { procedureName } from '../../../lib/procedure-name.ts';

interface InvitationPanelProps {
  invitation: Invitation;
  procedures: readonly Procedure[] | null;
  isJoining: boolean;
  onJoin: () => void;
  onDecline: () => void;
}

/** A colleague asks this clerk into their running call (the clerk is held out of the queue meanwhile). */
export function InvitationPanel({
  invitation,
  procedures,
  isJoining,
  onJoin,
  onDecline,
}: InvitationPanelProps) {
  const { language, t } = useI18n();
  const id = useId();
  return (
    <section
      className="card offer-panel"
      data-testid="invitation-panel"
      role="alertdialog"
      aria-labelledby={`${id}-title`}
    >
      <h2 className="card__title" id={`${id}-title`}>
        {t('invitation.title', { name: invitation.invitedBy })}
      </h2>
      <dl className="offer-panel__details">
        <dt>{t('invitation.by')}</dt>
        <dd data-testid="invitation-by">{invitation.invitedBy}</dd>
        <dt>{t('offer.procedure')}</dt>
        <dd data-testid="invitation-procedure">
          {procedureName(procedures, invitation.procedureId, language)}
        </dd>
        <dt>{t('offer.kiosk')}</dt>
        <dd data-testid="invitation-kiosk">{invitation.kioskId}</dd>
        <dt>{t('offer.language')}</dt>
        <dd data-testid="invitation-language" data-language={invitation.language}>
          {t(`language-name.${invitation.language}`)}
        </dd>
        {invitation.note !== '' && (
          <>
            <dt>{t('invitation.note')}</dt>
            <dd data-testid="invitation-note">{invitation.note}</dd>
          </>
        )}
      </dl>
      <div className="actions">
        <button
          type="button"
          className="button button--secondary"
          data-testid="invitation-decline"
          disabled={isJoining}
          onClick={onDecline}
        >
          {t('invitation.decline')}
        </button>
        <button
          type="button"
          className="button button--call"
          data-testid="invitation-join"
          disabled={isJoining}
          onClick={onJoin}
        >
          {t('invitation.join')}
        </button>
      </div>
    </section>
  );
}
