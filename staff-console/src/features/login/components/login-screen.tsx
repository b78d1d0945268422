import { useState, type FormEvent } from 'react';
import { useI18n, type Translate } from '../../../i18n/i18n.ts';
import { formatTokyoTime } from '../../../lib/time.ts';
import { useNow } from '../../../lib/use-now.ts';
import type { LoginProblem } from '../login-problem.ts';

interface LoginScreenProps {
  problem: LoginProblem | null;
  isSigningIn: boolean;
  onLogIn: (staffId: string, password: string) => void;
  /** The password was right and a code is asked next (accounts with a second factor). */
  secondFactor?: {
    onSubmit: (code: string) => void;
    onBack: () => void;
  } | null;
}

function problemText(problem: LoginProblem, t: Translate, language: 'ja' | 'en', now: number): string {
  switch (problem.kind) {
    case 'invalid-staff-id':
      return t('login.invalid-staff-id');
    case 'missing-password':
      return t('login.missing-password');
    case 'wrong-credentials':
      return t('login.wrong-credentials');
    case 'locked':
      return problem.until
        ? t('login.locked-until', { time: formatTokyoTime(problem.until, language, now) })
        : t('login.locked');
    case 'rate-limited':
      return t('login.rate-limited');
    case 'session-ended':
      return t('login.session-ended');
    case 'wrong-code':
      return t('login.wrong-code');
    case 'code-expired':
      return t('login.code-expired');
  }
}

/** Staff id and password; who the person is and what they may do come from their account. */
export function LoginScreen({ problem, isSigningIn, onLogIn, secondFactor = null }: LoginScreenProps) {
  const { t, language } = useI18n();
  const now = useNow(60_000);
  const [staffId, setStaffId] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');

  const problemLine = problem && (
    <p className="form__problem" role="alert" data-testid="login-problem" data-problem={problem.kind}>
      {problemText(problem, t, language, now)}
    </p>
  );

  if (secondFactor) {
    const submitCode = (event: FormEvent) => {
      event.preventDefault();
      secondFactor.onSubmit(code);
      setCode('');
    };
    return (
      <main className="screen login-screen" data-testid="login-screen">
        <form className="card form" onSubmit={submitCode} noValidate data-testid="login-code-step">
          <h2 className="card__title">{t('login.code-title')}</h2>
          <label className="field">
            <span className="field__label">{t('login.code')}</span>
            <input
              className="field__input"
              data-testid="login-code"
              name="one-time-code"
              value={code}
              autoComplete="one-time-code"
              autoCapitalize="off"
              spellCheck={false}
              onChange={(event) => setCode(event.target.value)}
            />
            <span className="field__hint">{t('login.code-hint')}</span>
          </label>
          {problemLine}
          <button
            type="submit"
            className="button button--primary"
            data-testid="login-code-submit"
            disabled={isSigningIn}
          >
            {isSigningIn ? t('login.signing-in') : t('login.code-submit')}
          </button>
          <button
            type="button"
            className="button button--secondary"
            data-testid="login-code-back"
            onClick={secondFactor.onBack}
          >
            {t('login.code-back')}
          </button>
        </form>
      </main>
    );
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onLogIn(staffId, password);
    // The password is not kept once sent; a refused login asks for it again.
    setPassword('');
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
            name="username"
            value={staffId}
            autoComplete="username"
            autoCapitalize="off"
            spellCheck={false}
            onChange={(event) => setStaffId(event.target.value)}
          />
          <span className="field__hint">{t('login.staff-id-hint')}</span>
        </label>
        <label className="field">
          <span className="field__label">{t('login.password')}</span>
          <input
            className="field__input"
            data-testid="login-password"
            name="password"
            type="password"
            value={password}
            autoComplete="current-password"
            onChange={(event) => setPassword(event.target.value)}
          />
        </label>
        {problemLine}
        <button
          type="submit"
          className="button button--primary"
          data-testid="login-submit"
          disabled={isSigningIn}
        >
          {isSigningIn ? t('login.signing-in') : t('login.submit')}
        </button>
      </form>
    </main>
  );
}
