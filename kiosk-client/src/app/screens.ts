import type { ConsultationStatus } from '@madoguchi/shared';

/** What the resident (or the operator, for `settings`) is looking at. */
export type Screen = 'settings' | 'starting' | 'idle' | 'confirm' | 'waiting' | 'in-call' | 'closed';

export type ScreenEvent =
  | { type: 'settings-opened' }
  /** Settings were saved, or closed unchanged: the kiosk (re)starts with them. */
  | { type: 'settings-done' }
  | { type: 'ready' }
  | { type: 'procedure-selected' }
  | { type: 'back' }
  | { type: 'call-started' }
  /** The window is outside its opening hours; the resident is told when it opens. */
  | { type: 'closed' }
  | { type: 'consultation-changed'; status: ConsultationStatus }
  /** The server restarted and put the resident's call back in the queue. */
  | { type: 'requeued' }
  | { type: 'wiped' };

const inCall = (screen: Screen) => screen === 'waiting' || screen === 'in-call';

/**
 * The kiosk's screen transitions, kept pure so every path is tested without a browser. Events that
 * make no sense on the current screen (a late fact, a double tap) leave it unchanged.
 */
export function nextScreen(screen: Screen, event: ScreenEvent): Screen {
  switch (event.type) {
    case 'settings-opened':
      return screen === 'idle' || screen === 'starting' ? 'settings' : screen;
    case 'settings-done':
      return screen === 'settings' ? 'starting' : screen;
    case 'ready':
      return screen === 'starting' ? 'idle' : screen;
    case 'procedure-selected':
      return screen === 'idle' ? 'confirm' : screen;
    case 'back':
      return screen === 'confirm' ? 'idle' : screen;
    case 'call-started':
      return screen === 'confirm' ? 'waiting' : screen;
    case 'closed':
      return screen === 'waiting' ? 'closed' : screen;
    case 'consultation-changed':
      if (!inCall(screen)) return screen;
      if (event.status === 'active') return 'in-call';
      if (event.status === 'ended') return 'idle';
      // A call never goes back from active to waiting; a stale fact must not pull it back.
      return screen;
    case 'requeued':
      return inCall(screen) ? 'waiting' : screen;
    case 'wiped':
      return screen === 'settings' || screen === 'starting' ? screen : 'idle';
  }
}
