import { describe, expect, it } from 'vitest';
import type { ConsultationView } from '@madoguchi/shared';
import { currentScreen } from './screens.ts';

const consultation = (status: ConsultationView['status']) => ({ status }) as ConsultationView;

describe('currentScreen', () => {
  it('asks for a sign-in first', () => {
    expect(currentScreen({ role: null, isReady: true, consultation: null })).toBe('login');
  });

  it('waits for the session before showing the desk', () => {
    expect(currentScreen({ role: 'clerk', isReady: false, consultation: null })).toBe('connecting');
    expect(currentScreen({ role: 'clerk', isReady: true, consultation: null })).toBe('idle');
  });

  it('shows the call only while it is active', () => {
    expect(currentScreen({ role: 'clerk', isReady: true, consultation: consultation('active') })).toBe(
      'in-call',
    );
    expect(currentScreen({ role: 'clerk', isReady: true, consultation: consultation('offered') })).toBe(
      'idle',
    );
    expect(currentScreen({ role: 'clerk', isReady: true, consultation: consultation('ended') })).toBe('idle');
  });

  it('shows supervisors the queues once connected, and never a call', () => {
    expect(currentScreen({ role: 'supervisor', isReady: false, consultation: null })).toBe('connecting');
    expect(currentScreen({ role: 'supervisor', isReady: true, consultation: null })).toBe('supervisor');
    expect(currentScreen({ role: 'supervisor', isReady: true, consultation: consultation('active') })).toBe(
      'supervisor',
    );
  });
});
