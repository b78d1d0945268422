import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LaunchedBrowser } from '../support/browser.ts';
import { startConsoleInBrowser, type ConsoleInBrowser } from '../support/console-browser.ts';
import { enrollKiosk, logIn, openPage } from '../support/call-flow.ts';
import { testPassword } from '../support/identities.ts';
import type { TestServer } from '../support/test-server.ts';

const artifacts = path.resolve(import.meta.dirname, '../../test-results');

describe('identities in the browser (Chromium)', () => {
  let server: TestServer;
  let chromium: LaunchedBrowser;
  let origin: string;
  let setup: ConsoleInBrowser | undefined;

  beforeAll(async () => {
    setup = await startConsoleInBrowser({ staffId: 'admin', displayName: '管理者', role: 'admin' });
    ({ server, chromium, origin } = setup);
  });

  afterAll(async () => {
    await setup?.close();
  });

  it('an administrator enrolls a kiosk with a code from the console, then revokes it', async () => {
    const adminSide = await openPage(chromium.browser, `${origin}/console/`);
    const admin = adminSide.page;
    const violations: string[] = [];
    admin.on('console', (message) => {
      if (message.text().includes('Content Security Policy')) violations.push(message.text());
    });
    await logIn(admin, 'admin', 'wrong password!');
    await admin.getByTestId('login-problem').waitFor();
    await logIn(admin, 'admin', testPassword);
    await admin.getByTestId('admin-screen').waitFor();
    await admin.getByTestId('admin-kiosk-code-seiseki-2').click();
    const code = (await admin.getByTestId('admin-enrollment-code').textContent())!.replace(/\D/g, '');
    expect(code).toMatch(/^\d{8}$/);
    await admin.screenshot({ path: path.join(artifacts, 'console-admin.png') });

    const kioskSide = await openPage(chromium.browser, `${origin}/kiosk/`);
    const kiosk = kioskSide.page;
    await enrollKiosk(kiosk, code);
    expect(await server.app.services.auth.enrollment.isEnrolled('seiseki-2')).toBe(true);

    await admin.getByTestId('admin-refresh').click();
    await admin.getByTestId('admin-kiosk-revoke-seiseki-2').click();
    await admin.getByTestId('admin-kiosk-revoke-confirm-seiseki-2').click();
    // The kiosk is cut off and asks its operator to enroll again.
    await kiosk.getByTestId('settings-kiosk-refused').waitFor();
    expect(violations).toEqual([]);

    // Every step is in the audit log the administrator can read.
    await admin.getByTestId('admin-tab-audit').click();
    await admin.locator('[data-testid=admin-audit-row][data-action=kiosk-revoked]').first().waitFor();
    expect(
      await admin.locator('[data-testid=admin-audit-row][data-action=kiosk-enrolled]').count(),
    ).toBeGreaterThan(0);

    // Logging out ends the session: a reload shows the login form again.
    await admin.getByTestId('logout-button').click();
    await admin.getByTestId('login-screen').waitFor();
    await admin.reload();
    await admin.getByTestId('login-screen').waitFor();
    await kioskSide.context.close();
    await adminSide.context.close();
  });
});
