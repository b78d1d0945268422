import { languageSchema } from '@madoguchi/shared';
import { languageTag } from '@madoguchi/shared/client/ui';
import { useI18n } from '../../../i18n/i18n.ts';
import { dictionaries } from '../../../i18n/messages.ts';
import { Icon } from '../../shell/components/icon.tsx';

interface AttractScreenProps {
  onStart: () => void;
  onOpenSettings: () => void;
}

/**
 * What a passer-by sees: what the booth is for, and one big start button. A touch anywhere on the
 * screen starts too. "Touch to start" is shown in every language, each in its own.
 */
export function AttractScreen({ onStart, onOpenSettings }: AttractScreenProps) {
  const { language, t } = useI18n();
  return (
    <section className="screen attract-screen" data-testid="attract-screen" onClick={onStart}>
      <h1 className="title attract__title">{t('app.title')}</h1>
      <p className="lead">{t('attract.lead')}</p>
      <button
        type="button"
        className="button button--call button--huge"
        data-testid="start-button"
        onClick={(event) => {
          event.stopPropagation();
          onStart();
        }}
      >
        <Icon name="start" />
        <span>{t('attract.start')}</span>
      </button>
      <ul className="attract__touch">
        {languageSchema.options
          .filter((option) => option !== language)
          .map((option) => (
            <li key={option} lang={languageTag(option)}>
              {dictionaries[option]['attract.touch']}
            </li>
          ))}
      </ul>
      <p className="attract__touch-own">{t('attract.touch')}</p>
      <footer className="screen__footer">
        <button
          type="button"
          className="button button--icon"
          data-testid="settings-button"
          aria-label={t('settings.open')}
          title={t('settings.open')}
          onClick={(event) => {
            event.stopPropagation();
            onOpenSettings();
          }}
        >
          ⚙
        </button>
      </footer>
    </section>
  );
}
