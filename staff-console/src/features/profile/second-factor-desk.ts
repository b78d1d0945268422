import { recoveryCodesResponseSchema, secondFactorEnrolmentSchema } from '@madoguchi/shared';
import { HttpError, type HttpClient } from '@madoguchi/shared/client';

/** Where an enrolment of the authenticator app stands. */
export type SecondFactorStep =
  /** Nothing started (or, with `isEnrolled`, nothing to do). */
  | { kind: 'idle' }
  /** The secret is shown, for the app; the app's first code confirms it. */
  | { kind: 'confirming'; secret: string; uri: string }
  /** Confirmed: the recovery codes, shown this once. */
  | { kind: 'recovery-codes'; codes: readonly string[] };

export type SecondFactorProblem = 'wrong-code' | 'locked' | 'already-enrolled';

export interface SecondFactorState {
  /** Whether the account has a confirmed second factor. */
  isEnrolled: boolean;
  step: SecondFactorStep;
  isBusy: boolean;
  problem: SecondFactorProblem | null;
}

export interface SecondFactorDeskDependencies {
  http: HttpClient;
  csrfToken: string;
  /** From the session: whether the account already has one. */
  isEnrolled: boolean;
  onChange(state: SecondFactorState): void;
  onError(error: unknown): void;
}

/** An administrator or supervisor enrols an authenticator app (TOTP) for their account. */
export class SecondFactorDesk {
  readonly #deps: SecondFactorDeskDependencies;
  #isClosed = false;
  #state: SecondFactorState;

  constructor(deps: SecondFactorDeskDependencies) {
    this.#deps = deps;
    this.#state = { isEnrolled: deps.isEnrolled, step: { kind: 'idle' }, isBusy: false, problem: null };
  }

  get state(): SecondFactorState {
    return this.#state;
  }

  /** A new secret from the server, shown until confirmed or cancelled. */
  async begin(): Promise<void> {
    if (this.#state.isBusy || this.#state.isEnrolled) return;
    this.#set({ isBusy: true, problem: null });
    try {
      const { secret, uri } = await this.#deps.http.post(
        '/api/auth/second-factor/enrolment',
        secondFactorEnrolmentSchema,
        { csrfToken: this.#deps.csrfToken },
      );
      this.#set({ isBusy: false, step: { kind: 'confirming', secret, uri } });
    } catch (error) {
      this.#fail(error);
    }
  }

  /** The app's code proves it holds the secret; the recovery codes come back. */
  async confirm(code: string): Promise<void> {
    if (this.#state.isBusy || this.#state.step.kind !== 'confirming') return;
    const typed = code.replace(/\s/g, '');
    if (!/^\d{6}$/.test(typed)) return this.#set({ problem: 'wrong-code' });
    this.#set({ isBusy: true, problem: null });
    try {
      const { recoveryCodes } = await this.#deps.http.post(
        '/api/auth/second-factor/confirm',
        recoveryCodesResponseSchema,
        { csrfToken: this.#deps.csrfToken, body: { code: typed } },
      );
      this.#set({ isBusy: false, isEnrolled: true, step: { kind: 'recovery-codes', codes: recoveryCodes } });
    } catch (error) {
      this.#fail(error);
    }
  }

  /** Closes the secret (an unconfirmed enrolment stays unused) or the recovery codes, once written down. */
  dismiss(): void {
    this.#set({ step: { kind: 'idle' }, problem: null });
  }

  #fail(error: unknown): void {
    const problem: SecondFactorProblem | null =
      error instanceof HttpError
        ? error.code === 'SECOND_FACTOR_REJECTED'
          ? 'wrong-code'
          : error.code === 'ACCOUNT_LOCKED'
            ? 'locked'
            : error.code === 'INVALID_STATE'
              ? 'already-enrolled'
              : null
        : null;
    this.#set({ isBusy: false, problem });
    if (!problem) this.#deps.onError(error);
  }

  /** The session ended: answers still on their way change nothing. */
  close(): void {
    this.#isClosed = true;
  }

  #set(patch: Partial<SecondFactorState>): void {
    if (this.#isClosed) return;
    this.#state = { ...this.#state, ...patch };
    this.#deps.onChange(this.#state);
  }
}
