import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Selectable } from 'kysely';
import { ConfigError } from '../config.ts';
import type { Database } from '../store/database.ts';
import type { Tables } from '../store/tables.ts';

/** The server's key for signature proofs (HMAC-SHA256): an id, so a rotated key can be told apart. */
export interface ProofKey {
  id: string;
  secret: Buffer;
  /** Generated beside the data because none was configured (demonstration, single machine). */
  isGenerated: boolean;
}

/**
 * The keys from `configuredFiles` (each 32 or more bytes; its file name without `.key` is the key
 * id), the first one signing new proofs and the others kept to verify the proofs they signed; or,
 * with none configured, one generated once in DATA_DIR/keys.
 */
export function loadProofKeys(configuredFiles: readonly string[], dataDir: string): ProofKey[] {
  if (configuredFiles.length > 0) {
    return configuredFiles.map((file) => {
      let secret: Buffer;
      try {
        secret = readFileSync(file);
      } catch (error) {
        throw new ConfigError(
          `invalid configuration: PROOF_KEY_FILE ${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
        );
      }
      if (secret.length < 32)
        throw new ConfigError(
          `invalid configuration: PROOF_KEY_FILE ${file} needs at least 32 bytes (head -c 32 /dev/urandom > FILE)`,
        );
      return { id: path.basename(file).replace(/\.key$/, ''), secret, isGenerated: false };
    });
  }
  const file = path.join(dataDir, 'keys', 'proof-local-1.key');
  let secret: Buffer;
  try {
    secret = readFileSync(file);
  } catch {
    mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    secret = randomBytes(32);
    writeFileSync(file, secret, { mode: 0o600, flag: 'wx' });
  }
  return [{ id: 'proof-local-1', secret, isGenerated: true }];
}

export const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

/** What an accepted signature binds. */
export interface SignatureProof {
  captureId: string;
  consultationId: string;
  clerkId: string;
  acceptedAt: number;
  imageSha256: string;
  strokesSha256: string;
  /** The document on the kiosk's screen when the signature was accepted, if one was shown. */
  documentSha256: string | null;
}

/** The bytes the MAC covers: every bound field, in a fixed order. */
function macInput(proof: SignatureProof): string {
  return JSON.stringify([
    'madoguchi-signature-proof-v1',
    proof.captureId,
    proof.consultationId,
    proof.clerkId,
    Number(proof.acceptedAt),
    proof.imageSha256,
    proof.strokesSha256,
    proof.documentSha256,
  ]);
}

export function proofMac(key: Buffer, proof: SignatureProof): string {
  return createHmac('sha256', key).update(macInput(proof)).digest('hex');
}

export function proofOf(row: Selectable<Tables['signature_proofs']>): SignatureProof {
  return {
    captureId: row.capture_id,
    consultationId: row.consultation_id,
    clerkId: row.clerk_id,
    acceptedAt: Number(row.accepted_at),
    imageSha256: row.image_sha256,
    strokesSha256: row.strokes_sha256,
    documentSha256: row.document_sha256,
  };
}

/** Whether a stored proof's MAC is the one the key gives for its fields. */
export function isProofIntact(key: ProofKey, row: Selectable<Tables['signature_proofs']>): boolean {
  if (row.key_id !== key.id) return false;
  const expected = Buffer.from(proofMac(key.secret, proofOf(row)), 'hex');
  const stored = Buffer.from(row.mac, 'hex');
  return stored.length === expected.length && timingSafeEqual(stored, expected);
}

/** Proofs of accepted signatures, written once each. */
export class SignatureProofs {
  readonly #db: Database;
  readonly #key: ProofKey;

  constructor(db: Database, key: ProofKey) {
    this.#db = db;
    this.#key = key;
  }

  async record(proof: SignatureProof): Promise<void> {
    await this.#db
      .insertInto('signature_proofs')
      .values({
        capture_id: proof.captureId,
        consultation_id: proof.consultationId,
        clerk_id: proof.clerkId,
        accepted_at: proof.acceptedAt,
        image_sha256: proof.imageSha256,
        strokes_sha256: proof.strokesSha256,
        document_sha256: proof.documentSha256,
        key_id: this.#key.id,
        mac: proofMac(this.#key.secret, proof),
      })
      .execute();
  }

  async find(captureId: string): Promise<Selectable<Tables['signature_proofs']> | undefined> {
    return this.#db
      .selectFrom('signature_proofs')
      .selectAll()
      .where('capture_id', '=', captureId)
      .executeTakeFirst();
  }
}
