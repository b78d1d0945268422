import { describe, expect, it } from 'vitest';
import { HttpError } from '../http-client.ts';
import { SignallingError } from '../signalling-client.ts';
import { errorMessageKey } from './error-message-key.ts';

describe('errorMessageKey', () => {
  it('translates by code, device refusals as one message, anything else as unknown', () => {
    expect(errorMessageKey(new SignallingError('TIMEOUT', 'late'))).toBe('error.TIMEOUT');
    expect(errorMessageKey(new HttpError('ACCOUNT_LOCKED', 'until 09:00', 423))).toBe('error.ACCOUNT_LOCKED');
    expect(errorMessageKey(new DOMException('denied', 'NotAllowedError'))).toBe('error.media-devices');
    expect(errorMessageKey(new DOMException('aborted', 'AbortError'))).toBe('error.unknown');
    expect(errorMessageKey(new Error('secret stack'))).toBe('error.unknown');
  });
});
