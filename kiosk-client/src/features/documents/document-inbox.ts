import type { DocumentId, FactPayload } from '@madoguchi/shared';

/** A document the clerk pushed, shown full screen until the clerk or the resident closes it. */
export interface ShownDocument {
  documentId: DocumentId;
  width: number;
  height: number;
  /** The fetched image, as an object URL revoked when the document goes. */
  url: string | null;
  status: 'loading' | 'ready' | 'failed';
}

export interface DocumentInboxOptions {
  /** The pushed document's image, fetched with the kiosk's credential. */
  fetchImage(documentId: DocumentId): Promise<Blob>;
  /** URL.createObjectURL / revokeObjectURL: the image is held in memory, never on disk. */
  objectUrls: { create(blob: Blob): string; revoke(url: string): void };
  /** Every change of the shown document (null: none). */
  onChange(document: ShownDocument | null): void;
}

/**
 * The one document the clerk shows the resident at a time: fetched when pushed, its object URL
 * revoked as soon as it goes (closed by either side, replaced by the next, or the call over). A
 * fetch that finishes after its document went is dropped.
 */
export class DocumentInbox {
  readonly #options: DocumentInboxOptions;
  #shown: ShownDocument | null = null;

  constructor(options: DocumentInboxOptions) {
    this.#options = options;
  }

  get shown(): ShownDocument | null {
    return this.#shown;
  }

  async show({ documentId, width, height }: FactPayload<'document:shown'>): Promise<void> {
    this.drop();
    const loading: ShownDocument = { documentId, width, height, url: null, status: 'loading' };
    this.#set(loading);
    try {
      const image = await this.#options.fetchImage(documentId);
      if (this.#shown !== loading) return;
      this.#set({ ...loading, url: this.#options.objectUrls.create(image), status: 'ready' });
    } catch {
      if (this.#shown === loading) this.#set({ ...loading, status: 'failed' });
    }
  }

  /** The clerk closed this document; another one shown since stays. */
  close(documentId: DocumentId): void {
    if (this.#shown?.documentId === documentId) this.drop();
  }

  /** Whatever is shown goes, and its image is released. */
  drop(): void {
    const shown = this.#shown;
    if (!shown) return;
    if (shown.url) this.#options.objectUrls.revoke(shown.url);
    this.#set(null);
  }

  #set(document: ShownDocument | null): void {
    this.#shown = document;
    this.#options.onChange(document);
  }
}
