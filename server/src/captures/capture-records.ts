import type { Selectable } from 'kysely';
import type { CaptureKind } from '@madoguchi/shared';
import type { Database } from '../store/database.ts';
import type { Tables } from '../store/tables.ts';

export type CaptureStatus = 'requested' | 'stored' | 'accepted' | 'deleted';

export interface CaptureRecord {
  captureId: string;
  consultationId: string;
  kioskId: string;
  kind: CaptureKind;
  requestedBy: string;
  /** Staff ids who may view it (the clerks of the call when it was requested). */
  viewers: string[];
  status: CaptureStatus;
  mimeType: 'image/jpeg' | 'image/png' | null;
  width: number | null;
  height: number | null;
  byteLength: number | null;
  hasStrokes: boolean;
  expiresAt: number | null;
}

/** Metadata of document stills and signatures; their content lives encrypted in the blob store. */
export class CaptureRecords {
  readonly #db: Database;

  constructor(db: Database) {
    this.#db = db;
  }

  async insert(
    record: Pick<
      CaptureRecord,
      'captureId' | 'consultationId' | 'kioskId' | 'kind' | 'requestedBy' | 'viewers'
    >,
    at: number,
  ): Promise<void> {
    await this.#db
      .insertInto('captures')
      .values({
        capture_id: record.captureId,
        consultation_id: record.consultationId,
        kiosk_id: record.kioskId,
        kind: record.kind,
        requested_by: record.requestedBy,
        viewers: JSON.stringify(record.viewers),
        status: 'requested',
        requested_at: at,
      })
      .execute();
  }

  async find(captureId: string): Promise<CaptureRecord | undefined> {
    const row = await this.#db
      .selectFrom('captures')
      .selectAll()
      .where('capture_id', '=', captureId)
      .executeTakeFirst();
    return row && recordOf(row);
  }

  async markStored(
    captureId: string,
    image: { mimeType: string; width: number; height: number; byteLength: number },
    at: number,
    expiresAt: number,
  ): Promise<void> {
    await this.#db
      .updateTable('captures')
      .set({
        status: 'stored',
        mime_type: image.mimeType,
        width: image.width,
        height: image.height,
        byte_length: image.byteLength,
        stored_at: at,
        expires_at: expiresAt,
      })
      .where('capture_id', '=', captureId)
      .execute();
  }

  async markStrokes(captureId: string): Promise<void> {
    await this.#db
      .updateTable('captures')
      .set({ has_strokes: 1 })
      .where('capture_id', '=', captureId)
      .execute();
  }

  async setStatus(captureId: string, status: CaptureStatus, at?: number): Promise<void> {
    const update =
      status === 'requested'
        ? {
            status,
            mime_type: null,
            width: null,
            height: null,
            byte_length: null,
            has_strokes: 0,
            stored_at: null,
            expires_at: null,
          }
        : status === 'deleted'
          ? { status, deleted_at: at ?? null }
          : { status };
    await this.#db.updateTable('captures').set(update).where('capture_id', '=', captureId).execute();
  }

  /**
   * Captures stored before `storedBefore` whose content is still there. Measured from the upload,
   * so a retention period changed later counts for captures already stored too.
   */
  async expired(storedBefore: number): Promise<string[]> {
    const rows = await this.#db
      .selectFrom('captures')
      .select('capture_id')
      .where('status', 'in', ['stored', 'accepted'])
      .where('stored_at', '<=', storedBefore)
      .execute();
    return rows.map((row) => row.capture_id);
  }
}

function recordOf(row: Selectable<Tables['captures']>): CaptureRecord {
  return {
    captureId: row.capture_id,
    consultationId: row.consultation_id,
    kioskId: row.kiosk_id,
    kind: row.kind,
    requestedBy: row.requested_by,
    viewers: JSON.parse(row.viewers) as string[],
    status: row.status,
    mimeType: row.mime_type as CaptureRecord['mimeType'],
    width: row.width,
    height: row.height,
    byteLength: row.byte_length,
    hasStrokes: row.has_strokes === 1,
    expiresAt: row.expires_at,
  };
}
