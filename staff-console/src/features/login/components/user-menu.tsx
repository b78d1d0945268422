import type { SignedInStaff } from '../signed-in-staff.ts';
import { useI18n } from '../../../i18n/i18n.ts';

interface UserMenuProps {
  staff: SignedInStaff;
  isSigningOut: boolean;
  onLogOut: () => void;
  onLogOutEverywhere: () => void;
}

/** Who is signed in, as their account says, and the two ways out. */
export function UserMenu({ staff, isSigningOut, onLogOut, onLogOutEverywhere }: UserMenuProps) {
  const { t } = useI18n();
  return (
    <div className="user-menu" data-testid="user-menu" role="group" aria-label={t('user-menu.label')}>
      <span className="status-bar__staff" data-testid="staff-name">
        {t('status.staff', { name: staff.displayName, staffId: staff.staffId })}
      </span>
      <span
        className={`status status--role status--${staff.role}`}
        data-testid="staff-role"
        data-role={staff.role}
      >
        {t(`role.${staff.role}`)}
      </span>
      <button
        type="button"
        className="button button--small button--secondary"
        data-testid="logout-button"
        disabled={isSigningOut}
        onClick={onLogOut}
      >
        {t('user-menu.logout')}
      </button>
      <button
        type="button"
        className="button button--small button--secondary"
        data-testid="logout-everywhere-button"
        disabled={isSigningOut}
        onClick={onLogOutEverywhere}
      >
        {t('user-menu.logout-everywhere')}
      </button>
    </div>
  );
}
