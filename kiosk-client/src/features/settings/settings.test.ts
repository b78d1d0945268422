import { describe, expect, it } from 'vitest';
import { loadSettings, parseSettings, saveSettings, SETTINGS_KEY } from './settings.ts';

const memoryStorage = () => {
  const items = new Map<string, string>();
  return {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
  };
};

describe('kiosk settings', () => {
  it('round-trips through storage', () => {
    const storage = memoryStorage();
    const parsed = parseSettings({ kioskId: ' seiseki-1 ', faceCameraId: 'a', documentCameraId: 'b' });
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    saveSettings(storage, parsed.settings);
    expect(loadSettings(storage)).toEqual({ kioskId: 'seiseki-1', faceCameraId: 'a', documentCameraId: 'b' });
  });

  it('refuses a bad kiosk id, a missing camera and one camera used twice', () => {
    expect(parseSettings({ kioskId: 'Seiseki 1', faceCameraId: 'a', documentCameraId: 'b' })).toEqual({
      ok: false,
      problem: 'invalid-kiosk-id',
    });
    expect(parseSettings({ kioskId: 'k', faceCameraId: '', documentCameraId: 'b' })).toEqual({
      ok: false,
      problem: 'missing-camera',
    });
    expect(parseSettings({ kioskId: 'k', faceCameraId: 'a', documentCameraId: 'a' })).toEqual({
      ok: false,
      problem: 'same-camera',
    });
  });

  it('treats missing or corrupt storage as no settings', () => {
    const storage = memoryStorage();
    expect(loadSettings(storage)).toBeNull();
    storage.setItem(SETTINGS_KEY, '{not json');
    expect(loadSettings(storage)).toBeNull();
    storage.setItem(SETTINGS_KEY, JSON.stringify({ kioskId: 'k' }));
    expect(loadSettings(storage)).toBeNull();
  });
});
