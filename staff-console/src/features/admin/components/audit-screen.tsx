import { useState } from 'react';
import { useI18n } from '../../../i18n/i18n.ts';
import type { AdminState } from '../admin-desk.ts';
import { filterAuditEntries, formatAuditDetails, formatAuditTime, isKnownAuditAction } from '../audit-log.ts';

interface AuditScreenProps {
  admin: AdminState;
  onRefresh: () => void;
}

/** Who did what to which account or kiosk, newest first, as the server recorded it. */
export function AuditScreen({ admin, onRefresh }: AuditScreenProps) {
  const { t } = useI18n();
  const [query, setQuery] = useState('');
  const describeAction = (action: string) =>
    isKnownAuditAction(action) ? t(`admin.audit-action.${action}`) : action;
  // A few hundred rows at most: filtering on every keystroke needs no memo.
  const entries = admin.audit === null ? null : filterAuditEntries(admin.audit, query, describeAction);
  return (
    <main className="screen admin-screen" data-testid="admin-audit">
      <section className="card admin__section">
        <div className="admin__toolbar admin__toolbar--audit">
          <h2 className="card__title">{t('admin.audit-title')}</h2>
          <label className="field admin__filter">
            <span className="field__label">{t('admin.audit-filter')}</span>
            <input
              className="field__input"
              type="search"
              data-testid="admin-audit-filter"
              value={query}
              autoComplete="off"
              spellCheck={false}
              onChange={(event) => setQuery(event.target.value)}
            />
          </label>
          <button
            type="button"
            className="button button--small"
            data-testid="admin-audit-refresh"
            disabled={admin.isLoadingAudit}
            onClick={onRefresh}
          >
            {t('admin.refresh')}
          </button>
        </div>
        {entries === null ? (
          <p className="notice">{t('admin.loading')}</p>
        ) : entries.length === 0 ? (
          <p className="notice" data-testid="admin-audit-empty">
            {admin.audit?.length ? t('admin.audit-no-match') : t('admin.audit-empty')}
          </p>
        ) : (
          <table className="table" data-testid="admin-audit-table">
            <thead>
              <tr>
                <th scope="col">{t('admin.audit-at')}</th>
                <th scope="col">{t('admin.audit-actor')}</th>
                <th scope="col">{t('admin.audit-action')}</th>
                <th scope="col">{t('admin.audit-subject')}</th>
                <th scope="col">{t('admin.audit-details')}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry, index) => (
                // Entries have no id, and two may share a moment, actor and action.
                <tr key={index} data-testid="admin-audit-row" data-action={entry.action}>
                  <td>
                    <time dateTime={entry.at}>{formatAuditTime(entry.at)}</time>
                  </td>
                  <td>{entry.actor}</td>
                  <td>{describeAction(entry.action)}</td>
                  <td>{entry.subject ?? '—'}</td>
                  <td className="audit-details">
                    {formatAuditDetails(entry.details).map((line) => (
                      <div key={line}>{line}</div>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </main>
  );
}
