import { describe, expect, it } from 'vitest';
import { idleWatchedScreens, nextScreen, type Screen, type ScreenEvent } from './screens.ts';

const run = (start: Screen, events: ScreenEvent[]) => events.reduce(nextScreen, start);
const inService: ScreenEvent = { type: 'devices-checked', isInService: true };
const outOfService: ScreenEvent = { type: 'devices-checked', isInService: false };

describe('nextScreen', () => {
  it('walks a resident through a whole call, the survey and back to the start', () => {
    expect(
      run('starting', [
        inService,
        { type: 'started' },
        { type: 'language-chosen' },
        { type: 'procedure-selected' },
        { type: 'call-started' },
        { type: 'consultation-changed', status: 'waiting' },
        { type: 'consultation-changed', status: 'offered' },
        { type: 'consultation-changed', status: 'active' },
      ]),
    ).toBe('in-call');
    expect(run('in-call', [{ type: 'call-ended' }, { type: 'survey-done' }, { type: 'wiped' }])).toBe(
      'attract',
    );
  });

  it('goes to the survey when the clerk ends an answered call, and away when nobody answered', () => {
    expect(nextScreen('in-call', { type: 'consultation-changed', status: 'ended' })).toBe('survey');
    expect(nextScreen('waiting', { type: 'consultation-changed', status: 'ended' })).toBe('attract');
    expect(nextScreen('waiting', { type: 'call-ended' })).toBe('waiting');
  });

  it('ends a call whose media failed on its own screen, never the survey, and wipes from there', () => {
    expect(nextScreen('in-call', { type: 'media-failed' })).toBe('call-failed');
    expect(nextScreen('waiting', { type: 'media-failed' })).toBe('call-failed');
    expect(nextScreen('survey', { type: 'media-failed' })).toBe('survey');
    expect(nextScreen('attract', { type: 'media-failed' })).toBe('attract');
    expect(run('call-failed', [{ type: 'call-ended' }, { type: 'back' }])).toBe('call-failed');
    expect(nextScreen('call-failed', { type: 'wiped' })).toBe('attract');
  });

  it('takes a call up again after a reload, only from the start screens', () => {
    expect(nextScreen('starting', { type: 'reattached', status: 'waiting' })).toBe('waiting');
    expect(nextScreen('attract', { type: 'reattached', status: 'offered' })).toBe('waiting');
    expect(nextScreen('starting', { type: 'reattached', status: 'active' })).toBe('in-call');
    expect(nextScreen('attract', { type: 'reattached', status: 'ended' })).toBe('attract');
    expect(nextScreen('language', { type: 'reattached', status: 'active' })).toBe('language');
    expect(nextScreen('out-of-service', { type: 'reattached', status: 'waiting' })).toBe('out-of-service');
  });

  it('goes back one step at a time, and no further than the start', () => {
    expect(run('confirm', [{ type: 'back' }])).toBe('idle');
    expect(run('confirm', [{ type: 'back' }, { type: 'back' }])).toBe('language');
    expect(run('confirm', [{ type: 'back' }, { type: 'back' }, { type: 'back' }, { type: 'back' }])).toBe(
      'attract',
    );
    for (const screen of ['waiting', 'in-call', 'survey', 'thanks', 'settings'] as const) {
      expect(nextScreen(screen, { type: 'back' })).toBe(screen);
    }
  });

  it('takes the kiosk out of service before a call, never during one', () => {
    for (const screen of ['starting', 'attract', 'language', 'idle', 'confirm'] as const) {
      expect(nextScreen(screen, outOfService)).toBe('out-of-service');
    }
    for (const screen of ['waiting', 'in-call', 'survey', 'thanks', 'closed', 'settings'] as const) {
      expect(nextScreen(screen, outOfService)).toBe(screen);
    }
  });

  it('comes back into service after a re-check', () => {
    expect(run('out-of-service', [{ type: 'recheck' }, outOfService])).toBe('out-of-service');
    expect(run('out-of-service', [{ type: 'recheck' }, inService])).toBe('attract');
    // A passing check does not move a resident who already started.
    expect(nextScreen('idle', inService)).toBe('idle');
  });

  it('tells the resident the window is closed, then starts over', () => {
    expect(run('confirm', [{ type: 'call-started' }, { type: 'closed' }])).toBe('closed');
    expect(nextScreen('closed', { type: 'wiped' })).toBe('attract');
  });

  it('shows the closed screen only for a call being placed', () => {
    for (const screen of ['idle', 'confirm', 'in-call', 'settings', 'starting'] as const) {
      expect(nextScreen(screen, { type: 'closed' })).toBe(screen);
    }
  });

  it('ignores consultation facts outside a call', () => {
    for (const screen of [
      'attract',
      'idle',
      'confirm',
      'settings',
      'starting',
      'closed',
      'survey',
    ] as const) {
      expect(nextScreen(screen, { type: 'consultation-changed', status: 'active' })).toBe(screen);
    }
  });

  it('never falls back from a running call to waiting', () => {
    expect(nextScreen('in-call', { type: 'consultation-changed', status: 'offered' })).toBe('in-call');
  });

  it('opens settings only when no resident is being served', () => {
    expect(nextScreen('attract', { type: 'settings-opened' })).toBe('settings');
    expect(nextScreen('out-of-service', { type: 'settings-opened' })).toBe('settings');
    for (const screen of ['language', 'idle', 'waiting', 'closed', 'survey'] as const) {
      expect(nextScreen(screen, { type: 'settings-opened' })).toBe(screen);
    }
    expect(run('attract', [{ type: 'settings-opened' }, { type: 'settings-done' }, inService])).toBe(
      'attract',
    );
  });

  it('wipes back to the attract screen but not out of settings or out of service', () => {
    for (const screen of ['language', 'idle', 'in-call', 'survey', 'thanks', 'closed'] as const) {
      expect(nextScreen(screen, { type: 'wiped' })).toBe('attract');
    }
    expect(nextScreen('settings', { type: 'wiped' })).toBe('settings');
    expect(nextScreen('out-of-service', { type: 'wiped' })).toBe('out-of-service');
  });

  it('goes back to waiting when a restarted server re-queues the call, from a call only', () => {
    expect(nextScreen('in-call', { type: 'requeued' })).toBe('waiting');
    expect(nextScreen('waiting', { type: 'requeued' })).toBe('waiting');
    expect(nextScreen('idle', { type: 'requeued' })).toBe('idle');
  });

  it('watches for idleness on the resident’s own steps, never in a call', () => {
    expect(idleWatchedScreens).not.toContain('waiting');
    expect(idleWatchedScreens).not.toContain('in-call');
    expect(idleWatchedScreens).toContain('survey');
  });
});
