import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { generate } from 'selfsigned';
import type { Logger } from 'pino';

export interface TlsMaterial {
  key: string;
  cert: string;
}

/**
 * The configured certificate, or a self-signed one generated on first start and reused after
 * (browsers need a secure context for cameras anywhere but on localhost).
 */
export async function loadOrCreateCertificate(options: {
  configured: { certFile: string; keyFile: string } | undefined;
  dataDir: string;
  log: Logger;
}): Promise<TlsMaterial> {
  if (options.configured) {
    return {
      cert: await readFile(options.configured.certFile, 'utf8'),
      key: await readFile(options.configured.keyFile, 'utf8'),
    };
  }
  const dir = path.join(options.dataDir, 'tls');
  const certFile = path.join(dir, 'self-signed.crt');
  const keyFile = path.join(dir, 'self-signed.key');
  try {
    return { cert: await readFile(certFile, 'utf8'), key: await readFile(keyFile, 'utf8') };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const hostnames = ['localhost', os.hostname()];
  const ips = ['127.0.0.1', '::1', ...externalAddresses()];
  const notBefore = new Date();
  const notAfter = new Date(notBefore);
  notAfter.setFullYear(notAfter.getFullYear() + 1);
  const pems = await generate([{ name: 'commonName', value: 'madoguchi (self-signed)' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate: notBefore,
    notAfterDate: notAfter,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          ...hostnames.map((value) => ({ type: 2 as const, value })),
          ...ips.map((ip) => ({ type: 7 as const, ip })),
        ],
      },
    ],
  });
  await mkdir(dir, { recursive: true, mode: 0o700 });
  // Written beside and renamed, so a crash never leaves half a key behind.
  await writeFile(`${keyFile}.tmp`, pems.private, { mode: 0o600 });
  await writeFile(`${certFile}.tmp`, pems.cert);
  await rename(`${keyFile}.tmp`, keyFile);
  await rename(`${certFile}.tmp`, certFile);
  options.log.info({ certFile, fingerprint: pems.fingerprint }, 'generated a self-signed TLS certificate');
  return { cert: pems.cert, key: pems.private };
}

function externalAddresses(): string[] {
  return Object.values(os.networkInterfaces())
    .flatMap((addresses) => addresses ?? [])
    .filter((address) => !address.internal)
    .map((address) => address.address);
}
