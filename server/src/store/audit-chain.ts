import { createHash } from 'node:crypto';

/** The previous hash of the first entry of the audit log. */
export const auditChainGenesis = '0'.repeat(64);

/** What of an audit entry its hash covers: everything but its sequence number. */
export interface ChainedAuditContent {
  at: number;
  actor: string;
  action: string;
  subject: string | null;
  /** As stored (JSON text), so the hash checks the bytes kept, not a re-serialisation. */
  details: string | null;
}

/**
 * An entry's hash: SHA-256 over the previous entry's hash and the entry's own content, so
 * changing, removing or reordering any entry breaks every hash after it.
 */
export function auditEntryHash(previousHash: string, entry: ChainedAuditContent): string {
  return createHash('sha256')
    .update(
      JSON.stringify([
        previousHash,
        Number(entry.at),
        entry.actor,
        entry.action,
        entry.subject,
        entry.details,
      ]),
    )
    .digest('hex');
}
