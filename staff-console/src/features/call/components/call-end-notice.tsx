import { useI18n } from '../../../i18n/i18n.ts';
import type { CallEndNotice } from '../call-end.ts';

/** Tells the clerk, back at the idle screen, why the call ended without them ending it. */
export function CallEndNoticePanel({ notice, onDismiss }: { notice: CallEndNotice; onDismiss: () => void }) {
  const { t } = useI18n();
  return (
    <section
      className="card call-end-notice"
      role="alert"
      data-testid="call-end-notice"
      data-reason={notice.reason}
    >
      <p>{t(`call.ended-${notice.reason}`)}</p>
      <button type="button" className="button button--small button--secondary" onClick={onDismiss}>
        {t('error.dismiss')}
      </button>
    </section>
  );
}
