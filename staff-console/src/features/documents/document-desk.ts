import type { CommandRequest, ConsultationId, DocumentId } from '@madoguchi/shared';
import { documentUploadResponseSchema, type HttpClient } from '@madoguchi/shared/client';

/** A document the clerk showed the resident during this call. */
export interface PushedDocument {
  documentId: DocumentId;
  /** The file's name, for the clerk only (the kiosk is never told it). */
  name: string;
  width: number;
  height: number;
  /** Still on the resident's screen, as far as the clerk knows (the resident may close it too). */
  isShown: boolean;
}

export interface DocumentDeskState {
  documents: readonly PushedDocument[];
  isUploading: boolean;
  problem: 'wrong-type' | 'failed' | null;
}

export const emptyDocumentDeskState: DocumentDeskState = { documents: [], isUploading: false, problem: null };

/** What the kiosk can show: the contract's two image types. */
export const pushableTypes = ['image/jpeg', 'image/png'] as const;

export interface DocumentDeskOptions {
  consultationId: ConsultationId;
  http: Pick<HttpClient, 'postBlob'>;
  csrfToken: string;
  /** Sends `document:close`. */
  close: (payload: CommandRequest<'document:close'>) => Promise<unknown>;
  onChange: (state: DocumentDeskState) => void;
  /** A refusal to show like any other (a dead session sends the console to the login form). */
  onError: (error: unknown) => void;
}

/**
 * The documents a clerk pushes to the kiosk during one call: upload the image (the server then
 * tells the kiosk to show it), list what was shown, and take one off the resident's screen.
 */
export class DocumentDesk {
  readonly #options: DocumentDeskOptions;
  #state: DocumentDeskState = emptyDocumentDeskState;
  #isClosed = false;

  constructor(options: DocumentDeskOptions) {
    this.#options = options;
  }

  get state(): DocumentDeskState {
    return this.#state;
  }

  get consultationId(): ConsultationId {
    return this.#options.consultationId;
  }

  /** Uploads a JPEG or PNG; anything else is refused here, before it travels. */
  async push(file: Blob, name: string): Promise<void> {
    if (this.#isClosed || this.#state.isUploading) return;
    if (!(pushableTypes as readonly string[]).includes(file.type)) {
      this.#update({ problem: 'wrong-type' });
      return;
    }
    this.#update({ isUploading: true, problem: null });
    try {
      const { documentId, width, height } = await this.#options.http.postBlob(
        `/api/consultations/${this.#options.consultationId}/documents`,
        documentUploadResponseSchema,
        file,
        { csrfToken: this.#options.csrfToken },
      );
      if (this.#isClosed) return;
      // The newest replaces what the kiosk shows, so only it is still on screen.
      const earlier = this.#state.documents.map((document) => ({ ...document, isShown: false }));
      this.#update({
        isUploading: false,
        documents: [...earlier, { documentId, name, width, height, isShown: true }],
      });
    } catch (error) {
      if (this.#isClosed) return;
      this.#update({ isUploading: false, problem: 'failed' });
      this.#options.onError(error);
    }
  }

  /** Takes the document off the resident's screen. */
  async closeDocument(documentId: DocumentId): Promise<void> {
    if (this.#isClosed || !this.#state.documents.some((document) => document.documentId === documentId))
      return;
    this.#update({
      documents: this.#state.documents.map((document) =>
        document.documentId === documentId ? { ...document, isShown: false } : document,
      ),
    });
    try {
      await this.#options.close({ consultationId: this.#options.consultationId, documentId });
    } catch (error) {
      if (!this.#isClosed) this.#options.onError(error);
    }
  }

  close(): void {
    this.#isClosed = true;
  }

  #update(patch: Partial<DocumentDeskState>): void {
    this.#state = { ...this.#state, ...patch };
    this.#options.onChange(this.#state);
  }
}
