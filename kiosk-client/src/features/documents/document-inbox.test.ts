import type { DocumentId, FactPayload } from '@madoguchi/shared';
import { describe, expect, it, vi } from 'vitest';
import { DocumentInbox, type ShownDocument } from './document-inbox.ts';

const FIRST = '9d1f0c4e-1111-4a5e-8f57-2a8f3f0b9d21' as DocumentId;
const SECOND = '9d1f0c4e-2222-4a5e-8f57-2a8f3f0b9d21' as DocumentId;

const pushed = (documentId: DocumentId) =>
  ({
    consultationId: 'c',
    documentId,
    mimeType: 'image/png',
    width: 800,
    height: 1100,
  }) as unknown as FactPayload<'document:shown'>;

const setUp = () => {
  const answers = new Map<DocumentId, { resolve: (blob: Blob) => void; reject: (error: unknown) => void }>();
  const changes: (ShownDocument | null)[] = [];
  let urls = 0;
  const objectUrls = { create: vi.fn(() => `blob:${++urls}`), revoke: vi.fn() };
  const inbox = new DocumentInbox({
    fetchImage: (documentId) =>
      new Promise((resolve, reject) => answers.set(documentId, { resolve, reject })),
    objectUrls,
    onChange: (document) => changes.push(document),
  });
  return { inbox, answers, changes, objectUrls };
};

describe('DocumentInbox', () => {
  it('shows a pushed document as loading, then ready with its image, and releases it when closed', async () => {
    const kiosk = setUp();
    const showing = kiosk.inbox.show(pushed(FIRST));
    expect(kiosk.inbox.shown).toEqual({
      documentId: FIRST,
      width: 800,
      height: 1100,
      url: null,
      status: 'loading',
    });
    kiosk.answers.get(FIRST)?.resolve(new Blob(['png']));
    await showing;
    expect(kiosk.inbox.shown).toMatchObject({ documentId: FIRST, url: 'blob:1', status: 'ready' });

    kiosk.inbox.close(SECOND);
    expect(kiosk.inbox.shown?.documentId).toBe(FIRST);
    kiosk.inbox.close(FIRST);
    expect(kiosk.inbox.shown).toBeNull();
    expect(kiosk.objectUrls.revoke).toHaveBeenCalledWith('blob:1');
    expect(kiosk.changes.at(-1)).toBeNull();
  });

  it('says so when the image cannot be fetched', async () => {
    const kiosk = setUp();
    const showing = kiosk.inbox.show(pushed(FIRST));
    kiosk.answers.get(FIRST)?.reject(new Error('404'));
    await showing;
    expect(kiosk.inbox.shown).toMatchObject({ documentId: FIRST, status: 'failed' });
  });

  it('replaces one document by the next, and drops the fetch of one that went meanwhile', async () => {
    const kiosk = setUp();
    const first = kiosk.inbox.show(pushed(FIRST));
    const second = kiosk.inbox.show(pushed(SECOND));
    kiosk.answers.get(FIRST)?.resolve(new Blob(['first']));
    await first;
    expect(kiosk.inbox.shown).toMatchObject({ documentId: SECOND, status: 'loading' });
    expect(kiosk.objectUrls.create).not.toHaveBeenCalled();

    kiosk.inbox.drop();
    kiosk.answers.get(SECOND)?.reject(new Error('aborted'));
    await second;
    expect(kiosk.inbox.shown).toBeNull();
  });
});
