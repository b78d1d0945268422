import { staffIdSchema, type StaffId } from '@madoguchi/shared';
import { useState, type FormEvent } from 'react';
import { useI18n } from '../../../i18n/i18n.ts';

type Problem = 'login.invalid-staff-id' | 'login.invalid-name';
type Role = 'clerk' | 'supervisor';

const roles: readonly Role[] = ['clerk', 'supervisor'];

const MAX_NAME_LENGTH = 64;

interface LoginScreenProps {
  onSignIn: (staffId: StaffId, displayName: string, role: Role) => void;
}

export function LoginScreen({ onSignIn }: LoginScreenProps) {
  const { t } = useI18n();
  const [staffId, setStaffId] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<Role>('clerk');
  const [problem, setProblem] = useState<Problem | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const id = staffIdSchema.safeParse(staffId.trim());
    if (!id.success) {
      setProblem('login.invalid-staff-id');
      return;
    }
    const name = displayName.trim();
    if (!name || name.length > MAX_NAME_LENGTH) {
      setProblem('login.invalid-name');
      return;
    }
    setProblem(null);
    onSignIn(id.data, name, role);
  };

  return (
    <main className="screen login-screen" data-testid="login-screen">
      <form className="card form" onSubmit={submit} noValidate>
        <h2 className="card__title">{t('login.title')}</h2>
        <label className="field">
          <span className="field__label">{t('login.staff-id')}</span>
          <input
            className="field__input"
            data-testid="login-staff-id"
            value={staffId}
            autoComplete="username"
            autoCapitalize="off"
            spellCheck={false}
            onChange={(event) => setStaffId(event.target.value)}
          />
          <span className="field__hint">{t('login.staff-id-hint')}</span>
        </label>
        <label className="field">
          <span className="field__label">{t('login.name')}</span>
          <input
            className="field__input"
            data-testid="login-name"
            value={displayName}
            maxLength={MAX_NAME_LENGTH}
            autoComplete="name"
            onChange={(event) => setDisplayName(event.target.value)}
          />
          <span className="field__hint">{t('login.name-hint')}</span>
        </label>
        <label className="field">
          <span className="field__label">{t('login.role')}</span>
          <select
            className="field__input"
            data-testid="login-role"
            value={role}
            onChange={(event) => setRole(roles.find((option) => option === event.target.value) ?? 'clerk')}
          >
            {roles.map((option) => (
              <option key={option} value={option}>
                {t(`role.${option}`)}
              </option>
            ))}
          </select>
        </label>
        {problem && (
          <p className="form__problem" role="alert" data-testid="login-problem">
            {t(problem)}
          </p>
        )}
        <button type="submit" className="button button--primary" data-testid="login-submit">
          {t('login.submit')}
        </button>
      </form>
    </main>
  );
}
