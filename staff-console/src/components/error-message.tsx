import { errorMessageKey } from '../i18n/error-message.ts';
import { useI18n } from '../i18n/i18n.tsx';

/** The one place an error reaches the screen: translated by code, never the raw text or stack. */
export function ErrorMessage({ error, onDismiss }: { error: unknown; onDismiss: () => void }) {
  const { t } = useI18n();
  if (error === null || error === undefined) return null;
  return (
    <div className="error-message" role="alert" data-testid="error-message">
      <span>{t(errorMessageKey(error))}</span>
      <button type="button" className="button button--small" data-testid="error-dismiss" onClick={onDismiss}>
        {t('error.dismiss')}
      </button>
    </div>
  );
}
