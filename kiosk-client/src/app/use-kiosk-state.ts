import { useSyncExternalStore } from 'react';
import type { KioskController } from './kiosk-controller.ts';
import type { KioskState } from './kiosk-store.ts';

export function useKioskState(controller: KioskController): KioskState {
  return useSyncExternalStore(controller.subscribe, controller.getSnapshot);
}
