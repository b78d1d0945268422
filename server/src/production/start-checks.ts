import { X509Certificate } from 'node:crypto';
import { verify } from '@node-rs/argon2';
import type { Logger } from 'pino';
import { ConfigError, type Config } from '../config.ts';
import { demoPassword } from '../demo/demo-identities.ts';
import { openDatabase, type Database } from '../store/database.ts';

/**
 * What production mode checks once the environment has passed `loadConfig`: the certificate
 * itself, and the accounts in the database. Refuses (PRODUCTION_UNSAFE, logged) with every reason
 * and its fix; otherwise logs what it checked and how long the password checks took.
 */
export async function refuseUnsafeProduction(options: {
  config: Config;
  /** The PEM certificate the server would present (its chain may follow). */
  certificate: string;
  log: Logger;
}): Promise<void> {
  const { config, log } = options;
  const problems: string[] = [];
  if (isSelfSignedCertificate(options.certificate)) {
    problems.push(
      `TLS_CERT_FILE (${config.tls?.certFile ?? 'generated'}) is self-signed, so browsers cannot tell this server from an impostor: set TLS_CERT_FILE and TLS_KEY_FILE to a certificate issued for this server by a CA the kiosks and consoles trust.`,
    );
  }
  const db = await openDatabase(config.database, { log: log.child({ component: 'database' }) });
  try {
    const started = performance.now();
    const check = await accountsWithDemoPassword(db);
    const ms = Math.round(performance.now() - started);
    if (check.staffIds.length > 0) {
      problems.push(
        `active staff accounts still have the published demonstration password (${check.staffIds.join(', ')}): have an administrator reset or disable them in the console (アカウント管理) in demo mode, or change them, then start again.`,
      );
    } else {
      log.info(
        { checkedAccounts: check.checked, ms },
        'no active staff account has the demonstration password',
      );
    }
  } finally {
    await db.destroy();
  }
  if (problems.length > 0) {
    const error = ConfigError.unsafeForProduction(problems);
    log.fatal({ code: error.code, problems }, error.message);
    throw error;
  }
}

/**
 * Whether the certificate names itself as its issuer and is signed by its own key. Not
 * `checkIssued`: OpenSSL's issuer check also wants a CA's key usage, which the certificate
 * `loadOrCreateCertificate` generates does not have.
 */
export function isSelfSignedCertificate(pem: string): boolean {
  const certificate = new X509Certificate(pem);
  return certificate.issuer === certificate.subject && certificate.verify(certificate.publicKey);
}

/**
 * Active accounts whose password is the demonstration one. Disabled accounts cannot log in and
 * are skipped: each check is one argon2id verification (about 30 ms, a few at a time on the
 * thread pool).
 */
export async function accountsWithDemoPassword(
  db: Database,
): Promise<{ checked: number; staffIds: string[] }> {
  const rows = await db
    .selectFrom('staff_accounts')
    .select(['staff_id', 'password_hash'])
    .where('is_disabled', '=', 0)
    .orderBy('staff_id')
    .execute();
  const matches = await Promise.all(rows.map((row) => verify(row.password_hash, demoPassword)));
  return {
    checked: rows.length,
    staffIds: rows.filter((_row, index) => matches[index]).map((row) => row.staff_id),
  };
}
