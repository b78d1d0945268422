import type { ConsultationView } from '@madoguchi/shared';

export type Screen = 'login' | 'connecting' | 'idle' | 'in-call';

/** The console's screen follows from its state alone, so no fact can leave it on a wrong screen. */
export function currentScreen(state: {
  isSignedIn: boolean;
  isReady: boolean;
  consultation: ConsultationView | null;
}): Screen {
  if (!state.isSignedIn) return 'login';
  if (!state.isReady) return 'connecting';
  return state.consultation?.status === 'active' ? 'in-call' : 'idle';
}
