import type { CaptureId, CaptureStored, ConsultationView } from '@madoguchi/shared';
import { HttpClient, SignallingError } from '@madoguchi/shared/client';
import { FakeFetch, refusal } from '@madoguchi/shared/client/testing';
import { describe, expect, it, vi } from 'vitest';
import { CaptureDesk, STILL_TIMEOUT_MS, type CaptureDeskOptions } from './capture-desk.ts';

const CONSULTATION_ID = '6f1c7f3e-8a3b-4e43-9a55-3b4a0f8e2c11' as ConsultationView['consultationId'];
const STILL = '0b4f6a8e-3c1d-4e2f-9a7b-5c6d7e8f9a0b' as CaptureId;
const SIGNATURE = '1c5a7b9f-4d2e-4f30-8b8c-6d7e8f9a0b1c' as CaptureId;

const stored = (
  captureId: CaptureId,
  kind: CaptureStored['kind'],
  width = 1920,
  height = 1080,
): CaptureStored => ({
  consultationId: CONSULTATION_ID,
  captureId,
  kind,
  mimeType: kind === 'signature' ? 'image/png' : 'image/jpeg',
  width,
  height,
  byteLength: 1234,
});

const point = (x: number, t: number) => ({ x, y: 0.5, p: 0.5, t });

const setUp = () => {
  const server = new FakeFetch();
  for (const id of [STILL, SIGNATURE]) {
    server.on(`GET /api/captures/${id}`, () => ({
      status: 200,
      bytes: new Blob(['img'], { type: 'image/jpeg' }),
    }));
  }
  let urls = 0;
  const request = vi.fn(async (name: string, payload: { kind?: string }) =>
    name === 'capture:request' ? { captureId: payload.kind === 'signature' ? SIGNATURE : STILL } : {},
  );
  const options: CaptureDeskOptions = {
    consultationId: CONSULTATION_ID,
    request: request as unknown as CaptureDeskOptions['request'],
    http: new HttpClient(server.fetch),
    objectUrls: { create: vi.fn(() => `blob:${++urls}`), revoke: vi.fn() },
    onChange: vi.fn(),
    onError: vi.fn(),
  };
  const desk = new CaptureDesk(options);
  return { desk, options, request, server };
};

describe('CaptureDesk', () => {
  it('asks for a still, lists it at its stored size once fetched, and opens it in the viewer', async () => {
    const { desk, request, options } = setUp();
    await desk.requestStill();
    expect(request).toHaveBeenCalledWith('capture:request', {
      consultationId: CONSULTATION_ID,
      kind: 'document-still',
    });
    expect(desk.state.pendingStills).toBe(1);
    desk.onStored(stored(STILL, 'document-still'));
    expect(desk.state.pendingStills).toBe(0);
    await vi.waitFor(() => expect(desk.state.stills[0]?.status).toBe('ready'));
    expect(desk.state.stills[0]).toMatchObject({
      captureId: STILL,
      width: 1920,
      height: 1080,
      url: 'blob:1',
    });
    desk.openViewer(STILL);
    expect(desk.state.viewerId).toBe(STILL);
    desk.closeViewer();
    expect(desk.state.viewerId).toBeNull();
    desk.close();
    expect(options.objectUrls.revoke).toHaveBeenCalledWith('blob:1');
  });

  it('says so when a still does not arrive', async () => {
    vi.useFakeTimers();
    try {
      const { desk } = setUp();
      await desk.requestStill();
      vi.advanceTimersByTime(STILL_TIMEOUT_MS);
      expect(desk.state).toMatchObject({ pendingStills: 0, isStillMissing: true });
    } finally {
      vi.useRealTimers();
    }
  });

  it('ignores stills of another call, and images that arrive after the call ended', async () => {
    const { desk, options } = setUp();
    desk.onStored({ ...stored(STILL, 'document-still'), consultationId: SIGNATURE as never });
    expect(desk.state.stills).toEqual([]);
    desk.onStored(stored(STILL, 'document-still'));
    desk.close();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(options.objectUrls.create).not.toHaveBeenCalled();
    expect(desk.state.stills).toEqual([]);
  });

  it('follows the signature live, shows the stored image, and asks again on retry', async () => {
    const { desk, request, options } = setUp();
    await desk.requestSignature();
    expect(desk.state.signature).toMatchObject({ captureId: SIGNATURE, status: 'requested', strokes: [] });
    desk.onSignatureUpdated({
      captureId: SIGNATURE,
      strokes: [{ points: [point(0, 0), point(0.1, 10)] }],
      isCleared: false,
    });
    desk.onSignatureUpdated({
      captureId: SIGNATURE,
      strokes: [{ points: [point(0.2, 20)] }],
      isCleared: false,
    });
    expect(desk.state.signature?.status).toBe('drawing');
    expect(desk.state.signature?.strokes).toHaveLength(2);
    const epoch = desk.state.signature?.epoch ?? 0;
    desk.onSignatureUpdated({
      captureId: SIGNATURE,
      strokes: [{ points: [point(0.3, 30)] }],
      isCleared: true,
    });
    expect(desk.state.signature).toMatchObject({ strokes: [{ points: [point(0.3, 30)] }], epoch: epoch + 1 });

    // Nothing to decide before the resident is done.
    await desk.decideSignature('accept');
    expect(request).not.toHaveBeenCalledWith('signature:decide', expect.anything());

    desk.onSignatureSubmitted({ captureId: SIGNATURE });
    desk.onStored(stored(SIGNATURE, 'signature', 1000, 400));
    await vi.waitFor(() =>
      expect(desk.state.signature?.image).toEqual({ url: 'blob:1', width: 1000, height: 400 }),
    );
    expect(desk.state.stills).toEqual([]);
    await desk.decideSignature('retry');
    expect(request).toHaveBeenCalledWith('signature:decide', { captureId: SIGNATURE, decision: 'retry' });
    expect(desk.state.signature).toMatchObject({ status: 'retry', strokes: [], image: null });
    expect(options.objectUrls.revoke).toHaveBeenCalledWith('blob:1');

    desk.onSignatureUpdated({
      captureId: SIGNATURE,
      strokes: [{ points: [point(0.5, 50)] }],
      isCleared: false,
    });
    desk.onSignatureSubmitted({ captureId: SIGNATURE });
    await desk.decideSignature('accept');
    expect(desk.state.signature?.status).toBe('accepted');
  });

  it('reports a refused request and keeps the decision open after a refused decision', async () => {
    const { desk, request, options, server } = setUp();
    request.mockRejectedValueOnce(new SignallingError('INVALID_STATE', 'no kiosk'));
    await desk.requestStill();
    expect(options.onError).toHaveBeenCalled();
    expect(desk.state.pendingStills).toBe(0);
    server.on(`GET /api/captures/${STILL}`, () => refusal(404, 'NOT_FOUND'));
    desk.onStored(stored(STILL, 'document-still'));
    await vi.waitFor(() => expect(desk.state.stills[0]?.status).toBe('failed'));
  });
});
