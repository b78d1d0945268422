import type { ConsultationId, DocumentId } from '@madoguchi/shared';
import { HttpClient } from '@madoguchi/shared/client';
import { FakeFetch, refusal } from '@madoguchi/shared/client/testing';
import { describe, expect, it, vi } from 'vitest';
import { DocumentDesk } from './document-desk.ts';

const consultationId = '6f1c7f3e-8a3b-4e43-9a55-3b4a0f8e2c11' as ConsultationId;
const documentId = (n: number) => `9a1c7f3e-8a3b-4e43-9a55-00000000000${n}` as DocumentId;
const route = `POST /api/consultations/${consultationId}/documents`;

const setUp = () => {
  const server = new FakeFetch();
  const close = vi.fn(async () => ({}));
  const onError = vi.fn();
  const desk = new DocumentDesk({
    consultationId,
    http: new HttpClient(server.fetch),
    csrfToken: 'csrf',
    close,
    onChange: vi.fn(),
    onError,
  });
  return { desk, server, close, onError };
};

const png = () => new Blob(['png'], { type: 'image/png' });

describe('DocumentDesk', () => {
  it('uploads the image with the CSRF token and lists it as shown', async () => {
    const { desk, server } = setUp();
    let n = 0;
    server.on(route, () => ({
      status: 200,
      body: { documentId: documentId(++n), width: 800, height: 1100 },
    }));
    await desk.push(png(), 'form.png');
    const [sent] = server.sent(route);
    expect(sent?.headers).toMatchObject({ 'content-type': 'image/png', 'x-csrf-token': 'csrf' });
    expect(sent?.body).toBeInstanceOf(Blob);
    await desk.push(png(), 'map.png');
    expect(desk.state.documents.map(({ name, isShown }) => ({ name, isShown }))).toEqual([
      { name: 'form.png', isShown: false },
      { name: 'map.png', isShown: true },
    ]);
  });

  it('refuses other file types before sending', async () => {
    const { desk, server } = setUp();
    await desk.push(new Blob(['%PDF'], { type: 'application/pdf' }), 'a.pdf');
    expect(desk.state.problem).toBe('wrong-type');
    expect(server.requests).toEqual([]);
  });

  it('says when the upload failed', async () => {
    const { desk, server, onError } = setUp();
    server.on(route, () => refusal(413, 'VALIDATION_FAILED', 'too large'));
    await desk.push(png(), 'big.png');
    expect(desk.state).toMatchObject({ isUploading: false, problem: 'failed', documents: [] });
    expect(onError).toHaveBeenCalled();
  });

  it('takes a document off the resident’s screen', async () => {
    const { desk, server, close } = setUp();
    server.on(route, { documentId: documentId(1), width: 10, height: 10 });
    await desk.push(png(), 'form.png');
    await desk.closeDocument(documentId(1));
    expect(close).toHaveBeenCalledWith({ consultationId, documentId: documentId(1) });
    expect(desk.state.documents[0]?.isShown).toBe(false);
  });
});
