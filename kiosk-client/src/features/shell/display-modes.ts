/** Modes the resident may turn on; they last until the wipe. */
export interface DisplayModes {
  isLargeText: boolean;
  isHighContrast: boolean;
}
