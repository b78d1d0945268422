import { MAX_RETENTION_DAYS } from '@madoguchi/shared/catalog';
import { useI18n } from '../../../i18n/i18n.ts';
import type { CatalogSectionProps } from './catalog-section.ts';
import { CheckboxField, ListIssues, NamesFields, NumberField, TextField } from './catalog-fields.tsx';

/** Starting values when an administrator first sets the periods here (the usual server settings). */
const suggested = { captureDays: 30, freeTextDays: 365 };

/** The municipality, headquarters' name, and how long personal details are kept. */
export function CatalogGeneral(props: CatalogSectionProps) {
  const { t } = useI18n();
  const { draft, issues, onEdit } = props;
  return (
    <>
      <section
        className="card catalog__section"
        aria-labelledby="catalog-general-title"
        data-testid="catalog-general"
      >
        <h2 className="card__title" id="catalog-general-title">
          {t('catalog.section.municipality')}
        </h2>
        <TextField
          label={t('catalog.municipality-code')}
          hint={t('catalog.municipality-code-hint')}
          value={draft.municipality.code}
          onChange={(code) => onEdit((copy) => void (copy.municipality.code = code))}
          issues={issues}
          path="municipality.code"
          testId="catalog-municipality-code"
        />
        <NamesFields
          names={draft.municipality.name}
          onChange={(name) => onEdit((copy) => void (copy.municipality.name = name))}
          issues={issues}
          path="municipality.name"
          testId="catalog-municipality-name"
        />
        <h3 className="admin__subtitle">{t('catalog.headquarters')}</h3>
        <NamesFields
          names={draft.headquarters.name}
          onChange={(name) => onEdit((copy) => void (copy.headquarters.name = name))}
          issues={issues}
          path="headquarters.name"
          testId="catalog-headquarters-name"
        />
      </section>
      <CatalogRetention {...props} />
    </>
  );
}

/** How long stills and signatures, and comments and notes, are kept; else the server's settings. */
function CatalogRetention({ draft, issues, onEdit }: CatalogSectionProps) {
  const { t } = useI18n();
  const { retention } = draft;
  return (
    <section
      className="card catalog__section"
      aria-labelledby="catalog-retention-title"
      data-testid="catalog-retention"
    >
      <h2 className="card__title" id="catalog-retention-title">
        {t('catalog.section.retention')}
      </h2>
      <p className="notice">{t('catalog.retention-lead')}</p>
      <ListIssues issues={issues} path="retention" />
      <CheckboxField
        label={t('catalog.retention-custom')}
        checked={retention !== undefined}
        onChange={(isCustom) =>
          onEdit((copy) => {
            if (isCustom) copy.retention = { ...suggested };
            else delete copy.retention;
          })
        }
        testId="catalog-retention-custom"
      />
      {retention ? (
        <div className="catalog__inline">
          <NumberField
            label={t('catalog.retention-capture')}
            hint={t('catalog.retention-days-hint', { max: MAX_RETENTION_DAYS })}
            value={retention.captureDays}
            min={1}
            max={MAX_RETENTION_DAYS}
            onChange={(days) => onEdit((copy) => void (copy.retention!.captureDays = days))}
            issues={issues}
            path="retention.captureDays"
            testId="catalog-retention-capture"
          />
          <NumberField
            label={t('catalog.retention-free-text')}
            hint={t('catalog.retention-days-hint', { max: MAX_RETENTION_DAYS })}
            value={retention.freeTextDays}
            min={1}
            max={MAX_RETENTION_DAYS}
            onChange={(days) => onEdit((copy) => void (copy.retention!.freeTextDays = days))}
            issues={issues}
            path="retention.freeTextDays"
            testId="catalog-retention-free-text"
          />
        </div>
      ) : (
        <p data-testid="catalog-retention-default">{t('catalog.retention-default')}</p>
      )}
    </section>
  );
}
