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
import { sha256, type SignatureProofs } from './signature-proofs.ts';
import type { CaptureRecord, CaptureRecords } from './capture-records.ts';

export interface CaptureServiceOptions {
  records: CaptureRecords;
  blobs: BlobStore;
  consultations: ConsultationService;
  audit: AuditLog;
  /** Proofs of accepted signatures. */
  proofs: SignatureProofs;
  /** The document on the kiosk's screen in a consultation now, if any (bound into proofs). */
  documentShown: (consultationId: string) => Buffer | undefined;
  /** How long stills and signatures are kept, as now in force (the catalogue may change it). */
  retentionMs: () => number;
  log: Logger;
  now?: () => number;
}

/**
 * Document stills and signatures: requested by a clerk during a call, uploaded by the kiosk,
 * stored encrypted, shown only to the clerks who served that call (and to a supervisor who gives
 * a reason, never to administrators), every request, upload and view audited, each accepted
 * signature bound in a signed proof, deleted when the retention period ends.
 */
export class CaptureService {
  readonly #records: CaptureRecords;
  readonly #blobs: BlobStore;
  readonly #consultations: ConsultationService;
  readonly #audit: AuditLog;
  readonly #proofs: SignatureProofs;
  readonly #documentShown: (consultationId: string) => Buffer | undefined;
  readonly #retentionMs: () => number;
  readonly #log: Logger;
  readonly #now: () => number;
  /**
   * Signatures being drawn, until submitted: kept in memory so the stream of strokes never waits
   * on the database (and cannot be reordered by it).
   */
  readonly #drawing = new Map<string, { consultationId: string; strokes: Stroke[] }>();

  constructor(options: CaptureServiceOptions) {
    this.#records = options.records;
    this.#blobs = options.blobs;
    this.#consultations = options.consultations;
    this.#audit = options.audit;
    this.#proofs = options.proofs;
    this.#documentShown = options.documentShown;
    this.#retentionMs = options.retentionMs;
    this.#log = options.log;
    this.#now = options.now ?? Date.now;
  }

  async request(clerk: Participant, consultationId: ConsultationId, kind: CaptureKind): Promise<CaptureId> {
    const consultation = this.#consultations.current(clerk);
    if (!consultation || consultation.id !== consultationId || !consultation.staff.includes(clerk)) {
      throw AppError.notFound('consultation');
    }
    if (consultation.status !== 'active' || !consultation.kiosk)
      throw AppError.invalidState('the call is not running');
    const captureId = randomUUID() as CaptureId;
    await this.#records.insert(
      {
        captureId,
        consultationId,
        kioskId: consultation.kioskId,
        kind,
        requestedBy: staffIdOf(clerk),
        // The clerks who served the call so far; those who join later are added when they view.
        viewers: [...consultation.servedBy],
      },
      this.#now(),
    );
    // The call may have ended while the record was written.
    if (consultation.status !== 'active' || !consultation.kiosk)
      throw AppError.invalidState('the call is not running');
    await this.#audit.record({
      actor: staffIdOf(clerk),
      action: 'capture-requested',
      subject: captureId,
      details: { consultationId, kind },
    });
    if (kind === 'signature') this.#drawing.set(captureId, { consultationId, strokes: [] });
    consultation.kiosk.notify('capture:requested', { consultationId, captureId, kind });
    this.#log.info({ consultationId, captureId, kind }, 'capture requested');
    return captureId;
  }

  /** The kiosk's upload: checked by content (type, dimensions, size), then sealed and stored. */
  async upload(
    kioskId: string,
    captureId: string,
    declaredType: string | undefined,
    body: Buffer,
  ): Promise<{ width: number; height: number }> {
    const record = await this.#records.find(captureId);
    if (!record || record.kioskId !== kioskId) throw AppError.notFound('capture');
    if (record.status !== 'requested') throw AppError.invalidState('this capture was already uploaded');
    const consultation = this.#consultations.find(record.consultationId as ConsultationId);
    if (!consultation || consultation.status !== 'active') throw AppError.invalidState('the call is over');
    const size = checkImage(body, declaredType, 'image');
    const { mimeType } = size;
    this.#blobs.put(captureId, body);
    const now = this.#now();
    await this.#records.markStored(
      captureId,
      { mimeType, width: size.width, height: size.height, byteLength: body.length },
      now,
      now + this.#retentionMs(),
    );
    await this.#audit.record({
      actor: `kiosk:${kioskId}`,
      action: 'capture-uploaded',
      subject: captureId,
      details: {
        consultationId: record.consultationId,
        kind: record.kind,
        bytes: body.length,
        sha256: sha256(body),
      },
    });
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
    const { drawing, consultation } = this.#signatureBeingDrawn(kiosk, captureId);
    if (drawing.strokes.length + strokes.length > captureLimits.maxStrokesPerSignature) {
      throw AppError.validation(`strokes: at most ${captureLimits.maxStrokesPerSignature} per signature`);
    }
    drawing.strokes.push(...strokes);
    for (const clerk of consultation.staff)
      clerk.notify('signature:updated', { captureId, strokes, isCleared: false });
  }

  clearStrokes(kiosk: Participant, captureId: CaptureId): void {
    const { drawing, consultation } = this.#signatureBeingDrawn(kiosk, captureId);
    drawing.strokes = [];
    for (const clerk of consultation.staff)
      clerk.notify('signature:updated', { captureId, strokes: [], isCleared: true });
  }

  async submitSignature(kiosk: Participant, captureId: CaptureId): Promise<void> {
    const { record, consultation } = await this.#signatureInCall(kiosk, captureId);
    if (record.status !== 'stored')
      throw AppError.invalidState('upload the signature image before submitting');
    const strokes = this.#drawing.get(captureId)?.strokes ?? [];
    if (strokes.length === 0) throw AppError.invalidState('the signature has no strokes');
    this.#blobs.put(`${captureId}.strokes`, Buffer.from(JSON.stringify(strokes)));
    this.#drawing.delete(captureId);
    await this.#records.markStrokes(captureId);
    for (const clerk of consultation.staff) clerk.notify('signature:submitted', { captureId });
  }

  async decide(clerk: Participant, captureId: CaptureId, decision: 'accept' | 'retry'): Promise<void> {
    const { record, consultation } = await this.#signatureInCall(clerk, captureId);
    if (record.status !== 'stored' || !record.hasStrokes)
      throw AppError.invalidState('the signature is not submitted');
    if (decision === 'accept') {
      await this.#proofs.record({
        captureId,
        consultationId: record.consultationId,
        clerkId: staffIdOf(clerk),
        acceptedAt: this.#now(),
        imageSha256: sha256(this.#blobs.get(captureId)),
        strokesSha256: sha256(this.#blobs.get(`${captureId}.strokes`)),
        documentSha256: ((shown) => (shown ? sha256(shown) : null))(
          this.#documentShown(record.consultationId),
        ),
      });
      await this.#records.setStatus(captureId, 'accepted');
    } else {
      // Only the signature that is finally accepted is kept.
      this.#blobs.delete(captureId);
      this.#blobs.delete(`${captureId}.strokes`);
      await this.#records.setStatus(captureId, 'requested');
      this.#drawing.set(captureId, { consultationId: record.consultationId, strokes: [] });
    }
    await this.#audit.record({
      actor: staffIdOf(clerk),
      action: `signature-${decision}`,
      subject: captureId,
    });
    consultation.kiosk?.notify('signature:decided', { captureId, decision });
  }

  /**
   * The image for a member of staff allowed to see it: a clerk who served the call, or a
   * supervisor who says why (the reason is audited). Every view is written to the audit log.
   */
  async view(viewer: CaptureViewer, captureId: string): Promise<{ mimeType: string; bytes: Buffer }> {
    const record = await this.#viewable(viewer, captureId);
    await this.#audit.record({
      actor: viewer.staffId,
      action: 'capture-viewed',
      subject: captureId,
      ...(viewer.reason ? { details: { reason: viewer.reason } } : {}),
    });
    return { mimeType: record.mimeType!, bytes: this.#blobs.get(captureId) };
  }

  async strokesOf(viewer: CaptureViewer, captureId: string): Promise<Stroke[]> {
    const record = await this.#viewable(viewer, captureId);
    if (!record.hasStrokes) throw AppError.notFound('strokes');
    await this.#audit.record({
      actor: viewer.staffId,
      action: 'signature-strokes-viewed',
      subject: captureId,
      ...(viewer.reason ? { details: { reason: viewer.reason } } : {}),
    });
    return JSON.parse(this.#blobs.get(`${captureId}.strokes`).toString()) as Stroke[];
  }

  /** The proof recorded when the signature was accepted, if it was. */
  proofOf(captureId: string) {
    return this.#proofs.find(captureId);
  }

  /** Deletes what has passed its retention period; returns how many captures were deleted. */
  async purgeExpired(): Promise<number> {
    const now = this.#now();
    const expired = await this.#records.expired(now - this.#retentionMs());
    for (const captureId of expired) {
      this.#blobs.delete(captureId);
      this.#blobs.delete(`${captureId}.strokes`);
      await this.#records.setStatus(captureId, 'deleted', now);
      await this.#audit.record({ actor: 'retention', action: 'capture-deleted', subject: captureId });
    }
    if (expired.length > 0)
      this.#log.info({ deleted: expired.length }, 'captures past their retention deleted');
    return expired.length;
  }

  async #viewable(viewer: CaptureViewer, captureId: string): Promise<CaptureRecord> {
    // Administrators run the system; residents' documents are none of their business.
    if (viewer.role !== 'clerk' && viewer.role !== 'supervisor') throw AppError.forbidden('captures');
    if (viewer.role === 'supervisor' && !viewer.reason)
      throw AppError.validation('reason: a supervisor says why they open a capture');
    const record = await this.#records.find(captureId);
    const servedBy = record && this.#consultations.find(record.consultationId as ConsultationId)?.servedBy;
    const isClerkOfTheCall =
      record !== undefined &&
      (record.viewers.includes(viewer.staffId) || (servedBy ?? []).includes(viewer.staffId));
    if (!record || (viewer.role === 'clerk' && !isClerkOfTheCall)) throw AppError.notFound('capture');
    if (record.status !== 'stored' && record.status !== 'accepted') throw AppError.notFound('capture');
    return record;
  }

  /** The signature, if it belongs to the call the participant is in now. */
  async #signatureInCall(participant: Participant, captureId: CaptureId) {
    const record = await this.#records.find(captureId);
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

  /** The signature the kiosk is drawing now, in the call it is in now. */
  #signatureBeingDrawn(kiosk: Participant, captureId: CaptureId) {
    const drawing = this.#drawing.get(captureId);
    const consultation = this.#consultations.current(kiosk);
    if (!consultation || drawing?.consultationId !== consultation.id) {
      throw AppError.invalidState('this signature is not open for drawing');
    }
    return { drawing, consultation };
  }
}

/** Who asks to see a capture; a supervisor must give a reason. */
export interface CaptureViewer {
  staffId: string;
  role: string;
  reason?: string | undefined;
}

function staffIdOf(participant: Participant): string {
  if (participant.identity.role === 'kiosk') throw AppError.forbidden('this command');
  return participant.identity.staffId;
}
