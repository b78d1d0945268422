import { kioskIdSchema, type KioskId } from '@madoguchi/shared';

export const SETTINGS_KEY = 'madoguchi.kiosk.settings';
export const DEFAULT_KIOSK_ID = 'seiseki-1';

/** How this kiosk is installed: which booth it is and which camera points where. */
export interface KioskSettings {
  kioskId: KioskId;
  /** deviceId of the camera facing the resident. */
  faceCameraId: string;
  /** deviceId of the camera looking down at the document stand. */
  documentCameraId: string;
}

export type SettingsProblem = 'invalid-kiosk-id' | 'missing-camera' | 'same-camera';

export type SettingsResult = { ok: true; settings: KioskSettings } | { ok: false; problem: SettingsProblem };

/** Checks an operator's input (or what storage holds, which anyone could have edited). */
export function parseSettings(input: unknown): SettingsResult {
  const record = typeof input === 'object' && input !== null ? (input as Record<string, unknown>) : {};
  const kioskId = kioskIdSchema.safeParse(
    typeof record.kioskId === 'string' ? record.kioskId.trim() : undefined,
  );
  if (!kioskId.success) return { ok: false, problem: 'invalid-kiosk-id' };
  const { faceCameraId, documentCameraId } = record;
  if (
    typeof faceCameraId !== 'string' ||
    typeof documentCameraId !== 'string' ||
    !faceCameraId ||
    !documentCameraId
  ) {
    return { ok: false, problem: 'missing-camera' };
  }
  if (faceCameraId === documentCameraId) return { ok: false, problem: 'same-camera' };
  return { ok: true, settings: { kioskId: kioskId.data, faceCameraId, documentCameraId } };
}

export function loadSettings(storage: Pick<Storage, 'getItem'>): KioskSettings | null {
  const raw = storage.getItem(SETTINGS_KEY);
  if (raw === null) return null;
  try {
    const result = parseSettings(JSON.parse(raw));
    return result.ok ? result.settings : null;
  } catch {
    return null;
  }
}

export function saveSettings(storage: Pick<Storage, 'setItem'>, settings: KioskSettings): void {
  storage.setItem(SETTINGS_KEY, JSON.stringify(settings));
}
