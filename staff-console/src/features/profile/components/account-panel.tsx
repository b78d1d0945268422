import { useId, useState, type FormEvent } from 'react';
import { useI18n } from '../../../i18n/i18n.ts';
import { PasswordChangeForm } from '../../login/components/password-change-form.tsx';
import type { PasswordChangeInput, PasswordState } from '../../login/password-change.ts';
import type { SecondFactorState } from '../second-factor-desk.ts';

export interface AccountPanelActions {
  changePassword: (input: PasswordChangeInput) => void;
  beginSecondFactor: () => void;
  confirmSecondFactor: (code: string) => void;
  dismissSecondFactor: () => void;
  close: () => void;
}

interface AccountPanelProps {
  password: PasswordState;
  /** Administrators and supervisors only; null for other roles. */
  secondFactor: SecondFactorState | null;
  actions: AccountPanelActions;
}

/** The signed-in person's own account: their password, and their authenticator app. */
export function AccountPanel({ password, secondFactor, actions }: AccountPanelProps) {
  const { t } = useI18n();
  const id = useId();
  return (
    <section className="card account-panel" data-testid="account-panel" aria-labelledby={`${id}-title`}>
      <h2 className="card__title" id={`${id}-title`}>
        {t('account.title')}
      </h2>
      <h3 className="clerk-profile__heading">{t('password.title')}</h3>
      <PasswordChangeForm state={password} isForced={false} onChange={actions.changePassword} />
      {secondFactor && <SecondFactorSection state={secondFactor} actions={actions} />}
      <button
        type="button"
        className="button button--secondary"
        data-testid="account-close"
        onClick={actions.close}
      >
        {t('account.close')}
      </button>
    </section>
  );
}

function SecondFactorSection({ state, actions }: { state: SecondFactorState; actions: AccountPanelActions }) {
  const { t } = useI18n();
  const [code, setCode] = useState('');
  const { step } = state;
  const confirm = (event: FormEvent) => {
    event.preventDefault();
    actions.confirmSecondFactor(code);
    setCode('');
  };
  return (
    <div data-testid="second-factor" data-enrolled={state.isEnrolled}>
      <h3 className="clerk-profile__heading">{t('second-factor.title')}</h3>
      {step.kind === 'idle' && (
        <>
          <p data-testid="second-factor-status">
            {t(state.isEnrolled ? 'second-factor.enrolled' : 'second-factor.not-enrolled')}
          </p>
          {!state.isEnrolled && (
            <button
              type="button"
              className="button button--primary"
              data-testid="second-factor-begin"
              disabled={state.isBusy}
              onClick={actions.beginSecondFactor}
            >
              {state.isBusy ? t('second-factor.busy') : t('second-factor.begin')}
            </button>
          )}
        </>
      )}
      {step.kind === 'confirming' && (
        <form className="form" onSubmit={confirm} noValidate>
          <p>{t('second-factor.secret-lead')}</p>
          <dl>
            <dt>{t('second-factor.secret')}</dt>
            <dd>
              <code data-testid="second-factor-secret">{groupsOf(step.secret)}</code>
            </dd>
            <dt>{t('second-factor.uri')}</dt>
            <dd>
              <code className="second-factor__uri" data-testid="second-factor-uri">
                {step.uri}
              </code>
            </dd>
          </dl>
          <label className="field">
            <span className="field__label">{t('second-factor.code')}</span>
            <input
              className="field__input"
              data-testid="second-factor-code"
              inputMode="numeric"
              autoComplete="one-time-code"
              value={code}
              onChange={(event) => setCode(event.target.value)}
            />
          </label>
          <button
            type="submit"
            className="button button--primary"
            data-testid="second-factor-confirm"
            disabled={state.isBusy}
          >
            {state.isBusy ? t('second-factor.busy') : t('second-factor.confirm')}
          </button>
          <button type="button" className="button button--secondary" onClick={actions.dismissSecondFactor}>
            {t('second-factor.cancel')}
          </button>
        </form>
      )}
      {step.kind === 'recovery-codes' && (
        <div>
          <h4>{t('second-factor.recovery-title')}</h4>
          <p>{t('second-factor.recovery-lead')}</p>
          <ol data-testid="second-factor-recovery-codes">
            {step.codes.map((recoveryCode) => (
              <li key={recoveryCode}>
                <code>{recoveryCode}</code>
              </li>
            ))}
          </ol>
          <button
            type="button"
            className="button button--primary"
            data-testid="second-factor-recovery-done"
            onClick={actions.dismissSecondFactor}
          >
            {t('second-factor.recovery-done')}
          </button>
        </div>
      )}
      {state.problem && (
        <p
          className="form__problem"
          role="alert"
          data-testid="second-factor-problem"
          data-problem={state.problem}
        >
          {t(`second-factor.problem.${state.problem}`)}
        </p>
      )}
    </div>
  );
}

/** The base32 key in groups of four, as authenticator apps show it and people type it. */
function groupsOf(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, '$1 ');
}
