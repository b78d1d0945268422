import { useUiI18n } from './i18n.tsx';

/** Shown while the socket is down; socket.io reconnects by itself. */
export function ConnectionBanner() {
  const { t } = useUiI18n();
  return (
    <div className="connection-banner" role="status" data-testid="connection-banner">
      {t('connection.lost')}
    </div>
  );
}
