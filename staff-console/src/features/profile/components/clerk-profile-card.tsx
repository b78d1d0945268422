import { languageSchema } from '@madoguchi/shared';
import { useId } from 'react';
import { useI18n } from '../../../i18n/i18n.ts';
import { isKnownSkillId, MAX_PROFICIENCY, proficiencyStars, type ClerkProfile } from '../clerk-skills.ts';

/** The clerk's skills (with proficiency, in stars and in words) and spoken languages. */
export function ClerkProfileCard({ profile }: { profile: ClerkProfile }) {
  const { t } = useI18n();
  const id = useId();
  const skillName = (skillId: string) => (isKnownSkillId(skillId) ? t(`skill.${skillId}`) : skillId);
  const languageName = (language: string) => {
    const known = languageSchema.safeParse(language);
    return known.success ? t(`language-name.${known.data}`) : language;
  };
  return (
    <section className="card clerk-profile" data-testid="clerk-profile" aria-labelledby={`${id}-title`}>
      <h2 className="card__title" id={`${id}-title`}>
        {t('profile.title')}
      </h2>
      <h3 className="clerk-profile__heading">{t('profile.skills')}</h3>
      {profile.skills.length === 0 ? (
        <p className="notice" data-testid="clerk-skills">
          {t('profile.no-skills')}
        </p>
      ) : (
        <ul className="clerk-profile__skills" data-testid="clerk-skills">
          {profile.skills.map(({ skillId, proficiency }) => (
            <li
              key={skillId}
              className="clerk-profile__skill"
              data-testid={`clerk-skill-${skillId}`}
              data-proficiency={proficiency}
            >
              <span className="clerk-profile__skill-name">{skillName(skillId)}</span>{' '}
              <span className="clerk-profile__stars" aria-hidden="true">
                {proficiencyStars(proficiency)}
              </span>{' '}
              <span className="clerk-profile__level">
                {t('profile.proficiency', { level: proficiency, max: MAX_PROFICIENCY })}
              </span>
            </li>
          ))}
        </ul>
      )}
      <h3 className="clerk-profile__heading">{t('profile.languages')}</h3>
      <p data-testid="clerk-languages">
        {profile.languages.length === 0
          ? t('profile.no-languages')
          : profile.languages.map(languageName).join(' · ')}
      </p>
    </section>
  );
}
