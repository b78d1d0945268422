import type { CaptureId } from '@madoguchi/shared';
import { fakeTrack } from '@madoguchi/shared/client/testing';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CAPTURE_NOTICE_MS, CaptureFlow } from './capture-flow.ts';

const STILL = '0b4f6a8e-3c1d-4e2f-9a7b-5c6d7e8f9a01' as CaptureId;
const SIGNATURE = '0b4f6a8e-3c1d-4e2f-9a7b-5c6d7e8f9a02' as CaptureId;
const rect = { left: 0, top: 0, width: 500, height: 200 };
const sample = (x: number, timeStamp: number) => ({
  pointerId: 1,
  clientX: x,
  clientY: 50,
  pressure: 0.5,
  timeStamp,
});

const setUp = ({ documentCamera = fakeTrack('video') as MediaStreamTrack | null } = {}) => {
  let answerStill: (image: Blob) => void = () => undefined;
  const options = {
    send: vi.fn(async () => ({})),
    documentCamera: () => documentCamera,
    grabStill: vi.fn(() => new Promise<Blob>((resolve) => (answerStill = resolve))),
    renderSignature: vi.fn(async () => new Blob(['png'], { type: 'image/png' })),
    upload: vi.fn(async () => undefined),
    onChange: vi.fn(),
  };
  const captures = new CaptureFlow(options);
  return { captures, options, answerStill: (image: Blob) => answerStill(image) };
};

describe('CaptureFlow', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('photographs the document camera, says so for a moment and uploads the still', async () => {
    const kiosk = setUp();
    kiosk.captures.request({ captureId: STILL, kind: 'document-still' });
    const image = new Blob(['jpeg'], { type: 'image/jpeg' });
    kiosk.answerStill(image);
    await vi.advanceTimersByTimeAsync(0);
    expect(kiosk.options.upload).toHaveBeenCalledWith(STILL, image);
    expect(kiosk.captures.view.captureNotice).toBe('document-photographed');
    vi.advanceTimersByTime(CAPTURE_NOTICE_MS);
    expect(kiosk.captures.view.captureNotice).toBeNull();
  });

  it('takes no still without a document camera', async () => {
    const kiosk = setUp({ documentCamera: null });
    kiosk.captures.request({ captureId: STILL, kind: 'document-still' });
    await vi.advanceTimersByTimeAsync(0);
    expect(kiosk.options.grabStill).not.toHaveBeenCalled();
  });

  it('uploads nothing of a still asked before a reset, and says nothing of it', async () => {
    const kiosk = setUp();
    kiosk.captures.request({ captureId: STILL, kind: 'document-still' });
    kiosk.captures.reset();
    kiosk.answerStill(new Blob(['jpeg']));
    await vi.advanceTimersByTimeAsync(0);
    expect(kiosk.options.upload).not.toHaveBeenCalled();
    expect(kiosk.captures.view.captureNotice).toBeNull();
  });

  it('opens the pad once per capture, taking a notice down, and thanks the resident when accepted', async () => {
    const kiosk = setUp();
    kiosk.captures.request({ captureId: STILL, kind: 'document-still' });
    kiosk.answerStill(new Blob(['jpeg']));
    await vi.advanceTimersByTimeAsync(0);
    kiosk.captures.request({ captureId: SIGNATURE, kind: 'signature' });
    const opened = kiosk.captures.view.signature;
    expect(kiosk.captures.view).toMatchObject({
      signature: { captureId: SIGNATURE, phase: 'signing' },
      captureNotice: null,
    });
    kiosk.captures.request({ captureId: SIGNATURE, kind: 'signature' });
    expect(kiosk.captures.view.signature).toBe(opened);

    kiosk.captures.decide({ captureId: STILL, decision: 'accept' });
    expect(kiosk.captures.view.signature).not.toBeNull();
    kiosk.captures.decide({ captureId: SIGNATURE, decision: 'accept' });
    expect(kiosk.captures.view).toEqual({ signature: null, captureNotice: 'signature-accepted' });
  });

  it('sends the signature through the pad, and refuses its upload once the call is over', async () => {
    const kiosk = setUp();
    kiosk.captures.request({ captureId: SIGNATURE, kind: 'signature' });
    expect(kiosk.captures.pad.down(sample(10, 1), rect)).toBe(true);
    kiosk.captures.pad.up(sample(200, 2));
    kiosk.captures.pad.done({ width: 500, height: 200 });
    await vi.advanceTimersByTimeAsync(0);
    expect(kiosk.options.upload).toHaveBeenCalledWith(SIGNATURE, expect.any(Blob));
    expect(kiosk.options.send).toHaveBeenCalledWith(
      'signature:submit',
      expect.objectContaining({ captureId: SIGNATURE }),
    );

    kiosk.captures.close();
    expect(kiosk.captures.view).toEqual({ signature: null, captureNotice: null });
    expect(kiosk.captures.pad.down(sample(10, 3), rect)).toBe(false);
  });

  it('asks for the signature again on retry, with the pad cleared', () => {
    const kiosk = setUp();
    kiosk.captures.request({ captureId: SIGNATURE, kind: 'signature' });
    kiosk.captures.pad.down(sample(10, 1), rect);
    kiosk.captures.pad.up(sample(200, 2));
    kiosk.captures.decide({ captureId: SIGNATURE, decision: 'retry' });
    expect(kiosk.captures.view.signature).toMatchObject({ captureId: SIGNATURE, isRetry: true, strokes: [] });
  });
});
