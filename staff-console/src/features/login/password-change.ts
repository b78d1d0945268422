import { changePasswordResponseSchema } from '@madoguchi/shared';
import { HttpError, type HttpClient } from '@madoguchi/shared/client';

/** The server refuses shorter passwords; the form says so before sending. */
export const MIN_NEW_PASSWORD_LENGTH = 12;

/** What is wrong with a password change, found by the form or said by the server. */
export type PasswordProblem =
  | 'missing-current'
  | 'too-short'
  | 'mismatch'
  | 'same-as-current'
  /** The server refused it: the current password is wrong, or the new one is not allowed. */
  | 'rejected'
  /** Too many wrong current passwords: changing is locked for a while. */
  | 'locked'
  | 'rate-limited';

export interface PasswordChangeInput {
  currentPassword: string;
  newPassword: string;
  /** The new password typed again. */
  repeated: string;
}

export interface PasswordState {
  isSaving: boolean;
  problem: PasswordProblem | null;
  /** The last change went through; how many other sessions of the account it ended. */
  done: { endedSessions: number } | null;
}

export const emptyPasswordState: PasswordState = { isSaving: false, problem: null, done: null };

/** What the form itself can tell before anything is sent; null when it may be sent. */
export function passwordInputProblem(input: PasswordChangeInput): PasswordProblem | null {
  if (input.currentPassword === '') return 'missing-current';
  if (input.newPassword.length < MIN_NEW_PASSWORD_LENGTH) return 'too-short';
  if (input.newPassword !== input.repeated) return 'mismatch';
  if (input.newPassword === input.currentPassword) return 'same-as-current';
  return null;
}

/** A refusal of the server in the form's words; null for failures that are not about the passwords. */
export function passwordRefusalOf(error: unknown): PasswordProblem | null {
  if (!(error instanceof HttpError)) return null;
  switch (error.code) {
    case 'PASSWORD_REJECTED':
    case 'VALIDATION_FAILED':
      return 'rejected';
    case 'ACCOUNT_LOCKED':
      return 'locked';
    case 'RATE_LIMITED':
      return 'rate-limited';
    default:
      return null;
  }
}

export interface PasswordDeskDependencies {
  http: HttpClient;
  csrfToken: string;
  onChange(state: PasswordState): void;
  /** The password was changed (after a reset, the account may now do everything else). */
  onChanged(): void;
  /** Failures that are not about the passwords (a dead session, the network). */
  onError(error: unknown): void;
}

/** One staff member changes their own password: the forced change after a reset, or by choice. */
export class PasswordDesk {
  readonly #deps: PasswordDeskDependencies;
  #isClosed = false;
  #state: PasswordState = emptyPasswordState;

  constructor(deps: PasswordDeskDependencies) {
    this.#deps = deps;
  }

  get state(): PasswordState {
    return this.#state;
  }

  async change(input: PasswordChangeInput): Promise<void> {
    if (this.#state.isSaving) return;
    const problem = passwordInputProblem(input);
    if (problem) return this.#set({ problem, done: null });
    this.#set({ isSaving: true, problem: null, done: null });
    try {
      const { endedSessions } = await this.#deps.http.post(
        '/api/auth/password',
        changePasswordResponseSchema,
        {
          csrfToken: this.#deps.csrfToken,
          body: { currentPassword: input.currentPassword, newPassword: input.newPassword },
        },
      );
      this.#set({ isSaving: false, done: { endedSessions } });
      this.#deps.onChanged();
    } catch (error) {
      const refusal = passwordRefusalOf(error);
      this.#set({ isSaving: false, problem: refusal });
      if (!refusal) this.#deps.onError(error);
    }
  }

  /** Forgets the confirmation or the problem (the form was closed). */
  dismiss(): void {
    this.#set({ problem: null, done: null });
  }

  /** The session ended: answers still on their way change nothing. */
  close(): void {
    this.#isClosed = true;
  }

  #set(patch: Partial<PasswordState>): void {
    if (this.#isClosed) return;
    this.#state = { ...this.#state, ...patch };
    this.#deps.onChange(this.#state);
  }
}
