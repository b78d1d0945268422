import { useId, useState } from 'react';
import type { Language } from '@madoguchi/shared';
import { languageSchema } from '@madoguchi/shared';
import { languageAutonyms, languageTag } from '@madoguchi/shared/client/ui';
import type { DisplayModes } from '../display-modes.ts';
import { useI18n } from '../../../i18n/i18n.ts';
import { Icon } from './icon.tsx';
import { ModalDialog } from './modal-dialog.tsx';

interface TopBarProps {
  display: DisplayModes;
  /** False while the help request is on its way (a second press would only repeat it). */
  canRequestHelp: boolean;
  onHelp: () => void;
  onLanguageChange: (language: Language) => void;
  onToggleLargeText: () => void;
  onToggleHighContrast: () => void;
}

/**
 * On every resident screen: the city's name, the language, the two display modes and the
 * call-staff button. Each control says what it is in words, with an icon beside the words.
 */
export function TopBar({
  display,
  canRequestHelp,
  onHelp,
  onLanguageChange,
  onToggleLargeText,
  onToggleHighContrast,
}: TopBarProps) {
  const { language, t } = useI18n();
  const [isMenuOpen, setMenuOpen] = useState(false);
  return (
    <header className="top-bar">
      <p className="top-bar__title">{t('app.title')}</p>
      <div className="top-bar__controls">
        <button
          type="button"
          className="button button--bar"
          data-testid="language-switcher"
          aria-haspopup="dialog"
          onClick={() => setMenuOpen(true)}
        >
          <Icon name="globe" />
          <span>{t('bar.language')}</span>
          <span className="top-bar__current" lang={languageTag(language)}>
            ({languageAutonyms[language]})
          </span>
        </button>
        <button
          type="button"
          className="button button--bar"
          data-testid="large-text-toggle"
          aria-pressed={display.isLargeText}
          onClick={onToggleLargeText}
        >
          <Icon name="text-size" />
          <span>{t('bar.large-text')}</span>
        </button>
        <button
          type="button"
          className="button button--bar"
          data-testid="high-contrast-toggle"
          aria-pressed={display.isHighContrast}
          onClick={onToggleHighContrast}
        >
          <Icon name="contrast" />
          <span>{t('bar.high-contrast')}</span>
        </button>
        <button
          type="button"
          className="button button--help"
          data-testid="help-button"
          disabled={!canRequestHelp}
          onClick={onHelp}
        >
          <Icon name="help" />
          <span>{t('bar.help')}</span>
        </button>
      </div>
      {isMenuOpen && (
        <LanguageMenu
          onChoose={(choice) => {
            onLanguageChange(choice);
            setMenuOpen(false);
          }}
          onClose={() => setMenuOpen(false)}
        />
      )}
    </header>
  );
}

function LanguageMenu({
  onChoose,
  onClose,
}: {
  onChoose: (language: Language) => void;
  onClose: () => void;
}) {
  const { language, t } = useI18n();
  const titleId = useId();
  return (
    <ModalDialog labelledBy={titleId} testId="language-menu" className="language-menu" onCancel={onClose}>
      <h2 id={titleId} className="modal__title">
        {t('language-menu.title')}
      </h2>
      <div className="language-grid">
        {languageSchema.options.map((option) => (
          <button
            key={option}
            type="button"
            lang={languageTag(option)}
            className="button button--language"
            data-testid={`language-option-${option}`}
            aria-pressed={language === option}
            onClick={() => onChoose(option)}
          >
            {languageAutonyms[option]}
          </button>
        ))}
      </div>
      <div className="actions">
        <button
          type="button"
          className="button button--secondary"
          data-testid="language-menu-close"
          onClick={onClose}
        >
          <Icon name="close" />
          <span>{t('language-menu.close')}</span>
        </button>
      </div>
    </ModalDialog>
  );
}
