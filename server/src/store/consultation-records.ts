import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { ConsultationOutcome, HandoverKind, HandoverTask } from '@madoguchi/shared';
import { AppError } from '../errors.ts';
import type { Database } from './database.ts';
import type { Tables } from './tables.ts';

export interface EndedConsultation {
  consultationId: string;
  kioskId: string;
  boothId: string | null;
  procedureId: string;
  language: string;
  requestedAt: number;
  answeredAt: number | null;
  endedAt: number;
  endReason: string;
  staffIds: string[];
  /** The latest wrap-up's outcome (a transferred call is wrapped up by each clerk for their part). */
  outcome: ConsultationOutcome | null;
  /** Clerks who have wrapped up their part. */
  wrappedUpBy: string[];
}

/** Every consultation once it has ended, with its wrap-up; and the tasks handed to the booths. */
export class ConsultationRecords {
  readonly #db: Database;
  /** Records of calls that have just ended, still on their way to the database. */
  readonly #ending = new Map<string, Promise<void>>();

  constructor(db: Database) {
    this.#db = db;
  }

  /** Writes the record of a call that has ended; `find` waits for it, so it reads its own write. */
  recordEnd(record: Omit<EndedConsultation, 'outcome' | 'wrappedUpBy'>): Promise<void> {
    const write = this.#insertEnd(record).finally(() => this.#ending.delete(record.consultationId));
    this.#ending.set(record.consultationId, write);
    return write;
  }

  async #insertEnd(record: Omit<EndedConsultation, 'outcome' | 'wrappedUpBy'>): Promise<void> {
    await this.#db
      .insertInto('consultations')
      .values({
        consultation_id: record.consultationId,
        kiosk_id: record.kioskId,
        booth_id: record.boothId,
        procedure_id: record.procedureId,
        language: record.language,
        requested_at: record.requestedAt,
        answered_at: record.answeredAt,
        ended_at: record.endedAt,
        end_reason: record.endReason,
        staff_ids: JSON.stringify(record.staffIds),
      })
      .onConflict((conflict) => conflict.column('consultation_id').doNothing())
      .execute();
  }

  async find(consultationId: string): Promise<EndedConsultation | undefined> {
    // A failed write is reported by whoever started it; here it only means there is no record.
    await this.#ending.get(consultationId)?.catch(() => undefined);
    const row = await this.#db
      .selectFrom('consultations')
      .selectAll()
      .where('consultation_id', '=', consultationId)
      .executeTakeFirst();
    if (!row) return undefined;
    const wrapUps = await this.#db
      .selectFrom('wrap_ups')
      .select(['staff_id', 'outcome'])
      .where('consultation_id', '=', consultationId)
      .orderBy('wrapped_up_at')
      .execute();
    return {
      consultationId: row.consultation_id,
      kioskId: row.kiosk_id,
      boothId: row.booth_id,
      procedureId: row.procedure_id,
      language: row.language,
      requestedAt: row.requested_at,
      answeredAt: row.answered_at,
      endedAt: row.ended_at,
      endReason: row.end_reason,
      staffIds: JSON.parse(row.staff_ids) as string[],
      outcome: (wrapUps.at(-1)?.outcome ?? null) as ConsultationOutcome | null,
      wrappedUpBy: wrapUps.map((wrapUp) => wrapUp.staff_id),
    };
  }

  async hasWrappedUp(consultationId: string, staffId: string): Promise<boolean> {
    const row = await this.#db
      .selectFrom('wrap_ups')
      .select('staff_id')
      .where('consultation_id', '=', consultationId)
      .where('staff_id', '=', staffId)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Records one clerk's wrap-up and creates its tasks, in one transaction. */
  async wrapUp(
    consultation: { consultationId: string; kioskId: string; boothId: string | null },
    wrapUp: {
      staffId: string;
      outcome: ConsultationOutcome;
      notes: string;
      tasks: { kind: HandoverKind; note: string }[];
    },
    at: number,
  ): Promise<HandoverTask[]> {
    const tasks: HandoverTask[] = wrapUp.tasks.map((task) => ({
      taskId: randomUUID() as HandoverTask['taskId'],
      consultationId: consultation.consultationId as HandoverTask['consultationId'],
      kioskId: consultation.kioskId as HandoverTask['kioskId'],
      boothId: consultation.boothId ?? '',
      kind: task.kind,
      note: task.note,
      status: 'open',
      createdBy: wrapUp.staffId as HandoverTask['createdBy'],
      createdAt: new Date(at).toISOString(),
      resolvedBy: null,
      resolvedAt: null,
      problemNote: null,
    }));
    await this.#db.transaction().execute(async (trx) => {
      const inserted = await trx
        .insertInto('wrap_ups')
        .values({
          consultation_id: consultation.consultationId,
          staff_id: wrapUp.staffId,
          outcome: wrapUp.outcome,
          notes: wrapUp.notes,
          wrapped_up_at: at,
        })
        .onConflict((conflict) => conflict.columns(['consultation_id', 'staff_id']).doNothing())
        .executeTakeFirst();
      // Two wrap-ups of the same part sent at once: the first is kept, the second refused whole.
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 0) {
        throw AppError.invalidState('you have already wrapped up this consultation');
      }
      if (tasks.length === 0) return;
      await trx
        .insertInto('handover_tasks')
        .values(
          tasks.map((task) => ({
            task_id: task.taskId,
            consultation_id: task.consultationId,
            kiosk_id: task.kioskId,
            booth_id: task.boothId,
            kind: task.kind,
            note: task.note,
            status: 'open' as const,
            created_by: task.createdBy,
            created_at: at,
          })),
        )
        .execute();
    });
    return tasks;
  }

  async task(taskId: string): Promise<HandoverTask | undefined> {
    const row = await this.#db
      .selectFrom('handover_tasks')
      .selectAll()
      .where('task_id', '=', taskId)
      .executeTakeFirst();
    return row && taskOf(row);
  }

  /** A booth's open tasks and those resolved in the last day, open first, oldest first. */
  async tasksOfBooth(boothId: string, now: number): Promise<HandoverTask[]> {
    const rows = await this.#db
      .selectFrom('handover_tasks')
      .selectAll()
      .where('booth_id', '=', boothId)
      .where((row) => row.or([row('status', '=', 'open'), row('resolved_at', '>', now - 86_400_000)]))
      .orderBy((row) => row.case().when('status', '=', 'open').then(0).else(1).end())
      .orderBy('created_at')
      .execute();
    return rows.map(taskOf);
  }

  async resolveTask(
    taskId: string,
    resolution: { staffId: string; status: 'done' | 'problem'; problemNote: string | null },
    at: number,
  ): Promise<void> {
    await this.#db
      .updateTable('handover_tasks')
      .set({
        status: resolution.status,
        resolved_by: resolution.staffId,
        resolved_at: at,
        problem_note: resolution.problemNote,
      })
      .where('task_id', '=', taskId)
      .execute();
  }
}

function taskOf(row: Selectable<Tables['handover_tasks']>): HandoverTask {
  return {
    taskId: row.task_id as HandoverTask['taskId'],
    consultationId: row.consultation_id as HandoverTask['consultationId'],
    kioskId: row.kiosk_id as HandoverTask['kioskId'],
    boothId: row.booth_id,
    kind: row.kind as HandoverKind,
    note: row.note,
    status: row.status,
    createdBy: row.created_by as HandoverTask['createdBy'],
    createdAt: new Date(row.created_at).toISOString(),
    resolvedBy: row.resolved_by as HandoverTask['resolvedBy'],
    resolvedAt: row.resolved_at === null ? null : new Date(row.resolved_at).toISOString(),
    problemNote: row.problem_note,
  };
}
