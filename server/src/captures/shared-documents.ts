import { randomUUID } from 'node:crypto';
import type { ConsultationId, DocumentId } from '@madoguchi/shared';
import { AppError } from '../errors.ts';
import type { Consultation } from '../sessions/consultation.ts';
import type { ConsultationService } from '../sessions/consultation-service.ts';
import type { Participant } from '../sessions/participant.ts';
import type { BlobStore } from '../store/blob-store.ts';
import { checkImage } from './check-image.ts';

interface SharedDocument {
  documentId: DocumentId;
  consultationId: ConsultationId;
  mimeType: 'image/jpeg' | 'image/png';
  width: number;
  height: number;
}

/**
 * Forms and explanations a clerk shows on the kiosk's screen during a call. They live only as
 * long as the call: sealed in the blob store meanwhile, deleted when it ends.
 */
export class SharedDocuments {
  readonly #blobs: BlobStore;
  readonly #consultations: ConsultationService;
  readonly #documents = new Map<string, SharedDocument>();

  constructor(options: { blobs: BlobStore; consultations: ConsultationService }) {
    this.#blobs = options.blobs;
    this.#consultations = options.consultations;
    options.consultations.onEnded((consultation) => this.#forget(consultation));
  }

  /** A clerk of the running call shows an image (checked by content) on the kiosk. */
  push(
    staffId: string,
    consultationId: ConsultationId,
    declaredType: string | undefined,
    body: Buffer,
  ): SharedDocument {
    const consultation = this.#consultations.find(consultationId);
    const isClerkOfCall = consultation?.staff.some(
      (member) => member.identity.role === 'clerk' && member.identity.staffId === staffId,
    );
    if (!consultation || !isClerkOfCall) throw AppError.notFound('consultation');
    if (consultation.status !== 'active' || !consultation.kiosk)
      throw AppError.invalidState('the call is not running');
    const { mimeType, width, height } = checkImage(body, declaredType, 'document');
    const document: SharedDocument = {
      documentId: randomUUID() as DocumentId,
      consultationId,
      mimeType,
      width,
      height,
    };
    this.#blobs.put(`doc-${document.documentId}`, body);
    this.#documents.set(document.documentId, document);
    consultation.kiosk.notify('document:shown', document);
    return document;
  }

  /** The kiosk of the document's running call fetches it. */
  read(kioskId: string, documentId: string): { mimeType: string; bytes: Buffer } {
    const document = this.#documents.get(documentId);
    const consultation = document && this.#consultations.find(document.consultationId);
    if (!document || !consultation || consultation.kioskId !== kioskId) throw AppError.notFound('document');
    return { mimeType: document.mimeType, bytes: this.#blobs.get(`doc-${documentId}`) };
  }

  /** The bytes of the document last shown in the call and still on the kiosk's screen, if any. */
  shownIn(consultationId: string): Buffer | undefined {
    const shown = [...this.#documents.values()].filter(
      (document) => document.consultationId === consultationId,
    );
    const last = shown.at(-1);
    return last && this.#blobs.get(`doc-${last.documentId}`);
  }

  close(clerk: Participant, consultationId: ConsultationId, documentId: DocumentId): void {
    const document = this.#documents.get(documentId);
    const consultation = this.#consultations.current(clerk);
    if (
      !document ||
      !consultation ||
      consultation.id !== consultationId ||
      document.consultationId !== consultationId
    ) {
      throw AppError.notFound('document');
    }
    this.#delete(documentId);
    consultation.kiosk?.notify('document:closed', { consultationId, documentId });
  }

  #forget(consultation: Consultation): void {
    for (const document of [...this.#documents.values()]) {
      if (document.consultationId === consultation.id) this.#delete(document.documentId);
    }
  }

  #delete(documentId: string): void {
    this.#documents.delete(documentId);
    this.#blobs.delete(`doc-${documentId}`);
  }
}
