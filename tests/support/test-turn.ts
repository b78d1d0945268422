import { createHash, X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import net from 'node:net';
import { launchChromium, type LaunchedBrowser } from './browser.ts';

/** The test suite's private coturn (infra/setup/test-turn.sh), as the test command exports it. */
export interface TestTurn {
  /** `turns:127.0.0.1:<port>?transport=tcp`: TURN over TLS, as booths behind strict firewalls use. */
  url: string;
  /** coturn's static-auth-secret: a test server's TURN_SHARED_SECRET. */
  secret: string;
  /** base64 SHA-256 of the self-signed certificate's public key (the run generates it). */
  certificateSpki: string;
}

const howToStart =
  'the test command starts it (npm test); to run one file alone: ' +
  'bash infra/setup/with-test-services.sh npx vitest run --project e2e tests/e2e/turn-relay.test.ts';

/**
 * The running test coturn. Throws, saying how to start it, when the environment does not name one
 * or nothing listens where it says: a TURN test must never pass without TURN.
 */
export async function requireTestTurn(): Promise<TestTurn> {
  const { TEST_TURN_URL: url, TEST_TURN_SECRET: secret, TEST_TURN_CERT: certFile } = process.env;
  if (!url || !secret || !certFile) {
    throw new Error(`no test coturn (TEST_TURN_URL, TEST_TURN_SECRET, TEST_TURN_CERT unset): ${howToStart}`);
  }
  const match = /^turns?:([^:?]+):(\d+)/.exec(url);
  if (!match) throw new Error(`TEST_TURN_URL is not a TURN URL with host and port: ${url}`);
  const [, host, port] = match as unknown as [string, string, string];
  await reachable(host, Number(port)).catch((error: unknown) => {
    throw new Error(`the test coturn does not answer on ${host}:${port}: ${howToStart}`, { cause: error });
  });
  const pem = await readFile(certFile, 'utf8').catch((error: unknown) => {
    throw new Error(`the test coturn's certificate ${certFile} is gone: ${howToStart}`, { cause: error });
  });
  const spki = new X509Certificate(pem).publicKey.export({ type: 'spki', format: 'der' });
  return { url, secret, certificateSpki: createHash('sha256').update(spki).digest('base64') };
}

function reachable(host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port, timeout: 2_000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve();
    });
    socket.once('timeout', () => socket.destroy(new Error('connection timed out')));
    socket.once('error', reject);
  });
}

/**
 * Headless Chromium as `launchChromium` starts it, trusting the test coturn's self-signed
 * certificate by its public key and nothing else: Chromium checks a TURN server's certificate
 * like a web server's (without this, allocation over `turns:` fails with ICE error 701).
 */
export function launchChromiumTrustingTurn(turn: TestTurn): Promise<LaunchedBrowser> {
  return launchChromium([`--ignore-certificate-errors-spki-list=${turn.certificateSpki}`]);
}
