import { kioskCredentialSchema, kioskIdSchema, type KioskId } from '@madoguchi/shared';

export const SETTINGS_KEY = 'madoguchi.kiosk.settings';

/** Who this kiosk is to the server: received once at enrollment, shown to nobody. */
export interface KioskEnrollment {
  kioskId: KioskId;
  /** The kiosk's device credential (the booth's, not a resident's: it survives every wipe). */
  credential: string;
}

/** Which camera points where; deviceIds of this machine. */
export interface CameraChoice {
  /** The camera facing the resident. */
  faceCameraId: string;
  /** The camera looking down at the document stand. */
  documentCameraId: string;
}

/** What the operator submits on the settings screen: a code to enroll with (null: keep the enrollment) and the cameras. */
export interface SettingsInput extends CameraChoice {
  /** Eight digits, already normalised. */
  enrollmentCode: string | null;
}

/** How this kiosk is installed. Without an enrollment it cannot connect, and asks for a code. */
export interface KioskSettings extends CameraChoice {
  enrollment: KioskEnrollment | null;
}

export type SettingsProblem = 'invalid-code' | 'missing-code' | 'missing-camera' | 'same-camera';

/** Checks the operator's camera choice. */
export function checkCameras(choice: CameraChoice): SettingsProblem | null {
  if (!choice.faceCameraId || !choice.documentCameraId) return 'missing-camera';
  if (choice.faceCameraId === choice.documentCameraId) return 'same-camera';
  return null;
}

/**
 * The 8 digits of an enrollment code as typed: spaces and hyphens (read out in groups) and
 * full-width digits (a Japanese input method) are accepted. Null if it is not a code.
 */
export function normalizeEnrollmentCode(typed: string): string | null {
  const digits = typed
    .replace(/[０-９]/g, (digit) => String.fromCharCode(digit.charCodeAt(0) - 0xfee0))
    .replace(/[\s\-－ー]/g, '');
  return /^\d{8}$/.test(digits) ? digits : null;
}

/**
 * What storage holds (anyone could have edited it). Settings of the time before enrollment (a
 * typed kiosk id, no credential) keep their cameras and lose the id: the kiosk must enroll.
 */
export function loadSettings(storage: Pick<Storage, 'getItem'>): KioskSettings | null {
  const raw = storage.getItem(SETTINGS_KEY);
  if (raw === null) return null;
  let record: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(raw);
    if (typeof parsed !== 'object' || parsed === null) return null;
    record = parsed as Record<string, unknown>;
  } catch {
    return null;
  }
  const { faceCameraId, documentCameraId } = record;
  const cameras = {
    faceCameraId: typeof faceCameraId === 'string' ? faceCameraId : '',
    documentCameraId: typeof documentCameraId === 'string' ? documentCameraId : '',
  };
  const kioskId = kioskIdSchema.safeParse(record.kioskId);
  const credential = kioskCredentialSchema.safeParse(record.credential);
  const enrollment =
    kioskId.success && credential.success ? { kioskId: kioskId.data, credential: credential.data } : null;
  return { ...cameras, enrollment };
}

export function saveSettings(storage: Pick<Storage, 'setItem'>, settings: KioskSettings): void {
  const { enrollment, faceCameraId, documentCameraId } = settings;
  storage.setItem(
    SETTINGS_KEY,
    JSON.stringify({
      ...(enrollment ? { kioskId: enrollment.kioskId, credential: enrollment.credential } : {}),
      faceCameraId,
      documentCameraId,
    }),
  );
}
