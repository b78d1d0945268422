import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import {
  captureLimits,
  type CaptureId,
  type CaptureKind,
  type ConsultationId,
  type Stroke,
} from '@madoguchi/shared';
import type { AuditLog } from '../auth/audit-log.ts';
import { AppError } from '../errors.ts';
import type { ConsultationService } from '../sessions/consultation-service.ts';
import type { Participant } from '../sessions/participant.ts';
import type { BlobStore } from '../store/blob-store.ts';
import { checkImage } from './check-image.ts';
import type { CaptureRecord, CaptureRecords } from './capture-records.ts';

export interface CaptureServiceOptions {
  records: CaptureRecords;
  blobs: BlobStore;
  consultations: ConsultationService;
  audit: AuditLog;
  /** How long stills and signatures are kept, as now in force (the catalogue may change it). */
  retentionMs: () => number;
  log: Logger;
  now?: () => number;
}

/**
 * Document stills and signatures: requested by a clerk during a call, uploaded by the kiosk,
 * stored encrypted, shown only to the clerks of that call (and supervisors), every view audited,
 * deleted when the retention period ends.
 */
export class CaptureService {
  readonly #records: CaptureRecords;
  readonly #blobs: BlobStore;
  readonly #consultations: ConsultationService;
  readonly #audit: AuditLog;
  readonly #retentionMs: () => number;
  readonly #log: Logger;
  readonly #now: () => number;
  /** Strokes of signatures being drawn, until submitted. */
  readonly #drawing = new Map<string, Stroke[]>();

  constructor(options: CaptureServiceOptions) {
    this.#records = options.records;
    this.#blobs = options.blobs;
    this.#consultations = options.consultations;
    this.#audit = options.audit;
    this.#retentionMs = options.retentionMs;
    this.#log = options.log;
    this.#now = options.now ?? Date.now;
  }

  request(clerk: Participant, consultationId: ConsultationId, kind: CaptureKind): CaptureId {
    const consultation = this.#consultations.current(clerk);
    if (!consultation || consultation.id !== consultationId || !consultation.staff.includes(clerk)) {
      throw AppError.notFound('consultation');
    }
    if (consultation.status !== 'active' || !consultation.kiosk)
      throw AppError.invalidState('the call is not running');
    const captureId = randomUUID() as CaptureId;
    this.#records.insert(
      {
        captureId,
        consultationId,
        kioskId: consultation.kioskId,
        kind,
        requestedBy: staffIdOf(clerk),
        viewers: consultation.staff.map(staffIdOf),
      },
      this.#now(),
    );
    if (kind === 'signature') this.#drawing.set(captureId, []);
    consultation.kiosk.notify('capture:requested', { consultationId, captureId, kind });
    this.#log.info({ consultationId, captureId, kind }, 'capture requested');
    return captureId;
  }

  /** The kiosk's upload: checked by content (type, dimensions, size), then sealed and stored. */
  upload(
    kioskId: string,
    captureId: string,
    declaredType: string | undefined,
    body: Buffer,
  ): { width: number; height: number } {
    const record = this.#records.find(captureId);
    if (!record || record.kioskId !== kioskId) throw AppError.notFound('capture');
    if (record.status !== 'requested') throw AppError.invalidState('this capture was already uploaded');
    const consultation = this.#consultations.find(record.consultationId as ConsultationId);
    if (!consultation || consultation.status !== 'active') throw AppError.invalidState('the call is over');
    const size = checkImage(body, declaredType, 'image');
    const { mimeType } = size;
    this.#blobs.put(captureId, body);
    const now = this.#now();
    this.#records.markStored(
      captureId,
      { mimeType, width: size.width, height: size.height, byteLength: body.length },
      now,
      now + this.#retentionMs(),
    );
    for (const clerk of consultation.staff) {
      clerk.notify('capture:stored', {
        consultationId: consultation.id,
        captureId: captureId as CaptureId,
        kind: record.kind,
        mimeType,
        width: size.width,
        height: size.height,
        byteLength: body.length,
      });
    }
    this.#log.info(
      { captureId, kind: record.kind, width: size.width, height: size.height, bytes: body.length },
      'capture stored',
    );
    return { width: size.width, height: size.height };
  }

  addStrokes(kiosk: Participant, captureId: CaptureId, strokes: Stroke[]): void {
    const { record, consultation } = this.#signatureBeingDrawn(kiosk, captureId);
    const drawn = this.#drawing.get(captureId)!;
    if (drawn.length + strokes.length > captureLimits.maxStrokesPerSignature) {
      throw AppError.validation(`strokes: at most ${captureLimits.maxStrokesPerSignature} per signature`);
    }
    drawn.push(...strokes);
    for (const clerk of consultation.staff)
      clerk.notify('signature:updated', {
        captureId: record.captureId as CaptureId,
        strokes,
        isCleared: false,
      });
  }

  clearStrokes(kiosk: Participant, captureId: CaptureId): void {
    const { consultation } = this.#signatureBeingDrawn(kiosk, captureId);
    this.#drawing.set(captureId, []);
    for (const clerk of consultation.staff)
      clerk.notify('signature:updated', { captureId, strokes: [], isCleared: true });
  }

  submitSignature(kiosk: Participant, captureId: CaptureId): void {
    const { record, consultation } = this.#signatureInCall(kiosk, captureId);
    if (record.status !== 'stored')
      throw AppError.invalidState('upload the signature image before submitting');
    const strokes = this.#drawing.get(captureId) ?? [];
    if (strokes.length === 0) throw AppError.invalidState('the signature has no strokes');
    this.#blobs.put(`${captureId}.strokes`, Buffer.from(JSON.stringify(strokes)));
    this.#records.markStrokes(captureId);
    this.#drawing.delete(captureId);
    for (const clerk of consultation.staff) clerk.notify('signature:submitted', { captureId });
  }

  decide(clerk: Participant, captureId: CaptureId, decision: 'accept' | 'retry'): void {
    const { record, consultation } = this.#signatureInCall(clerk, captureId);
    if (record.status !== 'stored' || !record.hasStrokes)
      throw AppError.invalidState('the signature is not submitted');
    if (decision === 'accept') {
      this.#records.setStatus(captureId, 'accepted');
    } else {
      // Only the signature that is finally accepted is kept.
      this.#blobs.delete(captureId);
      this.#blobs.delete(`${captureId}.strokes`);
      this.#records.setStatus(captureId, 'requested');
      this.#drawing.set(captureId, []);
    }
    this.#audit.record({ actor: staffIdOf(clerk), action: `signature-${decision}`, subject: captureId });
    consultation.kiosk?.notify('signature:decided', { captureId, decision });
  }

  /** The image for a member of staff allowed to see it; every view is written to the audit log. */
  view(viewer: { staffId: string; role: string }, captureId: string): { mimeType: string; bytes: Buffer } {
    const record = this.#viewable(viewer, captureId);
    this.#audit.record({ actor: viewer.staffId, action: 'capture-viewed', subject: captureId });
    return { mimeType: record.mimeType!, bytes: this.#blobs.get(captureId) };
  }

  strokesOf(viewer: { staffId: string; role: string }, captureId: string): Stroke[] {
    const record = this.#viewable(viewer, captureId);
    if (!record.hasStrokes) throw AppError.notFound('strokes');
    this.#audit.record({ actor: viewer.staffId, action: 'signature-strokes-viewed', subject: captureId });
    return JSON.parse(this.#blobs.get(`${captureId}.strokes`).toString()) as Stroke[];
  }

  /** Deletes what has passed its retention period; returns how many captures were deleted. */
  purgeExpired(): number {
    const now = this.#now();
    const expired = this.#records.expired(now - this.#retentionMs());
    for (const captureId of expired) {
      this.#blobs.delete(captureId);
      this.#blobs.delete(`${captureId}.strokes`);
      this.#records.setStatus(captureId, 'deleted', now);
      this.#audit.record({ actor: 'retention', action: 'capture-deleted', subject: captureId });
    }
    if (expired.length > 0)
      this.#log.info({ deleted: expired.length }, 'captures past their retention deleted');
    return expired.length;
  }

  #viewable(viewer: { staffId: string; role: string }, captureId: string): CaptureRecord {
    const record = this.#records.find(captureId);
    const isOverseer = viewer.role === 'supervisor' || viewer.role === 'admin';
    if (!record || (!isOverseer && !record.viewers.includes(viewer.staffId)))
      throw AppError.notFound('capture');
    if (record.status !== 'stored' && record.status !== 'accepted') throw AppError.notFound('capture');
    return record;
  }

  /** The signature, if it belongs to the call the participant is in now. */
  #signatureInCall(participant: Participant, captureId: CaptureId) {
    const record = this.#records.find(captureId);
    const consultation = this.#consultations.current(participant);
    if (
      !record ||
      record.kind !== 'signature' ||
      !consultation ||
      record.consultationId !== consultation.id
    ) {
      throw AppError.notFound('signature');
    }
    return { record, consultation };
  }

  /** The signature the kiosk is drawing now. */
  #signatureBeingDrawn(kiosk: Participant, captureId: CaptureId) {
    const { record, consultation } = this.#signatureInCall(kiosk, captureId);
    if (record.status !== 'requested' || !this.#drawing.has(captureId)) {
      throw AppError.invalidState('this signature is not open for drawing');
    }
    return { record, consultation };
  }
}

function staffIdOf(participant: Participant): string {
  if (participant.identity.role === 'kiosk') throw AppError.forbidden('this command');
  return participant.identity.staffId;
}
