import type { DatabaseSync } from 'node:sqlite';
import type { CaptureKind } from '@madoguchi/shared';

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
  readonly #db: DatabaseSync;

  constructor(db: DatabaseSync) {
    this.#db = db;
  }

  insert(
    record: Pick<
      CaptureRecord,
      'captureId' | 'consultationId' | 'kioskId' | 'kind' | 'requestedBy' | 'viewers'
    >,
    at: number,
  ): void {
    this.#db
      .prepare(
        `INSERT INTO captures (capture_id, consultation_id, kiosk_id, kind, requested_by, viewers, status, requested_at)
         VALUES (?, ?, ?, ?, ?, ?, 'requested', ?)`,
      )
      .run(
        record.captureId,
        record.consultationId,
        record.kioskId,
        record.kind,
        record.requestedBy,
        JSON.stringify(record.viewers),
        at,
      );
  }

  find(captureId: string): CaptureRecord | undefined {
    const row = this.#db.prepare('SELECT * FROM captures WHERE capture_id = ?').get(captureId);
    if (!row) return undefined;
    return {
      captureId: String(row.capture_id),
      consultationId: String(row.consultation_id),
      kioskId: String(row.kiosk_id),
      kind: String(row.kind) as CaptureKind,
      requestedBy: String(row.requested_by),
      viewers: JSON.parse(String(row.viewers)) as string[],
      status: String(row.status) as CaptureStatus,
      mimeType: row.mime_type === null ? null : (String(row.mime_type) as CaptureRecord['mimeType']),
      width: row.width === null ? null : Number(row.width),
      height: row.height === null ? null : Number(row.height),
      byteLength: row.byte_length === null ? null : Number(row.byte_length),
      hasStrokes: Number(row.has_strokes) === 1,
      expiresAt: row.expires_at === null ? null : Number(row.expires_at),
    };
  }

  markStored(
    captureId: string,
    image: { mimeType: string; width: number; height: number; byteLength: number },
    at: number,
    expiresAt: number,
  ): void {
    this.#db
      .prepare(
        `UPDATE captures SET status = 'stored', mime_type = ?, width = ?, height = ?, byte_length = ?,
         stored_at = ?, expires_at = ? WHERE capture_id = ?`,
      )
      .run(image.mimeType, image.width, image.height, image.byteLength, at, expiresAt, captureId);
  }

  markStrokes(captureId: string): void {
    this.#db.prepare('UPDATE captures SET has_strokes = 1 WHERE capture_id = ?').run(captureId);
  }

  setStatus(captureId: string, status: CaptureStatus, at?: number): void {
    if (status === 'requested') {
      this.#db
        .prepare(
          `UPDATE captures SET status = 'requested', mime_type = NULL, width = NULL, height = NULL,
           byte_length = NULL, has_strokes = 0, stored_at = NULL, expires_at = NULL WHERE capture_id = ?`,
        )
        .run(captureId);
      return;
    }
    this.#db
      .prepare(
        "UPDATE captures SET status = ?, deleted_at = CASE WHEN ? = 'deleted' THEN ? ELSE deleted_at END WHERE capture_id = ?",
      )
      .run(status, status, at ?? null, captureId);
  }

  /**
   * Captures stored before `storedBefore` whose content is still there. Measured from the upload,
   * so a retention period changed later counts for captures already stored too.
   */
  expired(storedBefore: number): string[] {
    return this.#db
      .prepare("SELECT capture_id FROM captures WHERE status IN ('stored', 'accepted') AND stored_at <= ?")
      .all(storedBefore)
      .map((row) => String(row.capture_id));
  }
}
