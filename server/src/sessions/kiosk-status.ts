import type { KioskDevices } from '@madoguchi/shared';
import type { Participant } from './participant.ts';
import type { ParticipantRegistry } from './participant-registry.ts';

/**
 * What each kiosk last said of its devices, and help requests from the booths: the booth's
 * on-site staff and the supervisors hear them.
 */
export class KioskStatusBoard {
  readonly #registry: ParticipantRegistry;
  readonly #boothOf: (kioskId: string) => string | undefined;
  readonly #devices = new Map<string, KioskDevices>();
  readonly #now: () => number;

  constructor(options: {
    registry: ParticipantRegistry;
    boothOf: (kioskId: string) => string | undefined;
    now?: () => number;
  }) {
    this.#registry = options.registry;
    this.#boothOf = options.boothOf;
    this.#now = options.now ?? Date.now;
  }

  /** Records the device check; a kiosk with any device missing or failed is out of service. */
  report(kioskId: string, devices: KioskDevices): boolean {
    this.#devices.set(kioskId, devices);
    return isInService(devices);
  }

  devicesOf(kioskId: string): KioskDevices | null {
    return this.#devices.get(kioskId) ?? null;
  }

  isInService(kioskId: string): boolean {
    const devices = this.#devices.get(kioskId);
    return devices === undefined || isInService(devices);
  }

  requestHelp(kioskId: string, reason: 'resident' | 'device'): number {
    const boothId = this.#boothOf(kioskId);
    const at = new Date(this.#now()).toISOString();
    const helpers = [...this.#registry.all()].filter((participant) => isHelperFor(participant, boothId));
    for (const helper of helpers) helper.notify('help:requested', { kioskId: kioskId as never, reason, at });
    return helpers.length;
  }
}

function isInService(devices: KioskDevices): boolean {
  return Object.values(devices).every((state) => state === 'ok');
}

function isHelperFor(participant: Participant, boothId: string | undefined): boolean {
  const identity = participant.identity;
  if (identity.role === 'supervisor') return true;
  return identity.role === 'onsite' && boothId !== undefined && identity.boothId === boothId;
}
