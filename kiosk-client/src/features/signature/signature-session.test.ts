import type { CaptureId, Stroke } from '@madoguchi/shared';
import { describe, expect, it, vi } from 'vitest';
import { SignatureSession, type SignatureSessionOptions } from './signature-session.ts';

const CAPTURE_ID = '0b4f6a8e-3c1d-4e2f-9a7b-5c6d7e8f9a0b' as CaptureId;
const rect = { left: 0, top: 0, width: 100, height: 100 };
const sample = (x: number, timeStamp: number) => ({
  pointerId: 1,
  clientX: x,
  clientY: 50,
  pressure: 0.5,
  timeStamp,
});

/** A session whose commands wait until released, to see what goes out while one is in flight. */
const setUp = () => {
  const sent: { name: string; payload: { strokes?: Stroke[] } }[] = [];
  const pending: (() => void)[] = [];
  const options: SignatureSessionOptions = {
    captureId: CAPTURE_ID,
    send: vi.fn((name, payload) => {
      sent.push({ name, payload: payload as { strokes?: Stroke[] } });
      return new Promise<void>((resolve) => pending.push(resolve));
    }),
    render: vi.fn(async () => new Blob(['png'])),
    upload: vi.fn(async () => undefined),
    onChange: vi.fn(),
    pieceIntervalMs: Infinity,
  };
  const session = new SignatureSession(options);
  const release = async () => {
    pending.shift()?.();
    await new Promise((resolve) => setTimeout(resolve, 0));
  };
  const stroke = (start: number) => {
    session.down(sample(start, start), rect);
    session.up(sample(start + 1, start + 1));
  };
  return { session, options, sent, release, stroke };
};

describe('SignatureSession', () => {
  it('sends one command at a time, strokes drawn meanwhile together, at most 50 a message', async () => {
    const { sent, release, stroke } = setUp();
    stroke(0);
    for (let i = 1; i <= 60; i++) stroke(i);
    expect(sent.map(({ payload }) => payload.strokes?.length)).toEqual([1]);
    await release();
    await release();
    expect(sent.map(({ payload }) => payload.strokes?.length)).toEqual([1, 50, 10]);
  });

  it('drops strokes not sent yet when cleared, and sends the clear after those on their way', async () => {
    const { session, sent, release, stroke } = setUp();
    stroke(0);
    stroke(10);
    session.clear();
    await release();
    expect(sent.map(({ name }) => name)).toEqual(['signature:strokes', 'signature:clear']);
    expect(session.view.strokes).toEqual([]);
    expect(session.view.epoch).toBe(1);
  });

  it('submits only after the live strokes went out and the image is uploaded', async () => {
    const { session, options, sent, release, stroke } = setUp();
    stroke(0);
    const submitting = session.submit({ width: 200, height: 80 });
    expect(session.view.phase).toBe('sending');
    // Drawing is locked while sending.
    expect(session.down(sample(5, 5), rect)).toBe(false);
    expect(options.render).not.toHaveBeenCalled();
    await release();
    expect(options.upload).toHaveBeenCalled();
    expect(sent.at(-1)?.name).toBe('signature:submit');
    await release();
    await submitting;
    expect(session.view.phase).toBe('submitted');
  });

  it('after an upload, tries only the submit again, with the pad as uploaded', async () => {
    const { session, options, release, stroke } = setUp();
    stroke(0);
    await release();
    vi.mocked(options.send).mockRejectedValueOnce(new Error('lost'));
    await session.submit({ width: 10, height: 10 });
    expect(session.view).toMatchObject({ phase: 'signing', hasFailed: true });
    expect(session.down(sample(5, 5), rect)).toBe(false);
    const again = session.submit({ width: 10, height: 10 });
    await new Promise((resolve) => setTimeout(resolve, 0));
    await release();
    await again;
    expect(options.upload).toHaveBeenCalledTimes(1);
    expect(session.view.phase).toBe('submitted');
  });

  it('does nothing more once closed', async () => {
    const { session, options, sent, stroke } = setUp();
    session.close();
    stroke(0);
    await session.submit({ width: 1, height: 1 });
    expect(sent).toEqual([]);
    expect(options.onChange).not.toHaveBeenCalled();
  });
});
