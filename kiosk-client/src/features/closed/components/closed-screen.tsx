import { useState } from 'react';
import { useI18n } from '../../../i18n/i18n.ts';
import { nextOpeningMessage } from '../next-opening.ts';

interface ClosedScreenProps {
  /** When the window opens next; null when no opening is scheduled. */
  nextOpeningAt: string | null;
  onBack: () => void;
}

/** Outside opening hours: say so politely, say when the window opens, and let the resident go. */
export function ClosedScreen({ nextOpeningAt, onBack }: ClosedScreenProps) {
  const { language, t } = useI18n();
  // "Today" and "tomorrow" are judged when the screen opens; it times out long before midnight matters.
  const [shownAt] = useState(() => Date.now());
  const opening = nextOpeningMessage(nextOpeningAt, shownAt, language);
  return (
    <section className="screen closed-screen" data-testid="closed-screen">
      <h1 className="title">{t('closed.title')}</h1>
      <p className="lead">{t('closed.lead')}</p>
      <p className="closed__opening" data-testid="closed-next-opening">
        {t(opening.key, opening.params)}
      </p>
      <div className="actions">
        <button type="button" className="button" data-testid="closed-back-button" onClick={onBack}>
          {t('closed.back')}
        </button>
      </div>
    </section>
  );
}
