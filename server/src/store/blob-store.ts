import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
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

/**
 * The configured keys (`id:base64,…`, first one current), or a key generated once in the data
 * folder for a single-machine installation.
 */
export function loadBlobKeys(configured: string, dataDir: string): BlobKeys {
  if (configured.trim() !== '') {
    const entries = configured.split(',').map((entry) => {
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
