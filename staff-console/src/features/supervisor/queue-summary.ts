import type { Procedure, ProcedureId, QueueSnapshotView, StaffId } from '@madoguchi/shared';

type Caller = QueueSnapshotView['callers'][number];
type Clerk = QueueSnapshotView['clerks'][number];

export interface ProcedureQueue {
  procedureId: ProcedureId;
  /** Null for a procedure the catalogue list does not (yet) have. */
  procedure: Procedure | null;
  /** Every caller not yet answered, including those ringing at a desk. */
  waitingCount: number;
  /** Of those, the ones ringing at a desk right now. */
  offeredCount: number;
  /** How long the longest-waiting caller has waited; null when nobody waits. */
  longestWaitMs: number | null;
}

export interface WaitingCaller extends Caller {
  waitMs: number;
  /** The clerk the call is ringing at, by name where the snapshot has them. */
  offeredToName: string | null;
}

export interface ClerkRow extends Clerk {
  /** Time in the current status. */
  sinceMs: number;
}

const elapsed = (since: string, now: number) => Math.max(0, now - Date.parse(since));

/**
 * One row per procedure: every procedure of the catalogue in its order, so an empty queue shows as
 * zero rather than disappearing, then any procedure only the callers mention.
 */
export function summarizeQueues(
  snapshot: QueueSnapshotView,
  procedures: readonly Procedure[] | null,
  now: number,
): ProcedureQueue[] {
  const rows = new Map<ProcedureId, ProcedureQueue>();
  for (const procedure of procedures ?? []) {
    rows.set(procedure.id, {
      procedureId: procedure.id,
      procedure,
      waitingCount: 0,
      offeredCount: 0,
      longestWaitMs: null,
    });
  }
  const unlisted: ProcedureQueue[] = [];
  for (const caller of snapshot.callers) {
    let row = rows.get(caller.procedureId);
    if (!row) {
      row = {
        procedureId: caller.procedureId,
        procedure: null,
        waitingCount: 0,
        offeredCount: 0,
        longestWaitMs: null,
      };
      rows.set(caller.procedureId, row);
      unlisted.push(row);
    }
    row.waitingCount += 1;
    if (caller.offeredTo !== null) row.offeredCount += 1;
    row.longestWaitMs = Math.max(row.longestWaitMs ?? 0, elapsed(caller.waitingSince, now));
  }
  unlisted.sort((a, b) => a.procedureId.localeCompare(b.procedureId));
  return [...rows.values()].filter((row) => row.procedure !== null).concat(unlisted);
}

/** Callers longest-waiting first, with the name of the clerk each one is ringing at. */
export function waitingCallers(snapshot: QueueSnapshotView, now: number): WaitingCaller[] {
  const names = new Map(snapshot.clerks.map((clerk) => [clerk.staffId, clerk.displayName]));
  return snapshot.callers
    .map((caller) => ({
      ...caller,
      waitMs: elapsed(caller.waitingSince, now),
      offeredToName: caller.offeredTo === null ? null : (names.get(caller.offeredTo) ?? caller.offeredTo),
    }))
    .sort((a, b) => b.waitMs - a.waitMs || a.consultationId.localeCompare(b.consultationId));
}

/** Clerks in the server's order, each with the time in their current status. */
export function clerkRows(snapshot: QueueSnapshotView, now: number): ClerkRow[] {
  return snapshot.clerks.map((clerk) => ({ ...clerk, sinceMs: elapsed(clerk.since, now) }));
}

type RunningCall = QueueSnapshotView['consultations'][number];
type Kiosk = QueueSnapshotView['kiosks'][number];

export interface RunningCallRow extends RunningCall {
  durationMs: number;
  /** The clerks in the call, by name where the snapshot has them. */
  clerkNames: string[];
  /** Whether this supervisor is among those monitoring it. */
  isMonitoredBySelf: boolean;
}

/** Running calls, longest first, with their clerks' names. */
export function runningCalls(
  snapshot: QueueSnapshotView,
  now: number,
  self: StaffId | null = null,
): RunningCallRow[] {
  const names = new Map(snapshot.clerks.map((clerk) => [clerk.staffId, clerk.displayName]));
  return snapshot.consultations
    .map((call) => ({
      ...call,
      durationMs: elapsed(call.answeredAt, now),
      clerkNames: call.staff.map((staffId) => names.get(staffId) ?? staffId),
      isMonitoredBySelf: self !== null && call.monitoredBy.includes(self),
    }))
    .sort((a, b) => b.durationMs - a.durationMs || a.consultationId.localeCompare(b.consultationId));
}

export type KioskDevice = keyof NonNullable<Kiosk['devices']>;

export interface KioskRow extends Kiosk {
  /** Devices the kiosk reported as missing or failed, in a fixed order. */
  faultyDevices: KioskDevice[];
}

const deviceOrder: readonly KioskDevice[] = ['camera', 'documentCamera', 'microphone', 'speaker'];

/** Kiosks by id, each with the devices it reported as not working. */
export function kioskRows(snapshot: QueueSnapshotView): KioskRow[] {
  return snapshot.kiosks
    .map((kiosk) => ({
      ...kiosk,
      faultyDevices: deviceOrder.filter((device) => kiosk.devices !== null && kiosk.devices[device] !== 'ok'),
    }))
    .sort((a, b) => a.kioskId.localeCompare(b.kioskId));
}
