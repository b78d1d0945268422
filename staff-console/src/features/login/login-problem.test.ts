import { HttpError } from '@madoguchi/shared/client';
import { describe, expect, it } from 'vitest';
import { loginProblemOf } from './login-problem.ts';

describe('loginProblemOf', () => {
  it('words every credential refusal alike', () => {
    expect(loginProblemOf(new HttpError('UNAUTHENTICATED', 'staff id or password is wrong', 401))).toEqual({
      kind: 'wrong-credentials',
    });
    expect(loginProblemOf(new HttpError('VALIDATION_FAILED', 'password too long', 400))).toEqual({
      kind: 'wrong-credentials',
    });
  });

  it('reads until when an account is locked from the server’s message', () => {
    const error = new HttpError(
      'ACCOUNT_LOCKED',
      'too many failed attempts; try again after 2026-01-08T01:15:00.000Z',
      423,
    );
    expect(loginProblemOf(error)).toEqual({ kind: 'locked', until: '2026-01-08T01:15:00.000Z' });
    expect(loginProblemOf(new HttpError('ACCOUNT_LOCKED', 'locked', 423))).toEqual({
      kind: 'locked',
      until: null,
    });
  });

  it('tells too many attempts apart, and leaves other failures to the error banner', () => {
    expect(loginProblemOf(new HttpError('RATE_LIMITED', 'slow down', 429))).toEqual({ kind: 'rate-limited' });
    expect(loginProblemOf(new HttpError('TIMEOUT', 'no answer', 0))).toBeNull();
    expect(loginProblemOf(new Error('boom'))).toBeNull();
  });
});
