import { describe, expect, it, vi } from 'vitest';
import type { ConsultationId } from '../../ids.ts';
import { CHAT_MAX_LENGTH, ChatLog, type ChatLogOptions } from './chat-log.ts';

const consultationId = '6f1c7f3e-8a3b-4e43-9a55-3b4a0f8e2c11' as ConsultationId;
const messageId = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

const setUp = (send?: ChatLogOptions['send']) => {
  const onChange = vi.fn();
  const sendFn = vi.fn(
    send ?? (async () => ({ messageId: messageId(1), sentAt: '2025-01-01T00:00:00.000Z' })),
  );
  const log = new ChatLog({ consultationId, self: 'resident', selfName: null, send: sendFn, onChange });
  return { log, send: sendFn, onChange };
};

const fact = (n: number, overrides: object = {}) => ({
  consultationId,
  messageId: messageId(n),
  from: 'clerk' as const,
  senderName: '田中',
  text: 'こんにちは',
  sentAt: '2025-01-01T00:00:01.000Z',
  ...overrides,
});

describe('ChatLog', () => {
  it('adds its own message when the server acknowledges it, trimmed', async () => {
    const { log, send } = setUp();
    expect(await log.send('  hello  ')).toBe(true);
    expect(send).toHaveBeenCalledWith('hello');
    expect(log.state.messages).toEqual([
      {
        messageId: messageId(1),
        from: 'resident',
        senderName: null,
        text: 'hello',
        sentAt: '2025-01-01T00:00:00.000Z',
        isOwn: true,
      },
    ]);
    expect(log.state.isSending).toBe(false);
  });

  it('refuses empty and too long text without sending', async () => {
    const { log, send } = setUp();
    expect(await log.send('   ')).toBe(false);
    expect(await log.send('あ'.repeat(CHAT_MAX_LENGTH + 1))).toBe(false);
    expect(send).not.toHaveBeenCalled();
  });

  it('keeps the text (says it failed) when the server refuses', async () => {
    const { log } = setUp(async () => {
      throw new Error('offline');
    });
    expect(await log.send('hello')).toBe(false);
    expect(log.state).toMatchObject({ messages: [], isSending: false, hasFailed: true });
  });

  it('sends one message at a time', async () => {
    let release: () => void = () => undefined;
    const { log, send } = setUp(
      () =>
        new Promise((resolve) => {
          release = () => resolve({ messageId: messageId(1), sentAt: '2025-01-01T00:00:00.000Z' });
        }),
    );
    const first = log.send('one');
    expect(await log.send('two')).toBe(false);
    release();
    expect(await first).toBe(true);
    expect(send).toHaveBeenCalledTimes(1);
  });

  it('receives the other side’s messages once, and none of another call', () => {
    const { log } = setUp();
    log.receive(fact(2));
    log.receive(fact(2));
    log.receive(fact(3, { consultationId: '7f1c7f3e-8a3b-4e43-9a55-3b4a0f8e2c11' }));
    expect(log.state.messages).toHaveLength(1);
    expect(log.state.messages[0]).toMatchObject({ from: 'clerk', senderName: '田中', isOwn: false });
  });

  it('drops everything after close, late acknowledgements included', async () => {
    let release: () => void = () => undefined;
    const { log, onChange } = setUp(
      () =>
        new Promise((resolve) => {
          release = () => resolve({ messageId: messageId(1), sentAt: '2025-01-01T00:00:00.000Z' });
        }),
    );
    const sending = log.send('one');
    log.close();
    onChange.mockClear();
    release();
    expect(await sending).toBe(false);
    log.receive(fact(2));
    expect(onChange).not.toHaveBeenCalled();
  });
});
