import { boothSchema } from '@madoguchi/shared/catalog';
import { useI18n } from '../../../i18n/i18n.ts';
import { newBooth } from '../catalog-draft.ts';
import type { CatalogSectionProps } from './catalog-section.ts';
import {
  AddButton,
  ListIssues,
  NamesFields,
  RemoveButton,
  SelectField,
  TextField,
} from './catalog-fields.tsx';

const statuses = boothSchema.shape.status.options;

/** Booths, where they stand, whether they take calls, and their kiosks. Hours are a section of their own. */
export function CatalogBooths({ draft, issues, onEdit }: CatalogSectionProps) {
  const { t, language } = useI18n();
  return (
    <section
      className="card catalog__section"
      aria-labelledby="catalog-booths-title"
      data-testid="catalog-booths"
    >
      <h2 className="card__title" id="catalog-booths-title">
        {t('catalog.section.booths')}
      </h2>
      <ListIssues issues={issues} path="booths" />
      {draft.booths.map((booth, index) => {
        const path = `booths[${index}]`;
        const title = booth.name[language] || booth.id || t('catalog.untitled');
        return (
          <fieldset key={index} className="catalog__row" data-testid={`catalog-booth-${index}`}>
            <legend className="catalog__legend">{title}</legend>
            <TextField
              label={t('catalog.id')}
              hint={t('catalog.id-hint')}
              value={booth.id}
              onChange={(id) => onEdit((copy) => void (copy.booths[index]!.id = id))}
              issues={issues}
              path={`${path}.id`}
              testId={`catalog-booth-${index}-id`}
            />
            <NamesFields
              names={booth.name}
              onChange={(name) => onEdit((copy) => void (copy.booths[index]!.name = name))}
              issues={issues}
              path={`${path}.name`}
              testId={`catalog-booth-${index}-name`}
            />
            <SelectField
              label={t('catalog.booth-status')}
              hint={t('catalog.booth-status-hint')}
              value={booth.status}
              options={statuses.map((status) => ({
                value: status,
                label: t(`catalog.booth-status.${status}`),
              }))}
              onChange={(status) =>
                onEdit(
                  (copy) =>
                    void (copy.booths[index]!.status = boothSchema.shape.status
                      .catch('planned')
                      .parse(status)),
                )
              }
              issues={issues}
              path={`${path}.status`}
              testId={`catalog-booth-${index}-status`}
            />
            <TextField
              label={t('catalog.booth-location')}
              value={booth.location}
              onChange={(location) => onEdit((copy) => void (copy.booths[index]!.location = location))}
              issues={issues}
              path={`${path}.location`}
              testId={`catalog-booth-${index}-location`}
            />
            <fieldset className="catalog__choices">
              <legend className="field__label">{t('catalog.kiosks')}</legend>
              <ListIssues issues={issues} path={`${path}.kiosks`} />
              {booth.kiosks.map((kiosk, k) => (
                <div key={k} className="catalog__inline" data-testid={`catalog-booth-${index}-kiosk-${k}`}>
                  <TextField
                    label={t('catalog.kiosk-id')}
                    value={kiosk.id}
                    onChange={(id) => onEdit((copy) => void (copy.booths[index]!.kiosks[k]!.id = id))}
                    issues={issues}
                    path={`${path}.kiosks[${k}].id`}
                    testId={`catalog-booth-${index}-kiosk-${k}-id`}
                  />
                  <TextField
                    label={t('catalog.kiosk-name')}
                    value={kiosk.name}
                    onChange={(name) => onEdit((copy) => void (copy.booths[index]!.kiosks[k]!.name = name))}
                    issues={issues}
                    path={`${path}.kiosks[${k}].name`}
                    testId={`catalog-booth-${index}-kiosk-${k}-name`}
                  />
                  <RemoveButton
                    label={kiosk.id || t('catalog.untitled')}
                    onRemove={() => onEdit((copy) => void copy.booths[index]!.kiosks.splice(k, 1))}
                    testId={`catalog-booth-${index}-kiosk-${k}-remove`}
                  />
                </div>
              ))}
              <AddButton
                label={t('catalog.add-kiosk')}
                onAdd={() => onEdit((copy) => void copy.booths[index]!.kiosks.push({ id: '', name: '' }))}
                testId={`catalog-booth-${index}-kiosk-add`}
              />
            </fieldset>
            <RemoveButton
              label={title}
              onRemove={() => onEdit((copy) => void copy.booths.splice(index, 1))}
              testId={`catalog-booth-${index}-remove`}
            />
          </fieldset>
        );
      })}
      <AddButton
        label={t('catalog.add-booth')}
        onAdd={() => onEdit((copy) => void copy.booths.push(newBooth(copy)))}
        testId="catalog-booth-add"
      />
    </section>
  );
}
