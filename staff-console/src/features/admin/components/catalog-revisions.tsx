import { catalogIdLists, type CatalogRevisionSummary } from '@madoguchi/shared/catalog';
import { useI18n } from '../../../i18n/i18n.ts';
import { formatAuditTime } from '../audit-log.ts';

/** Who saved which revision when, and what it changed (sections and ids), newest first. */
export function CatalogRevisions({ revisions }: { revisions: readonly CatalogRevisionSummary[] | null }) {
  const { t } = useI18n();
  return (
    <section
      className="card catalog__section"
      aria-labelledby="catalog-revisions-title"
      data-testid="catalog-revisions"
    >
      <h2 className="card__title" id="catalog-revisions-title">
        {t('catalog.section.revisions')}
      </h2>
      {revisions === null ? (
        <p className="notice">{t('admin.loading')}</p>
      ) : (
        <table className="table" data-testid="catalog-revision-table">
          <thead>
            <tr>
              <th scope="col">{t('catalog.revision')}</th>
              <th scope="col">{t('catalog.saved-at')}</th>
              <th scope="col">{t('catalog.saved-by')}</th>
              <th scope="col">{t('catalog.changes')}</th>
            </tr>
          </thead>
          <tbody>
            {revisions.map((revision) => (
              <tr
                key={revision.revision}
                data-testid="catalog-revision-row"
                data-revision={revision.revision}
              >
                <th scope="row">{revision.revision}</th>
                <td>
                  <time dateTime={revision.savedAt}>{formatAuditTime(revision.savedAt)}</time>
                </td>
                <td>{revision.savedBy === 'system' ? t('catalog.saved-by-system') : revision.savedBy}</td>
                <td>
                  <RevisionChanges changes={revision.changes} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function RevisionChanges({ changes }: { changes: CatalogRevisionSummary['changes'] }) {
  const { t } = useI18n();
  if (changes.sections.length === 0) return <>{t('catalog.no-changes')}</>;
  return (
    <ul className="catalog__changes">
      <li>
        {changes.sections.map((section) => t(`catalog.section.${section}`)).join(t('catalog.separator'))}
      </li>
      {catalogIdLists.map((list) => {
        const ids = changes.ids[list];
        if (!ids) return null;
        const parts = [
          ...ids.added.map((id) => `+${id}`),
          ...ids.removed.map((id) => `−${id}`),
          ...ids.changed.map((id) => `~${id}`),
        ];
        return (
          <li key={list} data-testid={`catalog-revision-ids-${list}`}>
            {t(`catalog.list.${list}`)}: {parts.join(' ')}
          </li>
        );
      })}
    </ul>
  );
}
