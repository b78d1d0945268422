import { useI18n } from '../../../i18n/i18n.ts';
import { Icon } from './icon.tsx';

/** The way back, on every step, always in the same place and words. */
export function BackButton({ onBack }: { onBack: () => void }) {
  const { t } = useI18n();
  return (
    <button
      type="button"
      className="button button--secondary button--back"
      data-testid="back-button"
      onClick={onBack}
    >
      <Icon name="back" />
      <span>{t('common.back')}</span>
    </button>
  );
}
