import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { generate } from 'selfsigned';
import { afterEach, describe, expect, it } from 'vitest';
import { StaffAccounts } from '../auth/staff-accounts.ts';
import { loadConfig } from '../config.ts';
import { demoPassword } from '../demo/demo-identities.ts';
import { openDatabase } from '../store/database.ts';
import { loadOrCreateCertificate } from '../tls/certificate.ts';
import { openTestDatabase, testDatabaseKinds, type OpenTestDatabase } from '../store/testing.ts';
import { accountsWithDemoPassword, isSelfSignedCertificate, refuseUnsafeProduction } from './start-checks.ts';

const silent = pino({ level: 'silent' });

describe('isSelfSignedCertificate', () => {
  it('tells a self-signed certificate from one a CA issued', async () => {
    const ca = await generate([{ name: 'commonName', value: 'Tama City test CA' }], {
      keyType: 'ec',
      curve: 'P-256',
      extensions: [{ name: 'basicConstraints', cA: true }],
    });
    const issued = await generate([{ name: 'commonName', value: 'madoguchi.city.tama.lg.jp' }], {
      keyType: 'ec',
      curve: 'P-256',
      ca: { cert: ca.cert, key: ca.private },
    });
    expect(isSelfSignedCertificate(ca.cert)).toBe(true);
    expect(isSelfSignedCertificate(`${ca.cert}\n${issued.cert}`)).toBe(true);
    expect(isSelfSignedCertificate(`${issued.cert}\n${ca.cert}`)).toBe(false);
    expect(isSelfSignedCertificate(issued.cert)).toBe(false);
  });
});

describe.each(testDatabaseKinds())('accountsWithDemoPassword (%s)', (kind) => {
  let database: OpenTestDatabase | undefined;
  afterEach(async () => {
    await database?.close();
    database = undefined;
  });

  it('names the active accounts holding the demonstration password, not the disabled ones', async () => {
    database = await openTestDatabase(kind);
    const accounts = new StaffAccounts(database.db);
    const person = { displayName: 'テスト', role: 'clerk' as const };
    await accounts.create({ ...person, staffId: 'tanaka-y', password: demoPassword });
    await accounts.create({ ...person, staffId: 'suzuki-h', password: 'a passphrase of our own' });
    await accounts.create({ ...person, staffId: 'kato-d', password: demoPassword });
    await accounts.create({
      staffId: 'admin',
      displayName: 'admin',
      role: 'admin',
      password: 'another passphrase',
    });
    await accounts.setDisabled('kato-d', true);
    expect(await accountsWithDemoPassword(database.db)).toEqual({ checked: 3, staffIds: ['tanaka-y'] });
  });
});

describe('refuseUnsafeProduction', () => {
  let dataDir: string | undefined;
  afterEach(async () => {
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('refuses a self-signed certificate and a demo password, and passes once both are fixed', async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'madoguchi-start-checks-'));
    const config = loadConfig({
      MADOGUCHI_MODE: 'production',
      DATA_DIR: dataDir,
      TLS_CERT_FILE: '/etc/madoguchi/tls/server.crt',
      TLS_KEY_FILE: '/etc/madoguchi/tls/server.key',
      CAPTURE_KEY_FILE: '/etc/madoguchi/keys/capture-1.key',
      PROOF_KEY_FILE: '/etc/madoguchi/keys/proof-1.key',
    });
    const db = await openDatabase(config.database);
    await new StaffAccounts(db).create({
      staffId: 'admin',
      displayName: 'admin',
      role: 'admin',
      password: demoPassword,
    });
    await db.destroy();
    // The very certificate a start without TLS_CERT_FILE generates.
    const selfSigned = await loadOrCreateCertificate({ configured: undefined, dataDir, log: silent });
    await expect(
      refuseUnsafeProduction({ config, certificate: selfSigned.cert, log: silent }),
    ).rejects.toMatchObject({
      code: 'PRODUCTION_UNSAFE',
      message: expect.stringMatching(
        /\(1\) TLS_CERT_FILE .* is self-signed.*\(2\) active staff accounts still have the published demonstration password \(admin\)/,
      ),
    });

    const ca = await generate([{ name: 'commonName', value: 'Tama City test CA' }], {
      keyType: 'ec',
      curve: 'P-256',
    });
    const issued = await generate([{ name: 'commonName', value: 'madoguchi.city.tama.lg.jp' }], {
      keyType: 'ec',
      curve: 'P-256',
      ca: { cert: ca.cert, key: ca.private },
    });
    const fixed = await openDatabase(config.database);
    // Disabled accounts cannot log in, so they are not checked (the last administrator cannot be disabled through StaffAccounts).
    await fixed.updateTable('staff_accounts').set({ is_disabled: 1 }).execute();
    await fixed.destroy();
    await expect(
      refuseUnsafeProduction({ config, certificate: issued.cert, log: silent }),
    ).resolves.toBeUndefined();
  });
});
