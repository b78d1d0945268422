import { HttpClient } from '@madoguchi/shared/client';
import { FakeFetch, refusal } from '@madoguchi/shared/client/testing';
import { describe, expect, it, vi } from 'vitest';
import { PasswordDesk, passwordInputProblem } from './password-change.ts';

const setUp = () => {
  const server = new FakeFetch();
  const onChanged = vi.fn();
  const onError = vi.fn();
  const desk = new PasswordDesk({
    http: new HttpClient(server.fetch),
    csrfToken: 'csrf',
    onChange: vi.fn(),
    onChanged,
    onError,
  });
  return { desk, server, onChanged, onError };
};
const good = {
  currentPassword: 'abcDEF234ghjKLM5',
  newPassword: 'a passphrase of my own',
  repeated: 'a passphrase of my own',
};

describe('passwordInputProblem', () => {
  it('finds what the form can tell before sending', () => {
    expect(passwordInputProblem({ ...good, currentPassword: '' })).toBe('missing-current');
    expect(passwordInputProblem({ ...good, newPassword: 'short', repeated: 'short' })).toBe('too-short');
    expect(
      passwordInputProblem({ ...good, newPassword: '12 characters', repeated: '12 characters' }),
    ).toBeNull();
    expect(passwordInputProblem({ ...good, repeated: 'a passphrase of my owm' })).toBe('mismatch');
    expect(
      passwordInputProblem({
        currentPassword: good.newPassword,
        newPassword: good.newPassword,
        repeated: good.newPassword,
      }),
    ).toBe('same-as-current');
    expect(passwordInputProblem(good)).toBeNull();
  });
});

describe('PasswordDesk', () => {
  it('sends the current and the new password with the CSRF token, and says how many other sessions ended', async () => {
    const { desk, server, onChanged } = setUp();
    server.on('POST /api/auth/password', { endedSessions: 2 });
    await desk.change(good);
    const [sent] = server.sent('POST /api/auth/password');
    expect(sent?.headers['x-csrf-token']).toBe('csrf');
    expect(sent?.body).toEqual({ currentPassword: good.currentPassword, newPassword: good.newPassword });
    expect(desk.state).toEqual({ isSaving: false, problem: null, done: { endedSessions: 2 } });
    expect(onChanged).toHaveBeenCalledTimes(1);
  });

  it('sends nothing the form refuses', async () => {
    const { desk, server, onChanged } = setUp();
    await desk.change({ ...good, repeated: 'something else entirely' });
    expect(server.sent('POST /api/auth/password')).toHaveLength(0);
    expect(desk.state.problem).toBe('mismatch');
    expect(onChanged).not.toHaveBeenCalled();
  });

  it('words the server’s refusals, and leaves other failures to the console', async () => {
    const { desk, server, onChanged, onError } = setUp();
    const answers = [
      refusal(400, 'PASSWORD_REJECTED', 'the current password is wrong'),
      refusal(423, 'ACCOUNT_LOCKED', 'too many failed attempts'),
      refusal(429, 'RATE_LIMITED'),
      refusal(401, 'UNAUTHENTICATED'),
    ];
    server.on('POST /api/auth/password', () => answers.shift()!);
    await desk.change(good);
    expect(desk.state.problem).toBe('rejected');
    await desk.change(good);
    expect(desk.state.problem).toBe('locked');
    await desk.change(good);
    expect(desk.state.problem).toBe('rate-limited');
    await desk.change(good);
    expect(desk.state.problem).toBeNull();
    expect(onError).toHaveBeenCalledTimes(1);
    expect(onChanged).not.toHaveBeenCalled();
  });

  it('changes nothing once closed', async () => {
    const { desk, server } = setUp();
    let answer: (value: unknown) => void = () => undefined;
    server.on('POST /api/auth/password', () => new Promise((resolve) => (answer = resolve)) as never);
    const change = desk.change(good);
    desk.close();
    answer({ status: 200, body: { endedSessions: 0 } });
    await change;
    expect(desk.state.done).toBeNull();
  });
});
