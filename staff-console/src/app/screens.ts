import type { ConsultationView } from '@madoguchi/shared';

export type Screen = 'login' | 'connecting' | 'idle' | 'in-call' | 'supervisor';

/** What a signed-in member of staff does at this console. */
export type StaffRole = 'clerk' | 'supervisor';

/** The console's screen follows from its state alone, so no fact can leave it on a wrong screen. */
export function currentScreen(state: {
  /** Null until someone signs in. */
  role: StaffRole | null;
  isReady: boolean;
  consultation: ConsultationView | null;
}): Screen {
  if (state.role === null) return 'login';
  if (!state.isReady) return 'connecting';
  // Supervisors watch the queues; they take no calls in this version.
  if (state.role === 'supervisor') return 'supervisor';
  return state.consultation?.status === 'active' ? 'in-call' : 'idle';
}
