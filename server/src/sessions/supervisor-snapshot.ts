import type { KioskDevices, KioskId, QueueSnapshotView, StaffId } from '@madoguchi/shared';
import type { LiveWork } from '../catalog/live-work.ts';
import type { RoutingEngine } from '../queue/index.ts';
import type { Consultation } from './consultation.ts';
import type { ParticipantRegistry } from './participant-registry.ts';

/** What the supervisors' live wall is built from. */
export interface SnapshotSources {
  now: number;
  engine: RoutingEngine;
  live: ReadonlyMap<string, Consultation>;
  registry: ParticipantRegistry;
  kioskIds: readonly string[];
  kioskDevices: (kioskId: string) => KioskDevices | null;
  displayNameOf: (staffId: string) => string;
}

const staffIdsOf = (members: Consultation['staff']) =>
  members.flatMap((member) => (member.identity.role === 'kiosk' ? [] : [member.identity.staffId]));

/** Running calls, kiosks, waiting callers and clerks, as supervisors see them now. */
export function supervisorSnapshot(sources: SnapshotSources): QueueSnapshotView {
  const { engine, live, registry } = sources;
  const queue = engine.snapshot();
  return {
    at: new Date(sources.now).toISOString(),
    consultations: [...live.values()]
      .filter((consultation) => consultation.status === 'active')
      .map((consultation) => ({
        consultationId: consultation.id,
        procedureId: consultation.procedureId,
        kioskId: consultation.kioskId,
        language: consultation.language,
        staff: staffIdsOf(consultation.staff),
        answeredAt: new Date(consultation.answeredAt ?? consultation.requestedAt).toISOString(),
        monitoredBy: staffIdsOf(consultation.monitors),
      })),
    kiosks: sources.kioskIds.map((kioskId) => {
      const devices = sources.kioskDevices(kioskId);
      return {
        kioskId: kioskId as KioskId,
        isConnected:
          registry.findByIdentity({ role: 'kiosk', kioskId: kioskId as KioskId })?.isAttached ?? false,
        isInService: devices === null || Object.values(devices).every((state) => state === 'ok'),
        devices,
      };
    }),
    callers: queue.callers.flatMap((caller) => {
      const consultation = live.get(caller.callerId);
      if (!consultation) return [];
      return [
        {
          consultationId: consultation.id,
          procedureId: consultation.procedureId,
          kioskId: consultation.kioskId,
          language: consultation.language,
          isReservation: caller.priority > 0,
          waitingSince: new Date(caller.enqueuedAt).toISOString(),
          offeredTo: (caller.offer?.clerkId as StaffId | undefined) ?? null,
        },
      ];
    }),
    clerks: queue.clerks.map((clerk) => ({
      staffId: clerk.clerkId as StaffId,
      displayName: sources.displayNameOf(clerk.clerkId),
      status: clerk.status,
      since: new Date(clerk.since).toISOString(),
      isConnected: registry.findClerk(clerk.clerkId)?.isAttached ?? false,
      awayReason: clerk.awayReason,
      consultationId: (clerk.callerId as Consultation['id'] | null) ?? null,
    })),
  };
}

/** What is going on now that a catalogue change must respect (see `liveWorkConflicts`). */
export function liveWorkOf(engine: RoutingEngine, live: ReadonlyMap<string, Consultation>): LiveWork {
  const { callers, clerks } = engine.snapshot();
  return {
    queuedProcedures: new Set(callers.map((caller) => caller.procedureId)),
    queuedSkills: new Set(
      callers.flatMap(
        (caller) => engine.callerRequirement(caller.callerId)?.steps.flatMap((step) => step.skills) ?? [],
      ),
    ),
    busyKiosks: new Set([...live.values()].map((consultation) => consultation.kioskId)),
    signedInClerks: new Set(clerks.map((clerk) => clerk.clerkId)),
  };
}
