import type { CommandResponse, HandshakeAuth, ProcedureId, StaffRole } from '@madoguchi/shared';
import type { TestServer } from './test-server.ts';

/** What a test client presents: its handshake and, for staff, the session cookie. */
export interface Credentials {
  auth: HandshakeAuth;
  cookie?: string;
}

export const testPassword = 'correct horse battery staple';

/** Logs a member of staff in over HTTP (creating the account the first time). */
export async function staffCredentials(
  server: TestServer,
  staffId: string,
  role: StaffRole = 'clerk',
): Promise<Credentials> {
  const { accounts } = server.app.services.auth;
  if (!(await accounts.find(staffId))) {
    await accounts.create({
      staffId,
      displayName: `Staff ${staffId}`,
      role,
      password: testPassword,
      ...(role === 'onsite'
        ? { boothId: staffId.endsWith('tama') ? 'tama-center' : 'seiseki-sakuragaoka' }
        : {}),
    });
  }
  const response = await server.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { staffId, password: testPassword },
  });
  if (response.statusCode !== 200) throw new Error(`login of ${staffId} failed: ${response.body}`);
  const cookie = response.cookies.find((c) => c.name === 'madoguchi_session');
  return { auth: { role: 'staff' }, cookie: `madoguchi_session=${cookie!.value}` };
}

/** The CSRF token of a staff session, for state-changing HTTP requests. */
export async function csrfTokenOf(server: TestServer, credentials: Credentials): Promise<string> {
  const response = await server.app.inject({
    url: '/api/auth/session',
    headers: { cookie: credentials.cookie! },
  });
  return response.json<{ csrfToken: string }>().csrfToken;
}

/** Enrolls a kiosk with a fresh code, as an operator would, and returns its credential. */
export async function kioskCredentials(server: TestServer, kioskId = 'seiseki-1'): Promise<Credentials> {
  const { code } = await server.app.services.auth.enrollment.createCode(kioskId, 'test');
  const response = await server.app.inject({ method: 'POST', url: '/api/kiosk/enroll', payload: { code } });
  if (response.statusCode !== 200) throw new Error(`enrollment of ${kioskId} failed: ${response.body}`);
  const { credential } = response.json<{ credential: string }>();
  return { auth: { role: 'kiosk', credential } };
}

/** 住民異動: clerks with the juumin-kiroku skill take it (suzuki-h at proficiency 5 first). */
export const procedureId = 'juumin-idou' as ProcedureId;

/** Asserts the kiosk's request was queued (not refused as outside opening hours). */
export function queued(response: CommandResponse<'consultation:request'>) {
  if (response.outcome !== 'queued')
    throw new Error(`expected the call to be queued, got ${response.outcome}`);
  return response.consultation;
}
