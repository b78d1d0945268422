import { useI18n } from '../../../i18n/i18n.ts';
import { newClerk } from '../catalog-draft.ts';
import type { CatalogSectionProps } from './catalog-section.ts';
import {
  AddButton,
  CodeListField,
  IssueMessages,
  ListIssues,
  RemoveButton,
  TextField,
} from './catalog-fields.tsx';

const proficiencies = [1, 2, 3, 4, 5] as const;

/** Clerks the queue routes to: their skills with proficiency 1–5 and the languages they speak. */
export function CatalogClerks({ draft, issues, onEdit }: CatalogSectionProps) {
  const { t, language } = useI18n();
  return (
    <section
      className="card catalog__section"
      aria-labelledby="catalog-clerks-title"
      data-testid="catalog-clerks"
    >
      <h2 className="card__title" id="catalog-clerks-title">
        {t('catalog.section.clerks')}
      </h2>
      <p className="notice">{t('catalog.clerks-lead')}</p>
      <ListIssues issues={issues} path="clerks" />
      {draft.clerks.map((clerk, index) => {
        const path = `clerks[${index}]`;
        const title = clerk.displayName || clerk.id || t('catalog.untitled');
        const skillIssues = issues.filter((issue) => issue.path.startsWith(`${path}.skills`));
        return (
          <fieldset key={index} className="catalog__row" data-testid={`catalog-clerk-${index}`}>
            <legend className="catalog__legend">{title}</legend>
            <TextField
              label={t('catalog.clerk-id')}
              hint={t('catalog.clerk-id-hint')}
              value={clerk.id}
              onChange={(id) => onEdit((copy) => void (copy.clerks[index]!.id = id))}
              issues={issues}
              path={`${path}.id`}
              testId={`catalog-clerk-${index}-id`}
            />
            <TextField
              label={t('catalog.clerk-name')}
              value={clerk.displayName}
              onChange={(name) => onEdit((copy) => void (copy.clerks[index]!.displayName = name))}
              issues={issues}
              path={`${path}.displayName`}
              testId={`catalog-clerk-${index}-name`}
            />
            <CodeListField
              label={t('catalog.clerk-languages')}
              hint={t('catalog.clerk-languages-hint')}
              value={clerk.languages}
              onChange={(languages) => onEdit((copy) => void (copy.clerks[index]!.languages = languages))}
              issues={issues}
              path={`${path}.languages`}
              testId={`catalog-clerk-${index}-languages`}
            />
            <fieldset className="catalog__choices">
              <legend className="field__label">{t('catalog.clerk-skills')}</legend>
              <div className="catalog__grid">
                {draft.skills.map((skill) => (
                  <label key={skill.id} className="field">
                    <span>{skill.name[language] || skill.id}</span>
                    <select
                      className="field__input"
                      data-testid={`catalog-clerk-${index}-skill-${skill.id}`}
                      value={String(clerk.skills[skill.id] ?? '')}
                      onChange={(event) =>
                        onEdit((copy) => {
                          const skills = copy.clerks[index]!.skills;
                          if (event.target.value === '') delete skills[skill.id];
                          else skills[skill.id] = Number(event.target.value);
                        })
                      }
                    >
                      <option value="">{t('catalog.proficiency-none')}</option>
                      {proficiencies.map((level) => (
                        <option key={level} value={level}>
                          {t('catalog.proficiency', { level })}
                        </option>
                      ))}
                    </select>
                  </label>
                ))}
              </div>
              <IssueMessages issues={skillIssues} />
            </fieldset>
            <RemoveButton
              label={title}
              onRemove={() => onEdit((copy) => void copy.clerks.splice(index, 1))}
              testId={`catalog-clerk-${index}-remove`}
            />
          </fieldset>
        );
      })}
      <AddButton
        label={t('catalog.add-clerk')}
        onAdd={() => onEdit((copy) => void copy.clerks.push(newClerk()))}
        testId="catalog-clerk-add"
      />
    </section>
  );
}
