import { describe, expect, it } from 'vitest';
import type { ConsultationView } from '@madoguchi/shared';
import { currentScreen } from './screens.ts';

const consultation = (status: ConsultationView['status']) => ({ status }) as ConsultationView;

describe('currentScreen', () => {
  it('asks for a sign-in first', () => {
    expect(currentScreen({ isSignedIn: false, isReady: true, consultation: null })).toBe('login');
  });

  it('waits for the session before showing the desk', () => {
    expect(currentScreen({ isSignedIn: true, isReady: false, consultation: null })).toBe('connecting');
    expect(currentScreen({ isSignedIn: true, isReady: true, consultation: null })).toBe('idle');
  });

  it('shows the call only while it is active', () => {
    expect(currentScreen({ isSignedIn: true, isReady: true, consultation: consultation('active') })).toBe(
      'in-call',
    );
    expect(currentScreen({ isSignedIn: true, isReady: true, consultation: consultation('offered') })).toBe(
      'idle',
    );
    expect(currentScreen({ isSignedIn: true, isReady: true, consultation: consultation('ended') })).toBe(
      'idle',
    );
  });
});
