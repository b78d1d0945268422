import { randomUUID } from 'node:crypto';
import type { DatabaseSync } from 'node:sqlite';
import type { ConsultationOutcome, HandoverKind, HandoverTask } from '@madoguchi/shared';

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
  readonly #db: DatabaseSync;

  constructor(db: DatabaseSync) {
    this.#db = db;
  }

  recordEnd(record: Omit<EndedConsultation, 'outcome' | 'wrappedUpBy'>): void {
    this.#db
      .prepare(
        `INSERT OR IGNORE INTO consultations (consultation_id, kiosk_id, booth_id, procedure_id, language,
           requested_at, answered_at, ended_at, end_reason, staff_ids)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        record.consultationId,
        record.kioskId,
        record.boothId,
        record.procedureId,
        record.language,
        record.requestedAt,
        record.answeredAt,
        record.endedAt,
        record.endReason,
        JSON.stringify(record.staffIds),
      );
  }

  find(consultationId: string): EndedConsultation | undefined {
    const row = this.#db.prepare('SELECT * FROM consultations WHERE consultation_id = ?').get(consultationId);
    if (!row) return undefined;
    const wrapUps = this.#db
      .prepare('SELECT staff_id, outcome FROM wrap_ups WHERE consultation_id = ? ORDER BY wrapped_up_at')
      .all(consultationId);
    return {
      consultationId: String(row.consultation_id),
      kioskId: String(row.kiosk_id),
      boothId: row.booth_id === null ? null : String(row.booth_id),
      procedureId: String(row.procedure_id),
      language: String(row.language),
      requestedAt: Number(row.requested_at),
      answeredAt: row.answered_at === null ? null : Number(row.answered_at),
      endedAt: Number(row.ended_at),
      endReason: String(row.end_reason),
      staffIds: JSON.parse(String(row.staff_ids)) as string[],
      outcome: wrapUps.length === 0 ? null : (String(wrapUps.at(-1)!.outcome) as ConsultationOutcome),
      wrappedUpBy: wrapUps.map((wrapUp) => String(wrapUp.staff_id)),
    };
  }

  hasWrappedUp(consultationId: string, staffId: string): boolean {
    return (
      this.#db
        .prepare('SELECT 1 FROM wrap_ups WHERE consultation_id = ? AND staff_id = ?')
        .get(consultationId, staffId) !== undefined
    );
  }

  /** Records one clerk's wrap-up and creates its tasks, in one transaction. */
  wrapUp(
    consultation: { consultationId: string; kioskId: string; boothId: string | null },
    wrapUp: {
      staffId: string;
      outcome: ConsultationOutcome;
      notes: string;
      tasks: { kind: HandoverKind; note: string }[];
    },
    at: number,
  ): HandoverTask[] {
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
    this.#db.exec('BEGIN IMMEDIATE');
    try {
      this.#db
        .prepare(
          'INSERT INTO wrap_ups (consultation_id, staff_id, outcome, notes, wrapped_up_at) VALUES (?, ?, ?, ?, ?)',
        )
        .run(consultation.consultationId, wrapUp.staffId, wrapUp.outcome, wrapUp.notes, at);
      const insert = this.#db.prepare(
        `INSERT INTO handover_tasks (task_id, consultation_id, kiosk_id, booth_id, kind, note, status, created_by, created_at)
         VALUES (?, ?, ?, ?, ?, ?, 'open', ?, ?)`,
      );
      for (const task of tasks) {
        insert.run(
          task.taskId,
          task.consultationId,
          task.kioskId,
          task.boothId,
          task.kind,
          task.note,
          task.createdBy,
          at,
        );
      }
      this.#db.exec('COMMIT');
    } catch (error) {
      this.#db.exec('ROLLBACK');
      throw error;
    }
    return tasks;
  }

  task(taskId: string): HandoverTask | undefined {
    return this.#tasks('SELECT * FROM handover_tasks WHERE task_id = ?', taskId)[0];
  }

  /** A booth's open tasks and those resolved in the last day, open first, oldest first. */
  tasksOfBooth(boothId: string, now: number): HandoverTask[] {
    return this.#tasks(
      `SELECT * FROM handover_tasks WHERE booth_id = ? AND (status = 'open' OR resolved_at > ?)
       ORDER BY status = 'open' DESC, created_at`,
      boothId,
      now - 86_400_000,
    );
  }

  resolveTask(
    taskId: string,
    resolution: { staffId: string; status: 'done' | 'problem'; problemNote: string | null },
    at: number,
  ): void {
    this.#db
      .prepare(
        'UPDATE handover_tasks SET status = ?, resolved_by = ?, resolved_at = ?, problem_note = ? WHERE task_id = ?',
      )
      .run(resolution.status, resolution.staffId, at, resolution.problemNote, taskId);
  }

  #tasks(sql: string, ...params: (string | number)[]): HandoverTask[] {
    return this.#db
      .prepare(sql)
      .all(...params)
      .map((row) => ({
        taskId: String(row.task_id) as HandoverTask['taskId'],
        consultationId: String(row.consultation_id) as HandoverTask['consultationId'],
        kioskId: String(row.kiosk_id) as HandoverTask['kioskId'],
        boothId: String(row.booth_id),
        kind: String(row.kind) as HandoverKind,
        note: String(row.note),
        status: String(row.status) as HandoverTask['status'],
        createdBy: String(row.created_by) as HandoverTask['createdBy'],
        createdAt: new Date(Number(row.created_at)).toISOString(),
        resolvedBy: row.resolved_by === null ? null : (String(row.resolved_by) as HandoverTask['createdBy']),
        resolvedAt: row.resolved_at === null ? null : new Date(Number(row.resolved_at)).toISOString(),
        problemNote: row.problem_note === null ? null : String(row.problem_note),
      }));
  }
}
