import { useSyncExternalStore } from 'react';
import type { KioskController, KioskState } from './kiosk-controller.ts';

export function useKioskState(controller: KioskController): KioskState {
  return useSyncExternalStore(controller.subscribe, controller.getSnapshot);
}
