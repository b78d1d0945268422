import type { ConsultationStatus } from '@madoguchi/shared';

/**
 * What the resident (or the operator, for `settings`) is looking at. A resident's journey:
 * attract → language → idle (procedures) → confirm → waiting → in-call → survey → thanks, and a
 * wipe back to attract. A call whose media could not be recovered ends on `call-failed` instead of
 * the survey.
 */
export type Screen =
  | 'settings'
  | 'starting'
  | 'out-of-service'
  | 'attract'
  | 'language'
  | 'idle'
  | 'confirm'
  | 'waiting'
  | 'in-call'
  | 'survey'
  | 'thanks'
  | 'call-failed'
  | 'closed';

export type ScreenEvent =
  | { type: 'settings-opened' }
  /** Settings were saved, or closed unchanged: the kiosk (re)starts with them. */
  | { type: 'settings-done' }
  /** The device check's verdict (and the server's, when it answered). */
  | { type: 'devices-checked'; isInService: boolean }
  /** The operator asks for the devices to be checked again. */
  | { type: 'recheck' }
  | { type: 'started' }
  | { type: 'language-chosen' }
  | { type: 'procedure-selected' }
  | { type: 'back' }
  | { type: 'call-started' }
  /** The window is outside its opening hours; the resident is told when it opens. */
  | { type: 'closed' }
  | { type: 'consultation-changed'; status: ConsultationStatus }
  /** An answered call is over (either side hung up, or the line was lost): on to the survey. */
  | { type: 'call-ended' }
  /** The call's media could not be recovered (`media-failure`): the resident is told, not surveyed. */
  | { type: 'media-failed' }
  | { type: 'survey-done' }
  /** The server restarted and put the resident's call back in the queue. */
  | { type: 'requeued' }
  /** The page was reloaded mid-consultation and found the resident's call still there. */
  | { type: 'reattached'; status: ConsultationStatus }
  | { type: 'wiped' };

const inCall = (screen: Screen) => screen === 'waiting' || screen === 'in-call';

/** Screens before a call is placed: a broken device may still take the kiosk out of service. */
const beforeCall: readonly Screen[] = [
  'starting',
  'attract',
  'language',
  'idle',
  'confirm',
  'out-of-service',
];

/** Screens a resident walks through; the idle timeout watches these (never a call in progress). */
export const idleWatchedScreens: readonly Screen[] = ['language', 'idle', 'confirm', 'survey', 'closed'];

/** Back, step by step; screens without a step before them stay. */
const previous: Partial<Record<Screen, Screen>> = { language: 'attract', idle: 'language', confirm: 'idle' };

/**
 * The kiosk's screen transitions, kept pure so every path is tested without a browser. Events that
 * make no sense on the current screen (a late fact, a double tap) leave it unchanged.
 */
export function nextScreen(screen: Screen, event: ScreenEvent): Screen {
  switch (event.type) {
    case 'settings-opened':
      return screen === 'attract' || screen === 'starting' || screen === 'out-of-service'
        ? 'settings'
        : screen;
    case 'settings-done':
      return screen === 'settings' ? 'starting' : screen;
    case 'devices-checked':
      if (!beforeCall.includes(screen)) return screen;
      if (!event.isInService) return 'out-of-service';
      return screen === 'starting' || screen === 'out-of-service' ? 'attract' : screen;
    case 'recheck':
      return screen === 'out-of-service' ? 'starting' : screen;
    case 'started':
      return screen === 'attract' ? 'language' : screen;
    case 'language-chosen':
      return screen === 'language' ? 'idle' : screen;
    case 'procedure-selected':
      return screen === 'idle' ? 'confirm' : screen;
    case 'back':
      return previous[screen] ?? screen;
    case 'call-started':
      return screen === 'confirm' ? 'waiting' : screen;
    case 'closed':
      return screen === 'waiting' ? 'closed' : screen;
    case 'consultation-changed':
      if (!inCall(screen)) return screen;
      if (event.status === 'active') return 'in-call';
      if (event.status === 'ended') return screen === 'in-call' ? 'survey' : 'attract';
      // A call never goes back from active to waiting; a stale fact must not pull it back.
      return screen;
    case 'call-ended':
      return screen === 'in-call' ? 'survey' : screen;
    case 'media-failed':
      return inCall(screen) ? 'call-failed' : screen;
    case 'survey-done':
      return screen === 'survey' ? 'thanks' : screen;
    case 'requeued':
      return inCall(screen) ? 'waiting' : screen;
    case 'reattached':
      // Only before anyone touched the kiosk: a reload lands on the start screens.
      if (screen !== 'starting' && screen !== 'attract') return screen;
      if (event.status === 'active') return 'in-call';
      return event.status === 'ended' ? screen : 'waiting';
    case 'wiped':
      return screen === 'settings' || screen === 'starting' || screen === 'out-of-service'
        ? screen
        : 'attract';
  }
}
