import { HttpClient } from '@madoguchi/shared/client';
import { FakeFetch, refusal } from '@madoguchi/shared/client/testing';
import { describe, expect, it, vi } from 'vitest';
import { AdminDesk } from './admin-desk.ts';

const clerk = {
  staffId: 'tanaka-y',
  displayName: '田中',
  role: 'clerk',
  boothId: null,
  isDisabled: false,
  mustChangePassword: false,
};

const setUp = () => {
  const server = new FakeFetch();
  server.on('GET /api/admin/staff', { staff: [clerk] }).on('GET /api/admin/kiosks', { kiosks: [] });
  const onError = vi.fn();
  const desk = new AdminDesk({
    http: new HttpClient(server.fetch),
    csrfToken: 'csrf',
    onChange: vi.fn(),
    onError,
  });
  return { desk, server, onError };
};

describe('AdminDesk account actions', () => {
  it('disables an account with the CSRF token, confirms it and reloads the list', async () => {
    const { desk, server } = setUp();
    server.on('POST /api/admin/staff/tanaka-y/disable', { ...clerk, isDisabled: true });
    await desk.changeAccount('tanaka-y', 'disable');
    const [sent] = server.sent('POST /api/admin/staff/tanaka-y/disable');
    expect(sent?.headers['x-csrf-token']).toBe('csrf');
    expect(desk.state).toMatchObject({
      busyStaffId: null,
      doneAction: { staffId: 'tanaka-y', action: 'disable' },
    });
    await vi.waitFor(() => expect(server.sent('GET /api/admin/staff')).toHaveLength(1));
  });

  it('shows a reset password once, until dismissed or the next action', async () => {
    const { desk, server } = setUp();
    server
      .on('POST /api/admin/staff/tanaka-y/password-reset', {
        staffId: 'tanaka-y',
        temporaryPassword: 'abcDEF234ghjKLM5',
      })
      .on('POST /api/admin/staff/tanaka-y/end-sessions', { endedSessions: 0 });
    await desk.changeAccount('tanaka-y', 'password-reset');
    expect(desk.state.temporaryPassword).toEqual({ staffId: 'tanaka-y', password: 'abcDEF234ghjKLM5' });
    desk.dismissTemporaryPassword();
    expect(desk.state.temporaryPassword).toBeNull();
    await desk.changeAccount('tanaka-y', 'password-reset');
    await desk.changeAccount('tanaka-y', 'end-sessions');
    expect(desk.state.temporaryPassword).toBeNull();
  });

  it('sends a booth only for on-site staff when changing a role', async () => {
    const { desk, server } = setUp();
    server.on('POST /api/admin/staff/tanaka-y/role', { ...clerk, role: 'onsite', boothId: 'tama-center' });
    await desk.changeRole('tanaka-y', 'onsite', 'tama-center');
    await desk.changeRole('tanaka-y', 'supervisor', 'tama-center');
    expect(server.sent('POST /api/admin/staff/tanaka-y/role').map((request) => request.body)).toEqual([
      { role: 'onsite', boothId: 'tama-center' },
      { role: 'supervisor' },
    ]);
  });

  it('reports a coded refusal (the last administrator) and confirms nothing', async () => {
    const { desk, server, onError } = setUp();
    server.on('POST /api/admin/staff/admin/disable', () => refusal(409, 'LAST_ADMINISTRATOR'));
    await desk.changeAccount('admin', 'disable');
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'LAST_ADMINISTRATOR' }));
    expect(desk.state).toMatchObject({ busyStaffId: null, doneAction: null });
  });
});
