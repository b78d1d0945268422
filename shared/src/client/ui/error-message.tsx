import { errorMessageKey } from './error-message-key.ts';
import { useUiI18n } from './i18n.tsx';

/** The one place an error reaches the screen: translated by code, never the raw text or stack. */
export function ErrorMessage({ error, onDismiss }: { error: unknown; onDismiss: () => void }) {
  const { t } = useUiI18n();
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
