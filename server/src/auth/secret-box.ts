import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { AppError } from '../errors.ts';
import type { BlobKeys } from '../store/blob-store.ts';

const ivLength = 12;

/**
 * Small secrets sealed with AES-256-GCM under the capture keys (which live apart from the
 * database), each key first narrowed by HKDF to this one purpose, so a sealed TOTP secret and a
 * sealed image never share a key. The text names the key that sealed it, so the capture keys'
 * rotation (a new current key, the old ones kept for reading) covers these too; `context` (the
 * account) is authenticated, so a sealed secret copied to another account does not open.
 */
export class SecretBox {
  readonly #keys: BlobKeys;
  readonly #purpose: string;

  constructor(keys: BlobKeys, purpose: string) {
    this.#keys = keys;
    this.#purpose = purpose;
  }

  seal(plain: string, context: string): string {
    const keyId = this.#keys.currentKeyId;
    const iv = randomBytes(ivLength);
    const cipher = createCipheriv('aes-256-gcm', this.#keyOf(keyId), iv);
    cipher.setAAD(Buffer.from(context));
    const sealed = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return ['v1', keyId, iv, cipher.getAuthTag(), sealed]
      .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
      .join('.');
  }

  open(text: string, context: string): string {
    const [version, keyId, iv, tag, sealed] = text.split('.');
    if (version !== 'v1' || !keyId || iv === undefined || tag === undefined || sealed === undefined)
      throw new AppError('INTERNAL', 'a sealed secret is malformed');
    const decipher = createDecipheriv('aes-256-gcm', this.#keyOf(keyId), Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(context));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(sealed, 'base64url')), decipher.final()]).toString(
      'utf8',
    );
  }

  #keyOf(keyId: string): Buffer {
    const key = this.#keys.keys.get(keyId);
    if (!key)
      throw new AppError('INTERNAL', `a secret was sealed with key ${keyId}, which is not configured`);
    return Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), `madoguchi ${this.#purpose}`, 32));
  }
}
