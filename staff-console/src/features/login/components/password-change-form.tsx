import { useState, type FormEvent } from 'react';
import { useI18n, type Translate } from '../../../i18n/i18n.ts';
import {
  MIN_NEW_PASSWORD_LENGTH,
  type PasswordChangeInput,
  type PasswordProblem,
  type PasswordState,
} from '../password-change.ts';

interface PasswordChangeFormProps {
  state: PasswordState;
  /** After a reset: the current password is the temporary one the administrator handed over. */
  isForced: boolean;
  onChange: (input: PasswordChangeInput) => void;
}

export function passwordProblemText(problem: PasswordProblem, t: Translate): string {
  return t(`password.problem.${problem}`, { min: MIN_NEW_PASSWORD_LENGTH });
}

/** Current (or temporary), new and repeated password; the fields empty once sent. */
export function PasswordChangeForm({ state, isForced, onChange }: PasswordChangeFormProps) {
  const { t } = useI18n();
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [repeated, setRepeated] = useState('');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onChange({ currentPassword, newPassword, repeated });
    // Passwords are not kept once sent; a refusal asks for them again.
    setCurrentPassword('');
    setNewPassword('');
    setRepeated('');
  };
  const field = (
    label: string,
    testId: string,
    value: string,
    set: (value: string) => void,
    autoComplete: string,
    hint?: string,
  ) => (
    <label className="field">
      <span className="field__label">{label}</span>
      <input
        className="field__input"
        data-testid={testId}
        type="password"
        value={value}
        autoComplete={autoComplete}
        onChange={(event) => set(event.target.value)}
      />
      {hint && <span className="field__hint">{hint}</span>}
    </label>
  );

  return (
    <form className="form" onSubmit={submit} noValidate data-testid="password-form">
      {field(
        t(isForced ? 'password.current-temporary' : 'password.current'),
        'password-current',
        currentPassword,
        setCurrentPassword,
        'current-password',
      )}
      {field(
        t('password.new'),
        'password-new',
        newPassword,
        setNewPassword,
        'new-password',
        t('password.hint', { min: MIN_NEW_PASSWORD_LENGTH }),
      )}
      {field(t('password.repeat'), 'password-repeat', repeated, setRepeated, 'new-password')}
      {state.problem && (
        <p className="form__problem" role="alert" data-testid="password-problem" data-problem={state.problem}>
          {passwordProblemText(state.problem, t)}
        </p>
      )}
      {state.done && (
        <p className="notice" role="status" data-testid="password-done">
          {state.done.endedSessions > 0
            ? t('password.done-ended', { count: state.done.endedSessions })
            : t('password.done')}
        </p>
      )}
      <button
        type="submit"
        className="button button--primary"
        data-testid="password-submit"
        disabled={state.isSaving}
      >
        {state.isSaving ? t('password.saving') : t('password.submit')}
      </button>
    </form>
  );
}

/** After a reset: changing the password is all the console offers until it is done. */
export function PasswordChangeScreen({
  state,
  onChange,
}: {
  state: PasswordState;
  onChange: (input: PasswordChangeInput) => void;
}) {
  const { t } = useI18n();
  return (
    <main className="screen login-screen" data-testid="password-change-screen">
      <section className="card">
        <h2 className="card__title">{t('password.forced-title')}</h2>
        <p className="lead">{t('password.forced-lead')}</p>
        <PasswordChangeForm state={state} isForced onChange={onChange} />
      </section>
    </main>
  );
}
