import { HttpError } from '@madoguchi/shared/client';

/** Why the login form is shown again, or what is wrong with what was typed into it. */
export type LoginProblem =
  | { kind: 'invalid-staff-id' }
  | { kind: 'missing-password' }
  | { kind: 'wrong-credentials' }
  /** `until` is the end of the lock as the server said it, or null if it did not say. */
  | { kind: 'locked'; until: string | null }
  | { kind: 'rate-limited' }
  /** The authenticator app's code (or the recovery code) is wrong, or was used already. */
  | { kind: 'wrong-code' }
  /** The step between password and code took too long: the password is asked again. */
  | { kind: 'code-expired' }
  /** The session ended elsewhere (logout everywhere, expiry, a disabled account). */
  | { kind: 'session-ended' };

const isoInstant = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})/;

/**
 * What a refused login means to the person at the form; null for failures that are not about the
 * login (the network, the server), which are shown as ordinary errors.
 */
export function loginProblemOf(error: unknown): LoginProblem | null {
  if (!(error instanceof HttpError)) return null;
  switch (error.code) {
    // The server words every refusal alike (unknown id, wrong password, disabled account), and so
    // does this form; a request it could not parse can only hold a malformed id or password.
    case 'UNAUTHENTICATED':
    case 'VALIDATION_FAILED':
      return { kind: 'wrong-credentials' };
    case 'ACCOUNT_LOCKED': {
      // The lock's end travels only in the message ("… try again after <ISO time>").
      const until = isoInstant.exec(error.message)?.[0] ?? null;
      return { kind: 'locked', until: until !== null && Number.isFinite(Date.parse(until)) ? until : null };
    }
    case 'RATE_LIMITED':
      return { kind: 'rate-limited' };
    case 'SECOND_FACTOR_REJECTED':
      return { kind: 'wrong-code' };
    default:
      return null;
  }
}
