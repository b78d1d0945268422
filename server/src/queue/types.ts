/**
 * Inputs and outputs of the routing engine. Ids are plain strings here: the engine is used by the
 * server (consultation ids, staff ids), the simulator and the benchmark alike; the I/O shell brands
 * them when it talks to the wire contract.
 */

export type CallerId = string;
export type ClerkId = string;
export type ProcedureId = string;
export type KioskId = string;
export type SkillId = string;

/** Priority classes; higher is served first. */
export const PRIORITY_WALK_IN = 0;
export const PRIORITY_RESERVATION = 1;
/** A running call handed over from another procedure: the resident has already waited and is on the line. */
export const PRIORITY_TRANSFER = 2;

/**
 * One step of a procedure's routing: from `afterMs` of waiting on, clerks holding any of `skills`
 * are eligible too. Step 0 has `afterMs` 0 and holds the required skill.
 */
export interface RoutingStep {
  afterMs: number;
  skills: readonly SkillId[];
}

/** What the engine needs to know about a procedure (the catalog maps onto this). */
export interface RoutingProcedure {
  id: ProcedureId;
  steps: readonly RoutingStep[];
  /** Prior for the wait estimate until calls of this procedure have been measured. */
  typicalHandlingMs: number;
  isReservable: boolean;
}

export interface ClerkProfile {
  clerkId: ClerkId;
  /** Skill id → proficiency 1–5. */
  skills: Readonly<Record<SkillId, number>>;
  /** Spoken languages (ISO 639-1). */
  languages: readonly string[];
}

/** Whether a kiosk may queue a caller now; the catalog builds it from booth and HQ hours. */
export interface ServiceHours {
  isOpen(kioskId: KioskId, at: number): boolean;
  nextOpening(kioskId: KioskId, after: number): number | null;
}

export type ClerkStatus =
  'offline' | 'available' | 'offered' | 'busy' | 'wrap-up' | 'away' | 'not-responding';

export interface EnqueueInput {
  callerId: CallerId;
  procedureId: ProcedureId;
  kioskId: KioskId;
  /** Spoken language the caller needs, or null when any clerk will do. */
  language: string | null;
  /** A booked slot: the caller outranks walk-ins from `dueAt - reservationEarlyMs` on. */
  reservation?: { dueAt: number } | undefined;
  /** A call transferred from another procedure's clerk; it goes ahead of walk-ins and reservations. */
  isTransfer?: boolean | undefined;
}

/** What the I/O shell must do after a command. */
export type Effect =
  | {
      type: 'offer';
      clerkId: ClerkId;
      callerId: CallerId;
      procedureId: ProcedureId;
      kioskId: KioskId;
      language: string | null;
      waitingSince: number;
      expiresAt: number;
    }
  | {
      type: 'withdraw-offer';
      clerkId: ClerkId;
      callerId: CallerId;
      reason: 'caller-abandoned' | 'expired' | 'declined' | 'clerk-away' | 'clerk-signed-out';
    }
  | {
      type: 'clerk-status';
      clerkId: ClerkId;
      status: ClerkStatus;
      reason: string | null;
      until: number | null;
    }
  | { type: 'caller-answered'; callerId: CallerId; clerkId: ClerkId }
  | { type: 'caller-requeued'; callerId: CallerId }
  | { type: 'kiosk-closed'; kioskId: KioskId; callerId: CallerId; nextOpeningAt: number | null }
  | {
      type: 'expected-wait';
      callerId: CallerId;
      /** 0-based: how many callers competing for the same clerks are ahead. */
      position: number;
      /** Null while no eligible clerk is signed in. */
      expectedWaitMs: number | null;
    };

export interface CommandResult<E> {
  /** State changes, in order; persist them all before acknowledging the command. */
  events: E[];
  effects: Effect[];
  /** Call `tick` at this time (or earlier); null when no timer is pending. */
  nextWakeAt: number | null;
}
