import { useI18n } from '../../../i18n/i18n.ts';

/** On-site staff can sign in, but their view is not built yet; this says so and shows nothing made up. */
export function OnsiteScreen({ onLogOut }: { onLogOut: () => void }) {
  const { t } = useI18n();
  return (
    <main className="screen" data-testid="onsite-screen">
      <section className="card">
        <h2 className="card__title">{t('onsite.title')}</h2>
        <p data-testid="onsite-lead">{t('onsite.lead')}</p>
        <button
          type="button"
          className="button button--secondary"
          data-testid="onsite-logout"
          onClick={onLogOut}
        >
          {t('user-menu.logout')}
        </button>
      </section>
    </main>
  );
}
