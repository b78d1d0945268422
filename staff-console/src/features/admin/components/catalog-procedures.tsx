import { useI18n } from '../../../i18n/i18n.ts';
import { newProcedure, type CatalogDraft } from '../catalog-draft.ts';
import type { CatalogSectionProps } from './catalog-section.ts';
import {
  AddButton,
  CheckboxField,
  ListIssues,
  NamesFields,
  NumberField,
  RemoveButton,
  SelectField,
  TextField,
} from './catalog-fields.tsx';

/** What residents can choose at a kiosk, and who is offered each call. */
export function CatalogProcedures({ draft, issues, onEdit }: CatalogSectionProps) {
  const { t, language } = useI18n();
  const skillOptions = draft.skills.map((skill) => ({
    value: skill.id,
    label: `${skill.name[language]} (${skill.id})`,
  }));
  const groupOptions = draft.skillGroups.map((group) => ({
    value: group.id,
    label: `${group.name[language]} (${group.id})`,
  }));
  const edit = (index: number, change: (procedure: CatalogDraft['procedures'][number]) => void) =>
    onEdit((copy) => change(copy.procedures[index]!));
  return (
    <section
      className="card catalog__section"
      aria-labelledby="catalog-procedures-title"
      data-testid="catalog-procedures"
    >
      <h2 className="card__title" id="catalog-procedures-title">
        {t('catalog.section.procedures')}
      </h2>
      <p className="notice">{t('catalog.procedures-lead')}</p>
      <ListIssues issues={issues} path="procedures" />
      {draft.procedures.map((procedure, index) => {
        const path = `procedures[${index}]`;
        const title = procedure.name[language] || procedure.id || t('catalog.untitled');
        return (
          <fieldset key={index} className="catalog__row" data-testid={`catalog-procedure-${index}`}>
            <legend className="catalog__legend">{title}</legend>
            <TextField
              label={t('catalog.id')}
              hint={t('catalog.id-hint')}
              value={procedure.id}
              onChange={(id) => edit(index, (p) => (p.id = id))}
              issues={issues}
              path={`${path}.id`}
              testId={`catalog-procedure-${index}-id`}
            />
            <NamesFields
              names={procedure.name}
              onChange={(name) => edit(index, (p) => (p.name = name))}
              issues={issues}
              path={`${path}.name`}
              testId={`catalog-procedure-${index}-name`}
            />
            <SelectField
              label={t('catalog.required-skill')}
              value={procedure.requiredSkill}
              options={skillOptions}
              onChange={(skill) => edit(index, (p) => (p.requiredSkill = skill))}
              issues={issues}
              path={`${path}.requiredSkill`}
              testId={`catalog-procedure-${index}-skill`}
            />
            <NumberField
              label={t('catalog.typical-minutes')}
              hint={t('catalog.typical-minutes-hint')}
              value={procedure.typicalHandlingMinutes}
              min={1}
              max={240}
              onChange={(minutes) => edit(index, (p) => (p.typicalHandlingMinutes = minutes))}
              issues={issues}
              path={`${path}.typicalHandlingMinutes`}
              testId={`catalog-procedure-${index}-minutes`}
            />
            <CheckboxField
              label={t('catalog.fallback')}
              checked={procedure.fallback !== null}
              onChange={(isOn) =>
                edit(index, (p) => {
                  p.fallback = isOn
                    ? { skillGroup: draft.skillGroups[0]?.id ?? '', afterSeconds: 180 }
                    : null;
                })
              }
              testId={`catalog-procedure-${index}-fallback`}
            />
            {procedure.fallback && (
              <div className="catalog__inline">
                <SelectField
                  label={t('catalog.fallback-group')}
                  value={procedure.fallback.skillGroup}
                  options={groupOptions}
                  onChange={(group) => edit(index, (p) => (p.fallback!.skillGroup = group))}
                  issues={issues}
                  path={`${path}.fallback.skillGroup`}
                  testId={`catalog-procedure-${index}-fallback-group`}
                />
                <NumberField
                  label={t('catalog.fallback-seconds')}
                  value={procedure.fallback.afterSeconds}
                  min={1}
                  max={7200}
                  onChange={(seconds) => edit(index, (p) => (p.fallback!.afterSeconds = seconds))}
                  issues={issues}
                  path={`${path}.fallback.afterSeconds`}
                  testId={`catalog-procedure-${index}-fallback-seconds`}
                />
              </div>
            )}
            <CheckboxField
              label={t('catalog.reservable')}
              checked={procedure.isReservable}
              onChange={(isReservable) => edit(index, (p) => (p.isReservable = isReservable))}
              testId={`catalog-procedure-${index}-reservable`}
            />
            <RemoveButton
              label={title}
              onRemove={() => onEdit((copy) => void copy.procedures.splice(index, 1))}
              testId={`catalog-procedure-${index}-remove`}
            />
          </fieldset>
        );
      })}
      <AddButton
        label={t('catalog.add-procedure')}
        onAdd={() => onEdit((copy) => void copy.procedures.push(newProcedure(copy)))}
        testId="catalog-procedure-add"
      />
    </section>
  );
}
