import type { Language, StaffStatus } from '@madoguchi/shared';
import { LanguageToggle } from '../../../components/language-toggle.tsx';
import { useI18n } from '../../../i18n/i18n.tsx';

interface StatusBarProps {
  staff: { staffId: string; displayName: string } | null;
  status: StaffStatus | null;
  onSetStatus: (status: 'available' | 'away') => void;
  onLanguageChange: (language: Language) => void;
}

export function StatusBar({ staff, status, onSetStatus, onLanguageChange }: StatusBarProps) {
  const { t } = useI18n();
  // During an offer or a call the server owns the status; the clerk changes it between calls.
  const canChange = status === 'available' || status === 'away' || status === 'offline';
  return (
    <header className="status-bar" data-testid="status-bar">
      <h1 className="status-bar__title">{t('app.title')}</h1>
      {staff && (
        <>
          <span className="status-bar__staff" data-testid="staff-name">
            {t('status.staff', { name: staff.displayName, staffId: staff.staffId })}
          </span>
          <span className="status-bar__status">
            {t('status.label')}:{' '}
            <span
              className={`status status--${status ?? 'offline'}`}
              data-testid="staff-status"
              data-status={status ?? ''}
            >
              {t(`status.${status ?? 'offline'}`)}
            </span>
          </span>
          <div className="status-bar__actions">
            <button
              type="button"
              className="button button--small"
              data-testid="status-available"
              aria-pressed={status === 'available'}
              disabled={!canChange}
              onClick={() => onSetStatus('available')}
            >
              {t('status.set-available')}
            </button>
            <button
              type="button"
              className="button button--small button--secondary"
              data-testid="status-away"
              aria-pressed={status === 'away'}
              disabled={!canChange}
              onClick={() => onSetStatus('away')}
            >
              {t('status.set-away')}
            </button>
          </div>
        </>
      )}
      <LanguageToggle onChange={onLanguageChange} />
    </header>
  );
}
