import { useI18n } from '../../../i18n/i18n.ts';
import type { CatalogSectionProps } from './catalog-section.ts';
import {
  AddButton,
  CheckboxField,
  IssueMessages,
  ListIssues,
  NamesFields,
  RemoveButton,
  TextField,
} from './catalog-fields.tsx';

/** Skills clerks hold, and the groups a call falls back to after its wait. */
export function CatalogSkills({ draft, issues, onEdit }: CatalogSectionProps) {
  const { t, language } = useI18n();
  return (
    <>
      <section
        className="card catalog__section"
        aria-labelledby="catalog-skills-title"
        data-testid="catalog-skills"
      >
        <h2 className="card__title" id="catalog-skills-title">
          {t('catalog.section.skills')}
        </h2>
        <ListIssues issues={issues} path="skills" />
        {draft.skills.map((skill, index) => {
          const path = `skills[${index}]`;
          const title = skill.name[language] || skill.id || t('catalog.untitled');
          return (
            <fieldset key={index} className="catalog__row" data-testid={`catalog-skill-${index}`}>
              <legend className="catalog__legend">{title}</legend>
              <TextField
                label={t('catalog.id')}
                hint={t('catalog.id-hint')}
                value={skill.id}
                onChange={(id) => onEdit((copy) => void (copy.skills[index]!.id = id))}
                issues={issues}
                path={`${path}.id`}
                testId={`catalog-skill-${index}-id`}
              />
              <NamesFields
                names={skill.name}
                onChange={(name) => onEdit((copy) => void (copy.skills[index]!.name = name))}
                issues={issues}
                path={`${path}.name`}
                testId={`catalog-skill-${index}-name`}
              />
              <RemoveButton
                label={title}
                onRemove={() => onEdit((copy) => void copy.skills.splice(index, 1))}
                testId={`catalog-skill-${index}-remove`}
              />
            </fieldset>
          );
        })}
        <AddButton
          label={t('catalog.add-skill')}
          onAdd={() => onEdit((copy) => void copy.skills.push({ id: '', name: { ja: '', en: '' } }))}
          testId="catalog-skill-add"
        />
      </section>
      <section
        className="card catalog__section"
        aria-labelledby="catalog-groups-title"
        data-testid="catalog-skill-groups"
      >
        <h2 className="card__title" id="catalog-groups-title">
          {t('catalog.section.skillGroups')}
        </h2>
        <p className="notice">{t('catalog.skill-groups-lead')}</p>
        <ListIssues issues={issues} path="skillGroups" />
        {draft.skillGroups.map((group, index) => {
          const path = `skillGroups[${index}]`;
          const title = group.name[language] || group.id || t('catalog.untitled');
          const memberIssues = issues.filter((issue) => issue.path.startsWith(`${path}.skills`));
          return (
            <fieldset key={index} className="catalog__row" data-testid={`catalog-group-${index}`}>
              <legend className="catalog__legend">{title}</legend>
              <TextField
                label={t('catalog.id')}
                hint={t('catalog.id-hint')}
                value={group.id}
                onChange={(id) => onEdit((copy) => void (copy.skillGroups[index]!.id = id))}
                issues={issues}
                path={`${path}.id`}
                testId={`catalog-group-${index}-id`}
              />
              <NamesFields
                names={group.name}
                onChange={(name) => onEdit((copy) => void (copy.skillGroups[index]!.name = name))}
                issues={issues}
                path={`${path}.name`}
                testId={`catalog-group-${index}-name`}
              />
              <fieldset className="catalog__choices">
                <legend className="field__label">{t('catalog.group-skills')}</legend>
                {draft.skills.map((skill) => (
                  <CheckboxField
                    key={skill.id}
                    label={skill.name[language] || skill.id}
                    checked={group.skills.includes(skill.id)}
                    onChange={(isMember) =>
                      onEdit((copy) => {
                        const members = copy.skillGroups[index]!;
                        members.skills = isMember
                          ? [...members.skills, skill.id]
                          : members.skills.filter((id) => id !== skill.id);
                      })
                    }
                    testId={`catalog-group-${index}-skill-${skill.id}`}
                  />
                ))}
                <IssueMessages issues={memberIssues} />
              </fieldset>
              <RemoveButton
                label={title}
                onRemove={() => onEdit((copy) => void copy.skillGroups.splice(index, 1))}
                testId={`catalog-group-${index}-remove`}
              />
            </fieldset>
          );
        })}
        <AddButton
          label={t('catalog.add-skill-group')}
          onAdd={() =>
            onEdit((copy) => void copy.skillGroups.push({ id: '', name: { ja: '', en: '' }, skills: [] }))
          }
          testId="catalog-group-add"
        />
      </section>
    </>
  );
}
