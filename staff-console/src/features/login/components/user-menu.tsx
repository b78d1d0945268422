import type { SignedInStaff } from '../signed-in-staff.ts';
import { useI18n } from '../../../i18n/i18n.ts';

interface UserMenuProps {
  staff: SignedInStaff;
  isSigningOut: boolean;
  onLogOut: () => void;
  onLogOutEverywhere: () => void;
  /** Opens or closes the account panel (own password, second factor); absent while a reset password must be changed. */
  onAccount?: () => void;
}

/** Who is signed in, as their account says, and the two ways out. */
export function UserMenu({ staff, isSigningOut, onLogOut, onLogOutEverywhere, onAccount }: UserMenuProps) {
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
      {onAccount && (
        <button
          type="button"
          className="button button--small button--secondary"
          data-testid="account-button"
          onClick={onAccount}
        >
          {t('user-menu.account')}
        </button>
      )}
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
