import { useI18n } from '../i18n/i18n.tsx';

export function ConnectionBanner() {
  const { t } = useI18n();
  return (
    <div className="connection-banner" role="status" data-testid="connection-banner">
      {t('connection.lost')}
    </div>
  );
}
