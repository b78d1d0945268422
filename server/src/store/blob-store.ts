import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../config.ts';
import { StoreError } from './database.ts';

export interface BlobKeys {
  /** Key used for new blobs. */
  currentKeyId: string;
  /** Every key that may still be needed to read (the current one and those being retired). */
  keys: ReadonlyMap<string, Buffer>;
}

const magic = Buffer.from('MDB1');
const ivLength = 12;
const tagLength = 16;

/**
 * Files encrypted at rest with AES-256-GCM. Each file names the key that sealed it, so keys can
 * be rotated by adding a new current key and keeping the old ones until every blob they sealed
 * has passed its retention period. The blob id is authenticated too: a file copied over another
 * id does not decrypt.
 */
export class BlobStore {
  readonly #dir: string;
  readonly #keys: BlobKeys;

  constructor(dir: string, keys: BlobKeys) {
    if (!keys.keys.has(keys.currentKeyId)) throw new Error(`blob key ${keys.currentKeyId} is missing`);
    for (const [id, key] of keys.keys) {
      if (key.length !== 32) throw new Error(`blob key ${id} must be 32 bytes`);
    }
    this.#dir = dir;
    this.#keys = keys;
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  }

  put(id: string, plain: Uint8Array): void {
    const keyId = Buffer.from(this.#keys.currentKeyId);
    const iv = randomBytes(ivLength);
    const cipher = createCipheriv('aes-256-gcm', this.#keys.keys.get(this.#keys.currentKeyId)!, iv);
    cipher.setAAD(Buffer.from(id));
    const sealed = Buffer.concat([cipher.update(plain), cipher.final()]);
    const file = this.#file(id);
    writeFileSync(
      `${file}.tmp`,
      Buffer.concat([magic, Buffer.of(keyId.length), keyId, iv, cipher.getAuthTag(), sealed]),
      {
        mode: 0o600,
      },
    );
    renameSync(`${file}.tmp`, file);
  }

  get(id: string): Buffer {
    const data = readFileSync(this.#file(id));
    if (!data.subarray(0, magic.length).equals(magic))
      throw new StoreError('STORE_CORRUPT', `blob ${id} has no header`);
    const keyIdLength = data[magic.length]!;
    let offset = magic.length + 1;
    const keyId = data.subarray(offset, offset + keyIdLength).toString();
    offset += keyIdLength;
    const key = this.#keys.keys.get(keyId);
    if (!key)
      throw new StoreError(
        'STORE_CORRUPT',
        `blob ${id} was sealed with key ${keyId}, which is not configured`,
      );
    const iv = data.subarray(offset, offset + ivLength);
    const tag = data.subarray(offset + ivLength, offset + ivLength + tagLength);
    const decipher = createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAAD(Buffer.from(id));
    decipher.setAuthTag(tag);
    try {
      return Buffer.concat([decipher.update(data.subarray(offset + ivLength + tagLength)), decipher.final()]);
    } catch (error) {
      throw new StoreError('STORE_CORRUPT', `blob ${id} does not decrypt`, { cause: error });
    }
  }

  delete(id: string): void {
    rmSync(this.#file(id), { force: true });
  }

  #file(id: string): string {
    if (!/^[A-Za-z0-9._-]+$/.test(id)) throw new Error(`not a blob id: ${id}`);
    return path.join(this.#dir, `${id}.blob`);
  }
}

/** Where the capture keys come from: key files, inline `id:base64,…`, or neither (generated). */
export interface BlobKeySources {
  /** Key files, the current one first; each holds 32 bytes (raw or base64) and is named `<id>.key`. */
  files: readonly string[];
  /** `id:base64,…`, the current one first. */
  inline: string;
}

/**
 * The configured keys (files, or inline `id:base64,…`; the first one current), or a key generated
 * once in the data folder for a demonstration or single-machine installation.
 */
export function loadBlobKeys(sources: BlobKeySources, dataDir: string): BlobKeys {
  if (sources.files.length > 0) {
    const entries = sources.files.map(
      (file) => [path.basename(file).replace(/\.key$/, ''), readKeyFile(file)] as const,
    );
    const ids = entries.map(([id]) => id);
    if (new Set(ids).size !== ids.length)
      throw new ConfigError(
        `invalid configuration: CAPTURE_KEY_FILE names one key id twice: ${ids.join(', ')}`,
      );
    return { currentKeyId: entries[0]![0], keys: new Map(entries) };
  }
  if (sources.inline.trim() !== '') {
    const entries = sources.inline.split(',').map((entry) => {
      const [id, material] = entry.trim().split(':');
      if (!id || !material)
        throw new StoreError('STORE_CORRUPT', 'BLOB_KEYS must look like id:base64,id:base64');
      return [id, Buffer.from(material, 'base64')] as const;
    });
    return { currentKeyId: entries[0]![0], keys: new Map(entries) };
  }
  const file = path.join(dataDir, 'keys', 'blob-local-1.key');
  let key: Buffer;
  try {
    key = readFileSync(file);
  } catch {
    mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    key = randomBytes(32);
    writeFileSync(file, key, { mode: 0o600, flag: 'wx' });
  }
  return { currentKeyId: 'local-1', keys: new Map([['local-1', key]]) };
}

/** 32 raw bytes, or their base64 text (what `openssl rand -base64 32` writes). */
function readKeyFile(file: string): Buffer {
  let content: Buffer;
  try {
    content = readFileSync(file);
  } catch (error) {
    throw new ConfigError(
      `invalid configuration: CAPTURE_KEY_FILE ${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
    );
  }
  if (content.length === 32) return content;
  const decoded = Buffer.from(content.toString('utf8').trim(), 'base64');
  if (decoded.length !== 32)
    throw new ConfigError(
      `invalid configuration: CAPTURE_KEY_FILE ${file} must hold a 32-byte key, raw or as base64 text (head -c 32 /dev/urandom > FILE)`,
    );
  return decoded;
}
