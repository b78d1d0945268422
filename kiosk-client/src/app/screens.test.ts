import { describe, expect, it } from 'vitest';
import { nextScreen, type Screen, type ScreenEvent } from './screens.ts';

const run = (start: Screen, events: ScreenEvent[]) => events.reduce(nextScreen, start);

describe('nextScreen', () => {
  it('walks a resident through a whole call', () => {
    expect(
      run('starting', [
        { type: 'ready' },
        { type: 'procedure-selected' },
        { type: 'call-started' },
        { type: 'consultation-changed', status: 'waiting' },
        { type: 'consultation-changed', status: 'offered' },
        { type: 'consultation-changed', status: 'active' },
      ]),
    ).toBe('in-call');
    expect(nextScreen('in-call', { type: 'consultation-changed', status: 'ended' })).toBe('idle');
  });

  it('goes back from the confirm screen', () => {
    expect(run('idle', [{ type: 'procedure-selected' }, { type: 'back' }])).toBe('idle');
  });

  it('ends a call that was never answered', () => {
    expect(nextScreen('waiting', { type: 'consultation-changed', status: 'ended' })).toBe('idle');
  });

  it('tells the resident the window is closed, then starts over', () => {
    expect(run('confirm', [{ type: 'call-started' }, { type: 'closed' }])).toBe('closed');
    expect(nextScreen('closed', { type: 'wiped' })).toBe('idle');
  });

  it('shows the closed screen only for a call being placed', () => {
    for (const screen of ['idle', 'confirm', 'in-call', 'settings', 'starting'] as const) {
      expect(nextScreen(screen, { type: 'closed' })).toBe(screen);
    }
  });

  it('ignores consultation facts outside a call', () => {
    for (const screen of ['idle', 'confirm', 'settings', 'starting', 'closed'] as const) {
      expect(nextScreen(screen, { type: 'consultation-changed', status: 'active' })).toBe(screen);
    }
  });

  it('never falls back from a running call to waiting', () => {
    expect(nextScreen('in-call', { type: 'consultation-changed', status: 'offered' })).toBe('in-call');
  });

  it('opens settings only when no resident is being served', () => {
    expect(nextScreen('idle', { type: 'settings-opened' })).toBe('settings');
    expect(nextScreen('waiting', { type: 'settings-opened' })).toBe('waiting');
    expect(nextScreen('closed', { type: 'settings-opened' })).toBe('closed');
    expect(run('idle', [{ type: 'settings-opened' }, { type: 'settings-done' }, { type: 'ready' }])).toBe(
      'idle',
    );
  });

  it('wipes back to idle but not out of settings', () => {
    expect(nextScreen('in-call', { type: 'wiped' })).toBe('idle');
    expect(nextScreen('settings', { type: 'wiped' })).toBe('settings');
  });

  it('goes back to waiting when a restarted server re-queues the call, from a call only', () => {
    expect(nextScreen('in-call', { type: 'requeued' })).toBe('waiting');
    expect(nextScreen('waiting', { type: 'requeued' })).toBe('waiting');
    expect(nextScreen('idle', { type: 'requeued' })).toBe('idle');
  });
});
