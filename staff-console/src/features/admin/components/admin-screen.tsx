import { staffRoleSchema, type KioskId, type KioskListing, type StaffRole } from '@madoguchi/shared';
import { useState, type FormEvent } from 'react';
import { useI18n } from '../../../i18n/i18n.ts';
import type { MessageKey } from '../../../i18n/messages.ts';
import { formatTokyoTime } from '../../../lib/time.ts';
import { useNow } from '../../../lib/use-now.ts';
import {
  boothsOf,
  MIN_PASSWORD_LENGTH,
  type AccountAction,
  type AdminState,
  type EnrollmentCode,
  type NewStaffInput,
  type NewStaffProblem,
  type NewStaffResult,
} from '../admin-desk.ts';

interface AdminScreenProps {
  admin: AdminState;
  onRefresh: () => void;
  onCreateStaff: (input: NewStaffInput) => Promise<NewStaffResult>;
  onCreateCode: (kioskId: KioskId) => void;
  onDismissCode: () => void;
  onRevoke: (kioskId: KioskId) => void;
  accounts: AccountActions;
}

/** What an administrator does to an existing account; the server refuses what is not allowed. */
export interface AccountActions {
  change: (staffId: string, action: Exclude<AccountAction, 'role'>) => void;
  changeRole: (staffId: string, role: StaffRole) => void;
  dismissPassword: () => void;
}

/** Identities: who may sign in, and which kiosks may connect. */
export function AdminScreen({
  admin,
  onRefresh,
  onCreateStaff,
  onCreateCode,
  onDismissCode,
  onRevoke,
  accounts,
}: AdminScreenProps) {
  const { t } = useI18n();
  return (
    <main className="screen admin-screen" data-testid="admin-screen">
      <div className="admin__toolbar">
        <button
          type="button"
          className="button button--small"
          data-testid="admin-refresh"
          onClick={onRefresh}
        >
          {t('admin.refresh')}
        </button>
      </div>
      <StaffSection admin={admin} onCreateStaff={onCreateStaff} accounts={accounts} />
      <KioskSection
        admin={admin}
        onCreateCode={onCreateCode}
        onDismissCode={onDismissCode}
        onRevoke={onRevoke}
      />
    </main>
  );
}

function StaffSection({
  admin,
  onCreateStaff,
  accounts,
}: Pick<AdminScreenProps, 'admin' | 'onCreateStaff' | 'accounts'>) {
  const { t } = useI18n();
  return (
    <section className="card admin__section">
      <h2 className="card__title">{t('admin.staff-title')}</h2>
      {admin.temporaryPassword && (
        <div className="notice" role="status" data-testid="admin-temporary-password">
          <p>{t('admin.account.temporary-password', { staffId: admin.temporaryPassword.staffId })}</p>
          <p>
            <code>{admin.temporaryPassword.password}</code>
          </p>
          <button type="button" className="button button--small" onClick={accounts.dismissPassword}>
            {t('admin.account.dismiss-password')}
          </button>
        </div>
      )}
      {admin.doneAction && (
        <p className="notice" role="status" data-testid="admin-account-done">
          {t(`admin.account.done.${admin.doneAction.action}`, { staffId: admin.doneAction.staffId })}
        </p>
      )}
      {admin.staff === null ? (
        <p className="notice">{t('admin.loading')}</p>
      ) : admin.staff.length === 0 ? (
        <p className="notice">{t('admin.no-staff')}</p>
      ) : (
        <table className="table" data-testid="admin-staff">
          <thead>
            <tr>
              <th scope="col">{t('admin.staff-id')}</th>
              <th scope="col">{t('admin.staff-name')}</th>
              <th scope="col">{t('admin.staff-role')}</th>
              <th scope="col">{t('admin.staff-state')}</th>
              <th scope="col">{t('admin.account.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {admin.staff.map((account) => (
              <tr
                key={account.staffId}
                data-testid={`admin-staff-${account.staffId}`}
                data-role={account.role}
                data-disabled={account.isDisabled}
              >
                <th scope="row">{account.staffId}</th>
                <td>{account.displayName}</td>
                <td>{t(`role.${account.role}`)}</td>
                <td>
                  {account.isDisabled ? t('admin.staff-disabled') : t('admin.staff-active')}
                  {account.mustChangePassword && ` (${t('admin.account.must-change')})`}
                </td>
                <td>
                  <AccountButtons
                    staffId={account.staffId}
                    role={account.role}
                    isDisabled={account.isDisabled}
                    isBusy={admin.busyStaffId !== null}
                    accounts={accounts}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <NewStaffForm
        isCreating={admin.isCreatingStaff}
        booths={boothsOf(admin.kiosks ?? [])}
        onCreateStaff={onCreateStaff}
      />
    </section>
  );
}

// On-site staff need a booth, chosen when the account is created; other roles are one choice.
const assignableRoles = staffRoleSchema.options.filter((role) => role !== 'onsite');

function AccountButtons({
  staffId,
  role,
  isDisabled,
  isBusy,
  accounts,
}: {
  staffId: string;
  role: StaffRole;
  isDisabled: boolean;
  isBusy: boolean;
  accounts: AccountActions;
}) {
  const { t } = useI18n();
  const confirmThen = (question: string, act: () => void) => () => {
    if (window.confirm(question)) act();
  };
  return (
    <div className="admin__account-actions" data-testid={`admin-account-actions-${staffId}`}>
      <button
        type="button"
        className="button button--small"
        disabled={isBusy}
        data-testid={`admin-${isDisabled ? 'enable' : 'disable'}-${staffId}`}
        onClick={
          isDisabled
            ? () => accounts.change(staffId, 'enable')
            : confirmThen(t('admin.account.confirm-disable', { staffId }), () =>
                accounts.change(staffId, 'disable'),
              )
        }
      >
        {isDisabled ? t('admin.account.enable') : t('admin.account.disable')}
      </button>
      <button
        type="button"
        className="button button--small"
        disabled={isBusy}
        data-testid={`admin-reset-${staffId}`}
        onClick={confirmThen(t('admin.account.confirm-reset', { staffId }), () =>
          accounts.change(staffId, 'password-reset'),
        )}
      >
        {t('admin.account.reset-password')}
      </button>
      <button
        type="button"
        className="button button--small"
        disabled={isBusy}
        data-testid={`admin-end-sessions-${staffId}`}
        onClick={() => accounts.change(staffId, 'end-sessions')}
      >
        {t('admin.account.end-sessions')}
      </button>
      <label>
        <span className="visually-hidden">{t('admin.account.role-label', { staffId })}</span>
        <select
          value={role}
          disabled={isBusy || role === 'onsite'}
          data-testid={`admin-role-${staffId}`}
          onChange={(event) => {
            const next = staffRoleSchema.parse(event.target.value);
            if (window.confirm(t('admin.account.confirm-role', { staffId, role: t(`role.${next}`) })))
              accounts.changeRole(staffId, next);
          }}
        >
          {(role === 'onsite' ? [role] : assignableRoles).map((option) => (
            <option key={option} value={option}>
              {t(`role.${option}`)}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}

const problemMessages: Record<NewStaffProblem, MessageKey> = {
  'invalid-staff-id': 'admin.problem.invalid-staff-id',
  'invalid-name': 'admin.problem.invalid-name',
  'short-password': 'admin.problem.short-password',
  'missing-booth': 'admin.problem.missing-booth',
  'duplicate-staff-id': 'admin.problem.duplicate-staff-id',
  rejected: 'admin.problem.rejected',
};

function NewStaffForm({
  isCreating,
  booths,
  onCreateStaff,
}: {
  isCreating: boolean;
  booths: ReturnType<typeof boothsOf>;
  onCreateStaff: AdminScreenProps['onCreateStaff'];
}) {
  const { t, language } = useI18n();
  const [boothId, setBoothId] = useState<string | null>(null);
  const [staffId, setStaffId] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<StaffRole>('clerk');
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<NewStaffProblem | null>(null);
  const [createdStaffId, setCreatedStaffId] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setCreatedStaffId(null);
    const result = await onCreateStaff({ staffId, displayName, role, password, boothId });
    if (!result.ok) {
      setProblem(result.problem);
      return;
    }
    setProblem(null);
    setCreatedStaffId(result.account.staffId);
    setStaffId('');
    setDisplayName('');
    setPassword('');
  };

  return (
    <form className="form admin__form" onSubmit={(event) => void submit(event)} noValidate>
      <h3 className="admin__subtitle">{t('admin.new-staff-title')}</h3>
      <label className="field">
        <span className="field__label">{t('admin.staff-id')}</span>
        <input
          className="field__input"
          data-testid="admin-new-staff-id"
          value={staffId}
          autoComplete="off"
          autoCapitalize="off"
          spellCheck={false}
          onChange={(event) => setStaffId(event.target.value)}
        />
        <span className="field__hint">{t('login.staff-id-hint')}</span>
      </label>
      <label className="field">
        <span className="field__label">{t('admin.staff-name')}</span>
        <input
          className="field__input"
          data-testid="admin-new-staff-name"
          value={displayName}
          maxLength={64}
          autoComplete="off"
          onChange={(event) => setDisplayName(event.target.value)}
        />
        <span className="field__hint">{t('admin.new-staff-name-hint')}</span>
      </label>
      <label className="field">
        <span className="field__label">{t('admin.staff-role')}</span>
        <select
          className="field__input"
          data-testid="admin-new-staff-role"
          value={role}
          onChange={(event) => setRole(staffRoleSchema.catch('clerk').parse(event.target.value))}
        >
          {staffRoleSchema.options.map((option) => (
            <option key={option} value={option}>
              {t(`role.${option}`)}
            </option>
          ))}
        </select>
      </label>
      {role === 'onsite' && (
        <label className="field">
          <span className="field__label">{t('admin.staff-booth')}</span>
          <select
            className="field__input"
            data-testid="admin-new-staff-booth"
            value={boothId ?? ''}
            onChange={(event) => setBoothId(event.target.value || null)}
          >
            <option value="">{t('admin.staff-booth-choose')}</option>
            {booths.map((booth) => (
              <option key={booth.boothId} value={booth.boothId}>
                {language === 'ja' ? booth.boothName.ja : booth.boothName.en}
              </option>
            ))}
          </select>
        </label>
      )}
      <label className="field">
        <span className="field__label">{t('admin.new-staff-password')}</span>
        <input
          className="field__input"
          data-testid="admin-new-staff-password"
          type="password"
          value={password}
          autoComplete="new-password"
          onChange={(event) => setPassword(event.target.value)}
        />
        <span className="field__hint">
          {t('admin.new-staff-password-hint', { min: MIN_PASSWORD_LENGTH })}
        </span>
      </label>
      {problem && (
        <p
          className="form__problem"
          role="alert"
          data-testid="admin-new-staff-problem"
          data-problem={problem}
        >
          {t(problemMessages[problem], { min: MIN_PASSWORD_LENGTH })}
        </p>
      )}
      {createdStaffId && (
        <p className="form__done" role="status" data-testid="admin-new-staff-created">
          {t('admin.new-staff-created', { staffId: createdStaffId })}
        </p>
      )}
      <button
        type="submit"
        className="button button--primary"
        data-testid="admin-new-staff-submit"
        disabled={isCreating}
      >
        {t('admin.new-staff-submit')}
      </button>
    </form>
  );
}

function KioskSection({
  admin,
  onCreateCode,
  onDismissCode,
  onRevoke,
}: Pick<AdminScreenProps, 'admin' | 'onCreateCode' | 'onDismissCode' | 'onRevoke'>) {
  const { t } = useI18n();
  const [confirming, setConfirming] = useState<KioskId | null>(null);
  return (
    <section className="card admin__section">
      <h2 className="card__title">{t('admin.kiosks-title')}</h2>
      {admin.enrollmentCode && <EnrollmentCodeCard code={admin.enrollmentCode} onDismiss={onDismissCode} />}
      {admin.revokedKioskId && (
        <p className="form__done" role="status" data-testid="admin-kiosk-revoked">
          {t('admin.revoked', { kioskId: admin.revokedKioskId })}
        </p>
      )}
      {admin.kiosks === null ? (
        <p className="notice">{t('admin.loading')}</p>
      ) : admin.kiosks.length === 0 ? (
        <p className="notice">{t('admin.no-kiosks')}</p>
      ) : (
        <table className="table" data-testid="admin-kiosks">
          <thead>
            <tr>
              <th scope="col">{t('admin.kiosk-id')}</th>
              <th scope="col">{t('admin.kiosk-booth')}</th>
              <th scope="col">{t('admin.kiosk-enrollment')}</th>
              <th scope="col">{t('admin.kiosk-actions')}</th>
            </tr>
          </thead>
          <tbody>
            {admin.kiosks.map((kiosk) => (
              <KioskRow
                key={kiosk.kioskId}
                kiosk={kiosk}
                isBusy={admin.busyKioskId !== null}
                isConfirming={confirming === kiosk.kioskId}
                onCreateCode={() => onCreateCode(kiosk.kioskId)}
                onAskRevoke={() => setConfirming(kiosk.kioskId)}
                onCancelRevoke={() => setConfirming(null)}
                onRevoke={() => {
                  setConfirming(null);
                  onRevoke(kiosk.kioskId);
                }}
              />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

interface KioskRowProps {
  kiosk: KioskListing;
  isBusy: boolean;
  isConfirming: boolean;
  onCreateCode: () => void;
  onAskRevoke: () => void;
  onCancelRevoke: () => void;
  onRevoke: () => void;
}

function KioskRow({
  kiosk,
  isBusy,
  isConfirming,
  onCreateCode,
  onAskRevoke,
  onCancelRevoke,
  onRevoke,
}: KioskRowProps) {
  const { t, language } = useI18n();
  return (
    <tr data-testid={`admin-kiosk-${kiosk.kioskId}`} data-enrolled={kiosk.isEnrolled}>
      <th scope="row">{kiosk.kioskId}</th>
      {/* The catalogue's booth names already say when a booth is still being planned. */}
      <td data-booth-open={kiosk.isBoothOpen}>{kiosk.boothName[language]}</td>
      <td>{kiosk.isEnrolled ? t('admin.kiosk-enrolled') : t('admin.kiosk-not-enrolled')}</td>
      <td className="admin__actions">
        {isConfirming ? (
          <span className="admin__confirm" role="alert">
            <span>{t('admin.revoke-confirm', { kioskId: kiosk.kioskId })}</span>
            <button
              type="button"
              className="button button--small button--danger"
              data-testid={`admin-kiosk-revoke-confirm-${kiosk.kioskId}`}
              disabled={isBusy}
              onClick={onRevoke}
            >
              {t('admin.revoke-yes')}
            </button>
            <button
              type="button"
              className="button button--small button--secondary"
              data-testid={`admin-kiosk-revoke-cancel-${kiosk.kioskId}`}
              onClick={onCancelRevoke}
            >
              {t('admin.revoke-no')}
            </button>
          </span>
        ) : (
          <>
            <button
              type="button"
              className="button button--small"
              data-testid={`admin-kiosk-code-${kiosk.kioskId}`}
              disabled={isBusy}
              onClick={onCreateCode}
            >
              {t('admin.create-code')}
            </button>
            <button
              type="button"
              className="button button--small button--secondary"
              data-testid={`admin-kiosk-revoke-${kiosk.kioskId}`}
              disabled={isBusy}
              onClick={onAskRevoke}
            >
              {t('admin.revoke')}
            </button>
          </>
        )}
      </td>
    </tr>
  );
}

/** Large enough to read across a booth, since it is typed into the kiosk by hand. */
function EnrollmentCodeCard({ code, onDismiss }: { code: EnrollmentCode; onDismiss: () => void }) {
  const { t, language } = useI18n();
  const now = useNow(60_000);
  return (
    <div className="enrollment-code" role="status" data-testid="admin-enrollment-code-card">
      <p className="enrollment-code__title">{t('admin.code-title', { kioskId: code.kioskId })}</p>
      <p className="enrollment-code__code" data-testid="admin-enrollment-code" data-kiosk-id={code.kioskId}>
        {code.code}
      </p>
      <p className="notice" data-testid="admin-enrollment-code-expires">
        {t('admin.code-expires', { time: formatTokyoTime(code.expiresAt, language, now) })}
      </p>
      <button
        type="button"
        className="button button--small button--secondary"
        data-testid="admin-enrollment-code-close"
        onClick={onDismiss}
      >
        {t('admin.code-close')}
      </button>
    </div>
  );
}
