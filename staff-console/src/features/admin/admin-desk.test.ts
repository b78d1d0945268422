import type { AuditEntry } from '@madoguchi/shared';
import { HttpClient } from '@madoguchi/shared/client';
import { FakeFetch, refusal } from '@madoguchi/shared/client/testing';
import { describe, expect, it, vi } from 'vitest';
import { AdminDesk } from './admin-desk.ts';

const auditRoute = 'GET /api/admin/audit?limit=200';

const entries: AuditEntry[] = [
  {
    at: '2025-05-15T01:02:03.000Z',
    actor: 'admin-a',
    action: 'audit-log-viewed',
    subject: null,
    details: null,
  },
  {
    at: '2025-05-15T01:00:00.000Z',
    actor: 'admin-a',
    action: 'kiosk-revoked',
    subject: 'seiseki-1',
    details: null,
  },
];

const setUp = () => {
  const server = new FakeFetch();
  const onChange = vi.fn();
  const onError = vi.fn();
  const desk = new AdminDesk({ http: new HttpClient(server.fetch), csrfToken: 'csrf', onChange, onError });
  return { desk, server, onChange, onError };
};

describe('AdminDesk audit log', () => {
  it('leaves the log alone while loading the identities, since every read of it is itself recorded', async () => {
    const { desk, server } = setUp();
    server.on('GET /api/admin/staff', { staff: [] }).on('GET /api/admin/kiosks', { kiosks: [] });
    await desk.load();
    expect(server.sent(auditRoute)).toEqual([]);
    expect(desk.state).toMatchObject({ audit: null, isLoadingAudit: false });
  });

  it('loads the latest 200 entries, newest first as sent, with a GET that needs no CSRF token', async () => {
    const { desk, server, onChange } = setUp();
    server.on(auditRoute, { entries });
    const loading = desk.loadAudit();
    expect(desk.state.isLoadingAudit).toBe(true);
    await loading;
    expect(desk.state).toMatchObject({ audit: entries, isLoadingAudit: false });
    expect(server.sent(auditRoute)).toHaveLength(1);
    expect(server.sent(auditRoute)[0]?.headers).not.toHaveProperty('x-csrf-token');
    expect(onChange).toHaveBeenLastCalledWith(expect.objectContaining({ audit: entries }));
  });

  it('sends one request while one is on its way, and a new one on refresh', async () => {
    const { desk, server } = setUp();
    server.on(auditRoute, { entries });
    await Promise.all([desk.loadAudit(), desk.loadAudit()]);
    expect(server.sent(auditRoute)).toHaveLength(1);
    server.on(auditRoute, { entries: entries.slice(1) });
    await desk.loadAudit();
    expect(server.sent(auditRoute)).toHaveLength(2);
    expect(desk.state.audit).toEqual(entries.slice(1));
  });

  it('reports a refusal or a malformed answer, and keeps what it showed', async () => {
    const { desk, server, onError } = setUp();
    server.on(auditRoute, { entries });
    await desk.loadAudit();
    server.on(auditRoute, () => refusal(403, 'FORBIDDEN'));
    await desk.loadAudit();
    expect(onError).toHaveBeenLastCalledWith(expect.objectContaining({ code: 'FORBIDDEN' }));
    server.on(auditRoute, { entries: [{ at: 'yesterday', actor: 'x', action: 'login', subject: null }] });
    await desk.loadAudit();
    expect(onError).toHaveBeenCalledTimes(2);
    expect(desk.state).toMatchObject({ audit: entries, isLoadingAudit: false });
  });

  it('changes nothing when the answer comes after a logout', async () => {
    const { desk, server, onChange, onError } = setUp();
    server.on(auditRoute, () => refusal(401, 'UNAUTHENTICATED'));
    const loading = desk.loadAudit();
    desk.close();
    onChange.mockClear();
    await loading;
    expect(onChange).not.toHaveBeenCalled();
    expect(onError).not.toHaveBeenCalled();
  });
});
