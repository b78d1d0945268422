import type { Logger } from 'pino';
import type { ConsultationId, ConsultationView, Language, ProcedureId, StaffId } from '@madoguchi/shared';
import { AppError } from '../errors.ts';
import { memberConsultation, type Consultation } from './consultation.ts';
import { clerkStaffIdOf, type Participant } from './participant.ts';
import type { ParticipantRegistry } from './participant-registry.ts';
import type { QueueService } from './queue-service.ts';

export interface CallTeamOptions {
  queue: QueueService;
  /** The live consultations, owned by the consultation service. */
  live: ReadonlyMap<ConsultationId, Consultation>;
  registry: ParticipantRegistry;
  /** Procedures of the catalogue in force. */
  procedures: () => ReadonlySet<string>;
  /** Spoken language a resident's UI language requires of the clerk (null: any clerk). */
  requiredLanguage: (language: Language) => string | null;
  /** Something supervisors see has changed. */
  notifyChanged: () => void;
  log: Logger;
}

/**
 * Who serves the resident in a running call besides the first clerk (回らない窓口: the resident
 * never moves): colleagues invited from another department, a transfer to another procedure's
 * queue, clerks leaving a call the others go on with, supervisors monitoring unseen or joining to
 * assist. The queue is told whenever a clerk's part begins or ends.
 */
export class CallTeam {
  readonly #queue: QueueService;
  readonly #live: ReadonlyMap<ConsultationId, Consultation>;
  readonly #registry: ParticipantRegistry;
  readonly #procedures: () => ReadonlySet<string>;
  readonly #requiredLanguage: (language: Language) => string | null;
  readonly #notifyChanged: () => void;
  readonly #log: Logger;

  constructor(options: CallTeamOptions) {
    this.#queue = options.queue;
    this.#live = options.live;
    this.#registry = options.registry;
    this.#procedures = options.procedures;
    this.#requiredLanguage = options.requiredLanguage;
    this.#notifyChanged = options.notifyChanged;
    this.#log = options.log;
  }

  /** 回らない窓口: a clerk of the call asks an available colleague to join it. */
  invite(clerk: Participant, consultationId: ConsultationId, staffId: string, note: string): void {
    const consultation = memberConsultation(this.#live, clerk, consultationId);
    if (consultation.status !== 'active' || !consultation.staff.includes(clerk)) {
      throw AppError.invalidState('invite from a running call');
    }
    const invitee = this.#registry.findClerk(staffId);
    if (!invitee || consultation.staff.includes(invitee))
      throw AppError.notFound(`available clerk ${staffId}`);
    if (this.#queue.engine.clerkStatus(staffId) !== 'available') {
      throw AppError.invalidState(`${staffId} is not available`);
    }
    // Away from the queue while invited, so no other call is offered meanwhile.
    this.#queue.run((engine, now) => engine.setAway(now, staffId, 'invited'));
    consultation.invite(staffId, clerkStaffIdOf(clerk));
    const inviter = clerk.identity.role === 'kiosk' ? '' : clerk.identity.displayName;
    invitee.notify('call:invited', {
      consultationId,
      procedureId: consultation.procedureId,
      kioskId: consultation.kioskId,
      language: consultation.language,
      invitedBy: inviter,
      note,
    });
    this.#log.info({ consultationId, invitee: staffId }, 'clerk invited');
  }

  join(invitee: Participant, consultationId: ConsultationId): ConsultationView {
    const consultation = this.#live.get(consultationId);
    const staffId = clerkStaffIdOf(invitee);
    if (!consultation || !consultation.isInvited(staffId) || consultation.status !== 'active') {
      throw AppError.invalidState('there is no invitation to this call');
    }
    consultation.invitationEnded(staffId);
    this.#queue.run((engine, now) => engine.setAway(now, staffId, 'in-consultation'));
    consultation.joined(invitee, staffId);
    if (invitee.media) consultation.media?.add(invitee.media);
    consultation.broadcast();
    return consultation.view();
  }

  declineInvite(invitee: Participant, consultationId: ConsultationId): void {
    const consultation = this.#live.get(consultationId);
    const staffId = clerkStaffIdOf(invitee);
    if (!consultation || !consultation.isInvited(staffId))
      throw AppError.invalidState('there is no invitation to this call');
    this.releaseInvitee(consultation, staffId);
  }

  /**
   * Hands a running call to another procedure's queue; this clerk stays with the resident until a
   * clerk of that procedure answers.
   */
  transfer(
    clerk: Participant,
    consultationId: ConsultationId,
    procedureId: ProcedureId,
    note: string,
  ): ConsultationView {
    const consultation = memberConsultation(this.#live, clerk, consultationId);
    if (consultation.status !== 'active' || !consultation.staff.includes(clerk)) {
      throw AppError.invalidState('transfer from a running call');
    }
    if (consultation.transfer) throw AppError.invalidState('a transfer is already under way');
    if (!this.#procedures().has(procedureId)) throw AppError.notFound(`procedure ${procedureId}`);
    if (procedureId === consultation.procedureId)
      throw AppError.invalidState('the call is already for this procedure');
    const callerId = consultation.transferStarted({
      procedureId,
      note,
      byStaffId: clerkStaffIdOf(clerk),
      byName: clerk.identity.role === 'kiosk' ? '' : clerk.identity.displayName,
    });
    const effects = this.#queue.run((engine, now) =>
      engine.enqueue(now, {
        callerId,
        procedureId,
        kioskId: consultation.kioskId,
        language: this.#requiredLanguage(consultation.language),
        isTransfer: true,
      }),
    );
    if (effects.some((effect) => effect.type === 'kiosk-closed')) {
      consultation.transferDropped();
      throw AppError.invalidState('headquarters is closed for new calls now');
    }
    this.#log.info({ consultationId, procedureId }, 'call transferred to another queue');
    consultation.broadcast();
    return consultation.view();
  }

  /** The clerk of the new procedure answered: they join, and the clerks who handed over leave. */
  completeTransfer(consultation: Consultation, clerk: Participant, staffId: string): void {
    const handedOver = consultation.transferAnswered(clerk, staffId);
    if (clerk.media) consultation.media?.add(clerk.media);
    for (const previous of handedOver) {
      consultation.left(previous);
      consultation.media?.remove(previous.id);
      this.release(previous);
      previous.notify('consultation:updated', { consultation: consultation.view() });
    }
    this.#log.info({ consultationId: consultation.id, participantId: clerk.id }, 'transfer answered');
    consultation.broadcast();
  }

  /** A clerk leaves a call the others go on with; the last clerk hangs up instead. */
  leaveCall(clerk: Participant, consultationId: ConsultationId): void {
    const consultation = memberConsultation(this.#live, clerk, consultationId);
    if (!consultation.staff.includes(clerk)) throw AppError.forbidden('leaving this call');
    if (consultation.staff.length === 1)
      throw AppError.invalidState('you are the last clerk in the call; hang up instead');
    consultation.left(clerk);
    consultation.media?.remove(clerk.id);
    this.release(clerk);
    consultation.broadcast();
    clerk.notify('consultation:updated', { consultation: consultation.view() });
  }

  /** A clerk's part in a call is over: wrap-up if the queue gave them the call, else available. */
  release(clerk: Participant): void {
    // A supervisor who joined to assist is not in the queue: nothing to release.
    if (clerk.identity.role !== 'clerk') return;
    const staffId = clerkStaffIdOf(clerk);
    const status = this.#queue.engine.clerkStatus(staffId);
    if (status === 'busy') this.#queue.runQuietly((engine, now) => engine.complete(now, staffId), 'complete');
    else if (status === 'away')
      this.#queue.runQuietly((engine, now) => engine.setAvailable(now, staffId), 'back from a joined call');
  }

  releaseInvitee(consultation: Consultation, staffId: string): void {
    const inviterId = consultation.invitationEnded(staffId);
    if (this.#queue.engine.clerkStatus(staffId) === 'away') {
      this.#queue.runQuietly((engine, now) => engine.setAvailable(now, staffId), 'invitation over');
    }
    if (inviterId) {
      this.#registry.findClerk(inviterId)?.notify('call:invite-declined', {
        consultationId: consultation.id,
        staffId: staffId as StaffId,
      });
    }
  }

  /** A supervisor watches and listens to a running call; the resident sees no one new. */
  monitor(supervisor: Participant, consultationId: ConsultationId): void {
    const consultation = this.#live.get(consultationId);
    if (!consultation) throw AppError.notFound('consultation');
    if (consultation.status !== 'active') throw AppError.invalidState('the call has not been answered');
    if (supervisor.monitoring && supervisor.monitoring !== consultationId) {
      this.stopMonitoring(supervisor, supervisor.monitoring);
    }
    consultation.monitorStarted(supervisor);
    if (supervisor.media) consultation.media?.add(supervisor.media, { isListenOnly: true });
    this.#log.info({ consultationId, participantId: supervisor.id }, 'supervisor monitoring');
    this.#notifyChanged();
  }

  /** The monitoring supervisor joins the call to assist, visible to the resident from now on. */
  joinAsSupervisor(supervisor: Participant, consultationId: ConsultationId): ConsultationView {
    const consultation = this.#live.get(consultationId);
    if (!consultation || !consultation.monitors.includes(supervisor)) {
      throw AppError.invalidState('monitor the call before joining it');
    }
    if (consultation.status !== 'active') throw AppError.invalidState('the call is not running');
    consultation.monitorStopped(supervisor);
    consultation.joined(supervisor, undefined);
    if (supervisor.media) consultation.media?.add(supervisor.media);
    this.#log.info({ consultationId, participantId: supervisor.id }, 'supervisor joined to assist');
    consultation.broadcast();
    return consultation.view();
  }

  stopMonitoring(supervisor: Participant, consultationId: ConsultationId): void {
    const consultation = this.#live.get(consultationId);
    if (supervisor.monitoring === consultationId) supervisor.monitoring = undefined;
    if (!consultation) return;
    consultation.monitorStopped(supervisor);
    consultation.media?.remove(supervisor.id);
    this.#notifyChanged();
  }
}
