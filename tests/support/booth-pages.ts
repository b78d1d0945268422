import type { Page } from 'playwright-core';
import type { LaunchedBrowser } from './browser.ts';
import { enrollKiosk, logInClerk, openPage } from './call-flow.ts';
import { testPassword } from './identities.ts';
import type { TestServer } from './test-server.ts';

/**
 * The two screens of a call, ready to use: a clerk created, logged in and available on the
 * console, and a kiosk enrolled as `kioskId` on its attract screen.
 */
export async function openClerkAndKiosk(
  server: TestServer,
  chromium: LaunchedBrowser,
  clerkAccount: { staffId: string; displayName: string },
  kioskId: string,
): Promise<{ clerk: Page; kiosk: Page }> {
  // localhost is a secure context, so cameras work despite the self-signed certificate.
  const origin = server.url.replace('127.0.0.1', 'localhost');
  const { accounts, enrollment } = server.app.services.auth;
  await accounts.create({ ...clerkAccount, role: 'clerk', password: testPassword });
  const clerk = (await openPage(chromium.browser, `${origin}/console/`)).page;
  await logInClerk(clerk, clerkAccount.staffId, testPassword);
  const kiosk = (await openPage(chromium.browser, `${origin}/kiosk/`)).page;
  await enrollKiosk(kiosk, (await enrollment.createCode(kioskId, 'test')).code);
  return { clerk, kiosk };
}
