import { useState } from 'react';
import { useI18n } from '../../../i18n/i18n.ts';
import { formatAuditTime } from '../audit-log.ts';
import { catalogPanes, issueCountsByPane, type CatalogDraft, type CatalogPane } from '../catalog-draft.ts';
import type { CatalogState } from '../catalog-desk.ts';
import { CatalogBooths } from './catalog-booths.tsx';
import { CatalogClerks } from './catalog-clerks.tsx';
import { IssueMessages } from './catalog-fields.tsx';
import { CatalogHours } from './catalog-hours.tsx';
import { CatalogProcedures } from './catalog-procedures.tsx';
import { CatalogGeneral } from './catalog-general.tsx';
import { CatalogRevisions } from './catalog-revisions.tsx';
import { CatalogSkills } from './catalog-skills.tsx';

export interface CatalogActions {
  edit: (change: (draft: CatalogDraft) => void) => void;
  save: () => void;
  discard: () => void;
  reload: () => void;
}

/**
 * The catalogue editor: one pane per part, problems shown beside each field as they are typed, one
 * save for the whole catalogue against the revision it was edited from.
 */
export default function CatalogScreen({
  catalog,
  actions,
}: {
  catalog: CatalogState;
  actions: CatalogActions;
}) {
  const { t } = useI18n();
  const [pane, setPane] = useState<CatalogPane>('procedures');
  const { draft, base, issues } = catalog;
  if (!draft || !base) {
    return (
      <main className="screen admin-screen" data-testid="catalog-screen">
        <p className="notice">{t('admin.loading')}</p>
      </main>
    );
  }
  // A refusal's issues (in use, or rules the server saw first) are shown where the draft's are.
  const shown = [...issues, ...(catalog.refusal?.issues ?? [])];
  const counts = issueCountsByPane(shown);
  const section = { draft, issues: shown, onEdit: actions.edit };
  return (
    <main className="screen admin-screen catalog" data-testid="catalog-screen">
      <div className="card catalog__bar" role="region" aria-label={t('catalog.bar-label')}>
        <p className="catalog__revision" data-testid="catalog-revision" data-revision={base.revision}>
          {t('catalog.revision-line', {
            revision: base.revision,
            at: formatAuditTime(base.savedAt),
            by: base.savedBy === 'system' ? t('catalog.saved-by-system') : base.savedBy,
          })}
        </p>
        <p className="catalog__state" role="status" data-testid="catalog-state">
          {issues.length > 0
            ? t('catalog.state-problems', { count: issues.length })
            : catalog.hasChanges
              ? t('catalog.state-unsaved')
              : catalog.savedRevision !== null
                ? t('catalog.state-saved', { revision: catalog.savedRevision })
                : t('catalog.state-clean')}
        </p>
        <div className="catalog__actions">
          <button
            type="button"
            className="button button--small button--secondary"
            data-testid="catalog-reload"
            disabled={catalog.isLoading || catalog.isSaving}
            onClick={actions.reload}
          >
            {t('catalog.reload')}
          </button>
          <button
            type="button"
            className="button button--small button--secondary"
            data-testid="catalog-discard"
            disabled={!catalog.hasChanges || catalog.isSaving}
            onClick={actions.discard}
          >
            {t('catalog.discard')}
          </button>
          <button
            type="button"
            className="button button--small button--primary"
            data-testid="catalog-save"
            disabled={!catalog.hasChanges || issues.length > 0 || catalog.isSaving}
            onClick={actions.save}
          >
            {catalog.isSaving ? t('catalog.saving') : t('catalog.save')}
          </button>
        </div>
        {catalog.refusal && (
          <div
            className="form__problem catalog__refusal"
            role="alert"
            data-testid="catalog-refusal"
            data-code={catalog.refusal.code}
          >
            <p>{t(`error.${catalog.refusal.code}`)}</p>
            {catalog.refusal.issues.length > 0 && (
              <ul>
                {catalog.refusal.issues.map((issue, index) => (
                  <li key={index}>
                    <code>{issue.path || '—'}</code> <IssueMessages issues={[issue]} />
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
      </div>
      <nav className="tabs catalog__tabs" role="tablist" aria-label={t('catalog.panes-label')}>
        {catalogPanes.map((id) => {
          const count = counts[id];
          return (
            <button
              key={id}
              type="button"
              role="tab"
              className="tabs__tab"
              data-testid={`catalog-pane-${id}`}
              aria-selected={pane === id}
              aria-controls="catalog-pane"
              onClick={() => setPane(id)}
            >
              {t(`catalog.pane.${id}`)}
              {count > 0 && (
                <span className="catalog__badge" aria-label={t('catalog.pane-problems', { count })}>
                  {count}
                </span>
              )}
            </button>
          );
        })}
      </nav>
      <div id="catalog-pane" role="tabpanel" className="catalog__pane">
        {pane === 'procedures' && <CatalogProcedures {...section} />}
        {pane === 'skills' && <CatalogSkills {...section} />}
        {pane === 'clerks' && <CatalogClerks {...section} />}
        {pane === 'booths' && <CatalogBooths {...section} />}
        {pane === 'hours' && <CatalogHours {...section} />}
        {pane === 'general' && <CatalogGeneral {...section} />}
        {pane === 'revisions' && <CatalogRevisions revisions={catalog.revisions} />}
      </div>
    </main>
  );
}
