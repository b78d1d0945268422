/**
 * Checks the audit log's hash chain from its first entry and every signature proof (its MAC
 * under the server's proof key, and the stored image and strokes against the hashes it binds).
 * Prints one line per check and the first break; exits 1 when anything fails.
 *
 *   npm run audit:verify
 */
import path from 'node:path';
import { verifyAuditChain } from '../auth/audit-log.ts';
import { isProofIntact, loadProofKeys, sha256 } from '../captures/signature-proofs.ts';
import { loadConfig } from '../config.ts';
import { BlobStore, loadBlobKeys } from '../store/blob-store.ts';
import { describeDatabase, openDatabase } from '../store/database.ts';

const config = loadConfig();
const db = await openDatabase(config.database);
let isIntact = true;
try {
  process.stdout.write(`audit:verify ${describeDatabase(config.database)}\n`);
  const chain = await verifyAuditChain(db);
  if (chain.firstBreak) {
    isIntact = false;
    process.stdout.write(
      `audit log: BROKEN at entry ${chain.firstBreak.seq}: ${chain.firstBreak.reason} (${chain.entries} entries before it hold)\n`,
    );
  } else {
    process.stdout.write(`audit log: ${chain.entries} entries, chain intact\n`);
  }
  const keys = loadProofKeys(config.proofKeyFiles, config.dataDir);
  const blobs = new BlobStore(
    path.join(config.dataDir, 'blobs'),
    loadBlobKeys({ files: config.captureKeyFiles, inline: config.blobKeys }, config.dataDir),
  );
  const proofs = await db.selectFrom('signature_proofs').selectAll().orderBy('accepted_at').execute();
  let broken = 0;
  for (const proof of proofs) {
    // Each proof names its key: a rotated-out key listed after the current one still verifies it.
    const key = keys.find((candidate) => candidate.id === proof.key_id) ?? keys[0]!;
    const problem = !isProofIntact(key, proof)
      ? `its MAC does not match its fields under key ${key.id}`
      : contentProblem(blobs, proof.capture_id, proof.image_sha256, proof.strokes_sha256);
    if (problem) {
      broken++;
      process.stdout.write(`signature proof ${proof.capture_id}: BROKEN: ${problem}\n`);
    }
  }
  process.stdout.write(`signature proofs: ${proofs.length} checked, ${broken} broken\n`);
  if (broken > 0) isIntact = false;
} finally {
  await db.destroy();
}
process.stdout.write(isIntact ? 'audit:verify: OK\n' : 'audit:verify: FAILED\n');
process.exitCode = isIntact ? 0 : 1;

/** The stored image and strokes against the proof; gone after retention, which is no break. */
function contentProblem(
  blobs: BlobStore,
  captureId: string,
  imageSha256: string,
  strokesSha256: string,
): string | undefined {
  let image: Buffer;
  let strokes: Buffer;
  try {
    image = blobs.get(captureId);
    strokes = blobs.get(`${captureId}.strokes`);
  } catch {
    return undefined;
  }
  if (sha256(image) !== imageSha256) return 'the stored image is not the one signed';
  if (sha256(strokes) !== strokesSha256) return 'the stored strokes are not the ones signed';
  return undefined;
}
