import type { ConsultationId, ConsultationOutcome, HandoverKind } from '@madoguchi/shared';
import type { Participant } from '../../sessions/participant.ts';
import { AppError } from '../../errors.ts';
import { onsiteBoothOf, type BoothBoards } from '../../sessions/booth-boards.ts';
import type { ConsultationService } from '../../sessions/consultation-service.ts';
import type { ConsultationRecords } from '../../store/consultation-records.ts';
import type { AuditLog } from '../../auth/audit-log.ts';
import type { CommandHandlers } from '../register-handlers.ts';

type HandoverHandlers = Pick<
  CommandHandlers,
  | 'consultation:wrap-up'
  | 'onsite:get-board'
  | 'task:resolve'
  | 'supervisor:monitor'
  | 'supervisor:join'
  | 'supervisor:stop-monitoring'
>;

/** How long after a call its clerk may still wrap it up. */
const wrapUpWindowMs = 60 * 60_000;

/**
 * The consultation whose part this clerk has finished: a call that has ended (within the wrap-up
 * window) or a running one the clerk has left (handed over after a transfer or an invitation).
 */
async function partOver(
  deps: {
    consultations: ConsultationService;
    records: ConsultationRecords;
    boothOf: (kioskId: string) => string | undefined;
  },
  clerk: Participant,
  staffId: string,
  consultationId: ConsultationId,
): Promise<{ consultationId: string; kioskId: string; boothId: string | null }> {
  const live = deps.consultations.find(consultationId);
  if (live) {
    if (!live.servedBy.includes(staffId)) throw AppError.notFound('consultation');
    if (live.staff.includes(clerk)) throw AppError.invalidState('the call is still running with you in it');
    return { consultationId, kioskId: live.kioskId, boothId: deps.boothOf(live.kioskId) ?? null };
  }
  const record = await deps.records.find(consultationId);
  if (!record || !record.staffIds.includes(staffId)) throw AppError.notFound('consultation');
  if (Date.now() - record.endedAt > wrapUpWindowMs) throw AppError.invalidState('the wrap-up time is over');
  return record;
}

/** After the call: the clerk's wrap-up, the on-site staff's tasks; and supervisors monitoring calls. */
export function handoverHandlers(deps: {
  consultations: ConsultationService;
  records: ConsultationRecords;
  boards: BoothBoards;
  /** Monitoring a call unseen is written to it, as is joining and stopping. */
  audit: AuditLog;
  /** The booth of a kiosk, for the tasks of its calls. */
  boothOf: (kioskId: string) => string | undefined;
}): HandoverHandlers {
  const audited = (supervisor: Participant, action: string, consultationId: ConsultationId) =>
    deps.audit.record({
      actor: supervisor.identity.role === 'kiosk' ? supervisor.id : supervisor.identity.staffId,
      action,
      subject: consultationId,
    });
  return {
    'consultation:wrap-up': async (clerk, { consultationId, outcome, notes, tasks }) => {
      const staffId = clerk.identity.role === 'kiosk' ? '' : clerk.identity.staffId;
      const part = await partOver(deps, clerk, staffId, consultationId);
      if (await deps.records.hasWrappedUp(consultationId, staffId)) {
        throw AppError.invalidState('you have already wrapped up this consultation');
      }
      if (tasks.length > 0 && !part.boothId) throw AppError.invalidState('this kiosk has no booth for tasks');
      const created = await deps.records.wrapUp(
        part,
        {
          staffId,
          outcome: outcome as ConsultationOutcome,
          notes,
          tasks: tasks as { kind: HandoverKind; note: string }[],
        },
        Date.now(),
      );
      for (const task of created) deps.boards.taskUpdated(task);
      return { tasks: created };
    },
    'onsite:get-board': (onsite) => {
      const boothId = onsiteBoothOf(onsite);
      if (!boothId) throw AppError.forbidden('a booth board');
      return deps.boards.board(boothId);
    },
    'task:resolve': async (onsite, { taskId, status, problemNote }) => {
      const boothId = onsiteBoothOf(onsite);
      const task = await deps.records.task(taskId);
      // On-site staff reach only their own booth's tasks.
      if (!task || !boothId || task.boothId !== boothId) throw AppError.notFound('task');
      if (task.status !== 'open') throw AppError.invalidState('this task is already resolved');
      if (status === 'problem' && !problemNote)
        throw AppError.validation('problemNote: say what the problem is');
      const staffId = onsite.identity.role === 'kiosk' ? '' : onsite.identity.staffId;
      await deps.records.resolveTask(
        taskId,
        { staffId, status, problemNote: problemNote ?? null },
        Date.now(),
      );
      const resolved = (await deps.records.task(taskId))!;
      deps.boards.taskUpdated(resolved);
      return { task: resolved };
    },
    'supervisor:monitor': async (supervisor, { consultationId }) => {
      deps.consultations.team.monitor(supervisor, consultationId);
      await audited(supervisor, 'call-monitored', consultationId);
      return {};
    },
    'supervisor:join': async (supervisor, { consultationId }) => {
      const consultation = deps.consultations.team.joinAsSupervisor(supervisor, consultationId);
      await audited(supervisor, 'call-joined-by-supervisor', consultationId);
      return { consultation };
    },
    'supervisor:stop-monitoring': async (supervisor, { consultationId }) => {
      deps.consultations.team.stopMonitoring(supervisor, consultationId);
      await audited(supervisor, 'call-monitoring-stopped', consultationId);
      return {};
    },
  };
}
