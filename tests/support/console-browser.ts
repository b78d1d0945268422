import type { StaffRole } from '@madoguchi/shared';
import { launchChromium, type LaunchedBrowser } from './browser.ts';
import { testPassword } from './identities.ts';
import { startTestServer, type TestServer } from './test-server.ts';

export interface ConsoleInBrowser {
  server: TestServer;
  chromium: LaunchedBrowser;
  /** The pages' origin, as `localhost` (a secure context for cameras and the console). */
  origin: string;
  close: () => Promise<void>;
}

/**
 * A server serving the pages, Chromium, and one staff account (password `testPassword`) to log
 * in to the console with.
 */
export async function startConsoleInBrowser(
  account: { staffId: string; displayName: string; role: StaffRole },
  env: Record<string, string> = {},
): Promise<ConsoleInBrowser> {
  const server = await startTestServer({ SERVE_CLIENTS: 'true', ...env });
  const chromium = await launchChromium();
  await server.app.services.auth.accounts.create({ ...account, password: testPassword });
  return {
    server,
    chromium,
    origin: server.url.replace('127.0.0.1', 'localhost'),
    close: async () => {
      await chromium.close();
      await server.close();
    },
  };
}
