import {
  awayReasonSchema,
  staffLanguageSchema,
  type AwayReason,
  type CommandRequest,
  type StaffLanguage,
  type StaffRole,
  type StaffStatus,
} from '@madoguchi/shared';
import { useState, type ReactNode } from 'react';
import { LanguageToggle } from '@madoguchi/shared/client/ui';
import { useI18n } from '../../../i18n/i18n.ts';
import { statusText } from '../../../i18n/status-text.ts';
import { formatDuration } from '../../../lib/time.ts';
import { useNow } from '../../../lib/use-now.ts';

interface StatusBarProps {
  /** Who is signed in; only clerks have a status to show and change. */
  role: StaffRole | null;
  status: StaffStatus | null;
  /** Why the clerk is away, as the server words it. */
  reason: string | null;
  /** When wrap-up ends by itself. */
  until: string | null;
  /**
   * A clerk's desk has no working media yet (or lost it): the server offers them no call until it
   * has, and they should know why.
   */
  isPreparingMedia: boolean;
  onSetStatus: (request: CommandRequest<'staff:set-status'>) => void;
  onLanguageChange: (language: StaffLanguage) => void;
  /** The signed-in person's menu, at the end of the bar. */
  userMenu?: ReactNode;
}

// During an offer or a call the server owns the status; the clerk changes it between calls, and
// may end wrap-up early.
const changeableStatuses: readonly StaffStatus[] = [
  'offline',
  'available',
  'away',
  'wrap-up',
  'not-responding',
];

export function StatusBar({
  role,
  status,
  reason,
  until,
  isPreparingMedia,
  onSetStatus,
  onLanguageChange,
  userMenu,
}: StatusBarProps) {
  const { t } = useI18n();
  return (
    <header className="status-bar" data-testid="status-bar">
      <h1 className="status-bar__title">{t('app.title')}</h1>
      {role === 'clerk' && (
        <ClerkStatus
          status={status}
          reason={reason}
          until={until}
          isPreparingMedia={isPreparingMedia}
          onSetStatus={onSetStatus}
        />
      )}
      <LanguageToggle languages={staffLanguageSchema.options} onChange={onLanguageChange} />
      {userMenu}
    </header>
  );
}

function ClerkStatus({
  status,
  reason,
  until,
  isPreparingMedia,
  onSetStatus,
}: Omit<StatusBarProps, 'role' | 'onLanguageChange' | 'userMenu'>) {
  const { t } = useI18n();
  const [awayReason, setAwayReason] = useState<AwayReason>('break');
  const canChange = status !== null && changeableStatuses.includes(status);
  return (
    <>
      <span className="status-bar__status">
        {t('status.label')}:{' '}
        <span
          className={`status status--${status ?? 'offline'}`}
          data-testid="staff-status"
          data-status={status ?? ''}
        >
          {statusText(status ?? 'offline', reason, t)}
        </span>
        {status === 'wrap-up' && until && <StatusCountdown until={until} />}
      </span>
      {isPreparingMedia && (
        <span className="status-bar__prompt" role="status" data-testid="media-preparing">
          {t('status.media-preparing')}
        </span>
      )}
      {status === 'not-responding' && (
        <span className="status-bar__prompt" role="alert" data-testid="status-prompt">
          {t('status.not-responding-prompt')}
        </span>
      )}
      <div className="status-bar__actions">
        <button
          type="button"
          className="button button--small"
          data-testid="status-available"
          aria-pressed={status === 'available'}
          disabled={!canChange}
          onClick={() => onSetStatus({ status: 'available' })}
        >
          {t('status.set-available')}
        </button>
        <select
          className="status-bar__select"
          data-testid="status-away-reason"
          aria-label={t('status.away-reason')}
          value={awayReason}
          disabled={!canChange}
          onChange={(event) => setAwayReason(awayReasonSchema.parse(event.target.value))}
        >
          {awayReasonSchema.options.map((option) => (
            <option key={option} value={option}>
              {t(`away-reason.${option}`)}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="button button--small button--secondary"
          data-testid="status-away"
          aria-pressed={status === 'away'}
          disabled={!canChange}
          onClick={() => onSetStatus({ status: 'away', reason: awayReason })}
        >
          {t('status.set-away')}
        </button>
      </div>
    </>
  );
}

/** Time left in wrap-up, by this machine's clock; the server ends it, this only counts down. */
function StatusCountdown({ until }: { until: string }) {
  const { t } = useI18n();
  const left = formatDuration(Date.parse(until) - useNow(500));
  return (
    <span className="status-bar__until" data-testid="status-until" aria-live="off">
      {t('status.until', { time: left })}
    </span>
  );
}
