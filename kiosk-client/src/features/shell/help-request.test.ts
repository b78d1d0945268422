import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HELP_FAILED_MS, HELP_NOTICE_MS, HelpRequest, type HelpState } from './help-request.ts';

describe('HelpRequest', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const setUp = (send: () => Promise<unknown> = async () => ({})) => {
    const changes: (HelpState | null)[] = [];
    const sent = vi.fn(send);
    const help = new HelpRequest({ send: sent, onChange: (state) => changes.push(state) });
    return { help, sent, changes };
  };

  it('says staff are coming once the server has the request, for a while', async () => {
    const kiosk = setUp();
    await kiosk.help.request('resident');
    expect(kiosk.sent).toHaveBeenCalledWith('resident');
    expect(kiosk.changes).toEqual(['sending', 'requested']);
    vi.advanceTimersByTime(HELP_NOTICE_MS - 1);
    expect(kiosk.help.state).toBe('requested');
    vi.advanceTimersByTime(1);
    expect(kiosk.help.state).toBeNull();
  });

  it('says so when the request did not get through, for a shorter while', async () => {
    const kiosk = setUp(() => Promise.reject(new Error('offline')));
    await kiosk.help.request('device');
    expect(kiosk.changes).toEqual(['sending', 'failed']);
    vi.advanceTimersByTime(HELP_FAILED_MS);
    expect(kiosk.help.state).toBeNull();
  });

  it('sends once while a request is on its way', async () => {
    let answer: () => void = () => undefined;
    const kiosk = setUp(() => new Promise<void>((resolve) => (answer = resolve)));
    const first = kiosk.help.request('resident');
    await kiosk.help.request('resident');
    answer();
    await first;
    expect(kiosk.sent).toHaveBeenCalledOnce();
  });

  it('shows nothing of a request dismissed before its answer', async () => {
    let answer: () => void = () => undefined;
    const kiosk = setUp(() => new Promise<void>((resolve) => (answer = resolve)));
    const request = kiosk.help.request('resident');
    kiosk.help.dismiss();
    answer();
    await request;
    expect(kiosk.help.state).toBeNull();
    expect(kiosk.changes).toEqual(['sending', null]);
  });
});
