import { describe, expect, it } from 'vitest';
import type { ConsultationView } from '@madoguchi/shared';
import { currentScreen } from './screens.ts';

const consultation = (status: ConsultationView['status']) => ({ status }) as ConsultationView;
const base = { isSessionChecked: true, isReady: true, consultation: null };

describe('currentScreen', () => {
  it('checks for a live session before asking for a login', () => {
    expect(currentScreen({ ...base, isSessionChecked: false, role: null })).toBe('starting');
    expect(currentScreen({ ...base, role: null })).toBe('login');
  });

  it('waits for the socket session before showing the desk', () => {
    expect(currentScreen({ ...base, role: 'clerk', isReady: false })).toBe('connecting');
    expect(currentScreen({ ...base, role: 'clerk' })).toBe('idle');
  });

  it('shows the call only while it is active', () => {
    expect(currentScreen({ ...base, role: 'clerk', consultation: consultation('active') })).toBe('in-call');
    expect(currentScreen({ ...base, role: 'clerk', consultation: consultation('offered') })).toBe('idle');
    expect(currentScreen({ ...base, role: 'clerk', consultation: consultation('ended') })).toBe('idle');
  });

  it('routes every other role to its own screen, and never to a call', () => {
    expect(currentScreen({ ...base, role: 'supervisor', isReady: false })).toBe('connecting');
    expect(currentScreen({ ...base, role: 'supervisor', consultation: consultation('active') })).toBe(
      'supervisor',
    );
    expect(currentScreen({ ...base, role: 'admin' })).toBe('admin');
    expect(currentScreen({ ...base, role: 'onsite' })).toBe('onsite');
  });
});
