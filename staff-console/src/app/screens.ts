import type { ConsultationView, StaffRole } from '@madoguchi/shared';

export type Screen =
  | 'starting'
  | 'login'
  | 'password-change'
  | 'connecting'
  | 'idle'
  | 'in-call'
  | 'supervisor'
  | 'admin'
  | 'onsite';

/** The console's screen follows from its state alone, so no fact can leave it on a wrong screen. */
export function currentScreen(state: {
  /** False until the page has asked whether its session cookie is still live. */
  isSessionChecked: boolean;
  /** The signed-in account's role; null until someone signs in. */
  role: StaffRole | null;
  isReady: boolean;
  consultation: ConsultationView | null;
  /** The password was reset: nothing but changing it until it is. */
  isPasswordChangeRequired?: boolean;
}): Screen {
  if (state.role === null) return state.isSessionChecked ? 'login' : 'starting';
  if (state.isPasswordChangeRequired === true) return 'password-change';
  if (!state.isReady) return 'connecting';
  switch (state.role) {
    // Supervisors watch the queues; they take no calls in this version.
    case 'supervisor':
      return 'supervisor';
    case 'admin':
      return 'admin';
    case 'onsite':
      return 'onsite';
    case 'clerk':
      return state.consultation?.status === 'active' ? 'in-call' : 'idle';
  }
}
