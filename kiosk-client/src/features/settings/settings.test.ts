import { describe, expect, it } from 'vitest';
import {
  checkCameras,
  loadSettings,
  normalizeEnrollmentCode,
  saveSettings,
  SETTINGS_KEY,
  type KioskSettings,
} from './settings.ts';

const memoryStorage = () => {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
  };
};

const credential = 'c'.repeat(43);

describe('kiosk settings', () => {
  it('round-trips through storage in the flat stored shape', () => {
    const storage = memoryStorage();
    const settings = {
      enrollment: { kioskId: 'seiseki-1', credential },
      faceCameraId: 'a',
      documentCameraId: 'b',
    } as KioskSettings;
    saveSettings(storage, settings);
    expect(JSON.parse(storage.items.get(SETTINGS_KEY)!)).toEqual({
      kioskId: 'seiseki-1',
      credential,
      faceCameraId: 'a',
      documentCameraId: 'b',
    });
    expect(loadSettings(storage)).toEqual(settings);
  });

  it('keeps the cameras of settings from before enrollment, and drops their typed kiosk id', () => {
    const storage = memoryStorage();
    storage.setItem(
      SETTINGS_KEY,
      JSON.stringify({ kioskId: 'seiseki-1', faceCameraId: 'a', documentCameraId: 'b' }),
    );
    expect(loadSettings(storage)).toEqual({ enrollment: null, faceCameraId: 'a', documentCameraId: 'b' });
  });

  it('treats missing or corrupt storage as no settings, and a bad credential as no enrollment', () => {
    const storage = memoryStorage();
    expect(loadSettings(storage)).toBeNull();
    storage.setItem(SETTINGS_KEY, '{not json');
    expect(loadSettings(storage)).toBeNull();
    storage.setItem(SETTINGS_KEY, JSON.stringify({ kioskId: 'k', credential: 'short' }));
    expect(loadSettings(storage)).toEqual({ enrollment: null, faceCameraId: '', documentCameraId: '' });
  });

  it('refuses a missing camera and one camera used twice', () => {
    expect(checkCameras({ faceCameraId: '', documentCameraId: 'b' })).toBe('missing-camera');
    expect(checkCameras({ faceCameraId: 'a', documentCameraId: 'a' })).toBe('same-camera');
    expect(checkCameras({ faceCameraId: 'a', documentCameraId: 'b' })).toBeNull();
  });

  it('reads an enrollment code however it was typed', () => {
    expect(normalizeEnrollmentCode('1234 5678')).toBe('12345678');
    expect(normalizeEnrollmentCode('1234-5678')).toBe('12345678');
    expect(normalizeEnrollmentCode('１２３４５６７８')).toBe('12345678');
    expect(normalizeEnrollmentCode('1234567')).toBeNull();
    expect(normalizeEnrollmentCode('1234567a')).toBeNull();
  });
});
