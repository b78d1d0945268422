import type { KioskDevices } from '@madoguchi/shared';
import { fakeTrack } from '@madoguchi/shared/client/testing';
import { describe, expect, it, vi } from 'vitest';
import type { LocalMedia, OpenedMedia } from '../../lib/media-devices.ts';
import type { DeviceProbe } from './device-check.ts';
import { DeviceMonitor } from './device-monitor.ts';

const cameras = { faceCameraId: 'face', documentCameraId: 'doc' };

const opened = (): OpenedMedia => {
  const media: LocalMedia = {
    microphone: fakeTrack('audio'),
    camera: fakeTrack('video'),
    documentCamera: fakeTrack('video'),
  };
  return {
    media,
    error: null,
    outcomes: { microphone: 'opened', camera: 'opened', documentCamera: 'opened' },
  };
};

const healthy = (): DeviceProbe => ({
  camera: { open: 'opened', isLive: true, width: 1280, height: 720 },
  documentCamera: { open: 'opened', isLive: true, width: 1920, height: 1080 },
  microphone: { open: 'opened', isLive: true, isMuted: false },
  speaker: { outputs: 1, canListOutputs: true, hasAudioDestination: true },
});

const deferred = <T>() => {
  let resolve: (value: T) => void = () => undefined;
  const promise = new Promise<T>((done) => (resolve = done));
  return { promise, resolve };
};

const setUp = () => {
  const options = {
    openMedia: vi.fn(async () => opened()),
    probeDevices: vi.fn(async () => healthy()),
    report: vi.fn(async (_devices: KioskDevices) => true),
  };
  return { monitor: new DeviceMonitor(options), options };
};

describe('DeviceMonitor', () => {
  it('opens the devices, checks them, and stops them on close', async () => {
    const kiosk = setUp();
    const media = await kiosk.monitor.open(cameras);
    expect(kiosk.options.openMedia).toHaveBeenCalledWith(cameras);
    const devices = await kiosk.monitor.check();
    expect(devices).toMatchObject({ camera: 'ok', documentCamera: 'ok', microphone: 'ok' });
    kiosk.monitor.close();
    expect(media?.media.camera?.stop).toHaveBeenCalled();
    await expect(kiosk.monitor.check()).resolves.toBeNull();
  });

  it('stops the tracks of an opening that a close overtook', async () => {
    const kiosk = setUp();
    const late = deferred<OpenedMedia>();
    kiosk.options.openMedia.mockReturnValueOnce(late.promise);
    const opening = kiosk.monitor.open(cameras);
    kiosk.monitor.close();
    const media = opened();
    late.resolve(media);
    await expect(opening).resolves.toBeNull();
    expect(media.media.microphone?.stop).toHaveBeenCalled();
    await expect(kiosk.monitor.check()).resolves.toBeNull();
  });

  it('counts only the latest check', async () => {
    const kiosk = setUp();
    await kiosk.monitor.open(cameras);
    const slow = deferred<DeviceProbe>();
    kiosk.options.probeDevices.mockReturnValueOnce(slow.promise);
    const first = kiosk.monitor.check();
    const second = kiosk.monitor.check();
    slow.resolve(healthy());
    await expect(first).resolves.toBeNull();
    await expect(second).resolves.not.toBeNull();
  });

  it('says when the server takes the kiosk out of service, unless a check came since or the report failed', async () => {
    const kiosk = setUp();
    await kiosk.monitor.open(cameras);
    const devices = (await kiosk.monitor.check())!;
    await expect(kiosk.monitor.report(devices)).resolves.toBe(false);
    kiosk.options.report.mockResolvedValueOnce(false);
    await expect(kiosk.monitor.report(devices)).resolves.toBe(true);
    expect(kiosk.options.report).toHaveBeenLastCalledWith(devices);

    const answer = deferred<boolean>();
    kiosk.options.report.mockReturnValueOnce(answer.promise);
    const overtaken = kiosk.monitor.report(devices);
    await kiosk.monitor.check();
    answer.resolve(false);
    await expect(overtaken).resolves.toBe(false);

    kiosk.options.report.mockRejectedValueOnce(new Error('not connected'));
    await expect(kiosk.monitor.report(devices)).resolves.toBe(false);
  });
});
