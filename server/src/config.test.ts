import { mkdtempSync, mkdirSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

const root = mkdtempSync(path.join(os.tmpdir(), 'madoguchi-config-'));
const dataDir = path.join(root, 'data');
const keysDir = path.join(root, 'etc-keys');

/** Everything production mode asks for, outside DATA_DIR. */
const safeProduction = {
  MADOGUCHI_MODE: 'production',
  DATA_DIR: dataDir,
  TLS_CERT_FILE: path.join(root, 'tls', 'server.crt'),
  TLS_KEY_FILE: path.join(root, 'tls', 'server.key'),
  CAPTURE_KEY_FILE: path.join(keysDir, 'capture-2.key'),
  PROOF_KEY_FILE: path.join(keysDir, 'proof-1.key'),
};

function refusal(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('the configuration was accepted');
}

describe('loadConfig: mode', () => {
  it('is demo unless production is asked for', () => {
    expect(loadConfig({ DATA_DIR: dataDir }).mode).toBe('demo');
    expect(loadConfig({ DATA_DIR: dataDir, DEMO: 'true' }).mode).toBe('demo');
    expect(loadConfig(safeProduction).mode).toBe('production');
  });

  it('refuses a mode it does not know', () => {
    expect(refusal({ MADOGUCHI_MODE: 'prod' }).code).toBe('CONFIG_INVALID');
  });

  it('lets demo mode generate its certificate and keys in DATA_DIR', () => {
    const config = loadConfig({ DATA_DIR: dataDir, DEMO: 'true' });
    expect(config.tls).toBeUndefined();
    expect(config.captureKeyFiles).toEqual([]);
    expect(config.proofKeyFiles).toEqual([]);
  });

  it('lists key files, the current one first', () => {
    const config = loadConfig({
      ...safeProduction,
      CAPTURE_KEY_FILE: ` ${keysDir}/capture-2.key, ${keysDir}/capture-1.key `,
      PROOF_KEY_FILE: `${keysDir}/proof-2.key,${keysDir}/proof-1.key`,
    });
    expect(config.captureKeyFiles).toEqual([`${keysDir}/capture-2.key`, `${keysDir}/capture-1.key`]);
    expect(config.proofKeyFiles).toEqual([`${keysDir}/proof-2.key`, `${keysDir}/proof-1.key`]);
  });

  it('refuses capture keys given both as files and inline, in any mode', () => {
    const error = refusal({ DATA_DIR: dataDir, CAPTURE_KEY_FILE: 'a.key', BLOB_KEYS: 'k1:AAAA' });
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.message).toContain('CAPTURE_KEY_FILE or BLOB_KEYS, not both');
  });
});

describe('loadConfig: production mode refuses to start unsafely', () => {
  it('refuses the defaults with every reason and its fix at once', () => {
    const error = refusal({ MADOGUCHI_MODE: 'production', DATA_DIR: dataDir, DEMO: 'true' });
    expect(error.code).toBe('PRODUCTION_UNSAFE');
    expect(error.message).toContain('(1) DEMO=true');
    expect(error.message).toContain('set TLS_CERT_FILE and TLS_KEY_FILE');
    expect(error.message).toContain('set CAPTURE_KEY_FILE');
    expect(error.message).toContain('set PROOF_KEY_FILE');
    expect(error.message).toContain('(4)');
  });

  it('refuses demo mode alone', () => {
    const error = refusal({ ...safeProduction, DEMO: '1' });
    expect(error.code).toBe('PRODUCTION_UNSAFE');
    expect(error.message).toMatch(
      /^refusing to start in production mode \(MADOGUCHI_MODE=production\): \(1\) DEMO=true/,
    );
    expect(error.message).not.toContain('(2)');
  });

  it('refuses the certificate generated in DATA_DIR/tls', () => {
    const error = refusal({
      ...safeProduction,
      TLS_CERT_FILE: path.join(dataDir, 'tls', 'self-signed.crt'),
      TLS_KEY_FILE: path.join(dataDir, 'tls', 'self-signed.key'),
    });
    expect(error.code).toBe('PRODUCTION_UNSAFE');
    expect(error.message).toContain('is the self-signed certificate generated in DATA_DIR/tls');
  });

  it('refuses capture keys inline in the environment', () => {
    const { CAPTURE_KEY_FILE: _unset, ...env } = safeProduction;
    const error = refusal({ ...env, BLOB_KEYS: `k1:${Buffer.alloc(32).toString('base64')}` });
    expect(error.message).toContain('BLOB_KEYS puts the capture keys in the environment');
  });

  it('refuses a capture key or proof key inside DATA_DIR, also through a relative path or a link', () => {
    mkdirSync(dataDir, { recursive: true });
    symlinkSync(dataDir, path.join(root, 'link-to-data'));
    const inside = refusal({
      ...safeProduction,
      CAPTURE_KEY_FILE: `${keysDir}/capture-2.key,${path.relative(process.cwd(), dataDir)}/keys/capture-1.key`,
      PROOF_KEY_FILE: path.join(root, 'link-to-data', 'keys', 'proof-1.key'),
    });
    expect(inside.code).toBe('PRODUCTION_UNSAFE');
    expect(inside.message).toContain(
      `CAPTURE_KEY_FILE names ${path.relative(process.cwd(), dataDir)}/keys/capture-1.key, inside DATA_DIR`,
    );
    expect(inside.message).toContain('PROOF_KEY_FILE names');
    expect(inside.message).not.toContain('capture-2.key');
  });

  it('takes a directory beside DATA_DIR that only shares its name prefix as outside', () => {
    expect(loadConfig({ ...safeProduction, PROOF_KEY_FILE: `${dataDir}-keys/proof-1.key` }).mode).toBe(
      'production',
    );
  });
});
