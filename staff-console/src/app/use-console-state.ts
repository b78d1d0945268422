import { useSyncExternalStore } from 'react';
import type { ConsoleController, ConsoleState } from './console-controller.ts';

export function useConsoleState(controller: ConsoleController): ConsoleState {
  return useSyncExternalStore(controller.subscribe, controller.getSnapshot);
}
