import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium binary (the /usr/bin/chromium wrapper adds flags and noise). */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/lib/chromium/chromium';

const flags = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  // Without these, Chromium keeps trying to reach the network this machine does not have.
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // Fake cameras and microphone: devices 0 and 3 are test patterns (1 is a depth format).
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream=device-count=4',
  // Media servers on loopback only: ICE must be allowed to use it.
  '--allow-loopback-in-peer-connection',
  '--autoplay-policy=no-user-gesture-required',
];

export interface LaunchedBrowser {
  browser: Browser;
  close: () => Promise<void>;
}

export interface LaunchOptions {
  /** What to start instead of Chromium itself: a wrapper that runs it (e.g. in a network namespace). */
  executablePath?: string;
}

/**
 * Headless Chromium with its own HOME and temp folders, removed on close.
 * @param extraArgs command-line flags added after the usual ones (e.g. a certificate to trust).
 */
export async function launchChromium(
  extraArgs: readonly string[] = [],
  options: LaunchOptions = {},
): Promise<LaunchedBrowser> {
  const home = await mkdtemp(path.join(os.tmpdir(), 'madoguchi-chromium-'));
  const browser = await chromium.launch({
    executablePath: options.executablePath ?? chromiumPath,
    headless: true,
    args: [...flags, ...extraArgs],
    env: { ...process.env, HOME: home, TMPDIR: home, XDG_CONFIG_HOME: home, XDG_CACHE_HOME: home },
  });
  return {
    browser,
    close: async () => {
      await browser.close().catch(() => undefined);
      await rm(home, { recursive: true, force: true });
    },
  };
}
