import type { KioskDevices } from '@madoguchi/shared';
import { stopLocalMedia, type CameraIds, type OpenedMedia } from '../../lib/media-devices.ts';
import { judgeDevices, type DeviceProbe } from './device-check.ts';

export interface DeviceMonitorOptions {
  openMedia(cameras: CameraIds): Promise<OpenedMedia>;
  /** Measures the open devices. */
  probeDevices(opened: OpenedMedia): Promise<DeviceProbe>;
  /**
   * Sends a verdict to the server; resolves with its answer (false: the server takes the kiosk out
   * of service, it may know more), rejects when the report did not get through.
   */
  report(devices: KioskDevices): Promise<boolean>;
}

/**
 * The booth's own devices: opened once for every resident, checked at start and after each one, and
 * reported to the server. Only the latest opening and the latest check count; `close` stops the
 * tracks and drops whatever was under way.
 */
export class DeviceMonitor {
  readonly #options: DeviceMonitorOptions;
  // The devices as last opened, with how each opening went (missing and broken differ).
  #opened: OpenedMedia | null = null;
  // Bumped by every opening and close, so a slow opening from before is discarded.
  #opening = 0;
  // Bumped by every check and close, so only the latest verdict counts.
  #check = 0;

  constructor(options: DeviceMonitorOptions) {
    this.#options = options;
  }

  /** Opens the devices, closing any open. Null when closed or opened again meanwhile (the late tracks are stopped). */
  async open(cameras: CameraIds): Promise<OpenedMedia | null> {
    this.close();
    const opening = this.#opening;
    const opened = await this.#options.openMedia(cameras);
    if (opening !== this.#opening) {
      stopLocalMedia(opened.media);
      return null;
    }
    this.#opened = opened;
    return opened;
  }

  /** Measures the open devices; null with none open, or when a later check or a close overtook this one. */
  async check(): Promise<KioskDevices | null> {
    const opened = this.#opened;
    if (!opened) return null;
    const check = ++this.#check;
    const devices = judgeDevices(await this.#options.probeDevices(opened));
    return check === this.#check ? devices : null;
  }

  /**
   * Tells the server. True when the server takes the kiosk out of service and no check came since;
   * a report that does not get through is for the caller to send again (on the next session).
   */
  async report(devices: KioskDevices): Promise<boolean> {
    const check = this.#check;
    try {
      const isInService = await this.#options.report(devices);
      return !isInService && check === this.#check;
    } catch {
      return false;
    }
  }

  close(): void {
    this.#opening++;
    this.#check++;
    stopLocalMedia(this.#opened?.media ?? null);
    this.#opened = null;
  }
}
