import type { DatabaseSync } from 'node:sqlite';
import { AppError } from '../errors.ts';

export interface SurveyAnswer {
  consultationId: string;
  kioskId: string;
  procedureId: string;
  language: string;
  /** Who served the resident: satisfaction with staff is the city's headline measure. */
  staffIds: string[];
  rating: number;
  comment: string | null;
  submittedAt: number;
}

/** Satisfaction answers, one per consultation. */
export class Surveys {
  readonly #db: DatabaseSync;

  constructor(db: DatabaseSync) {
    this.#db = db;
  }

  /**
   * Records the answer; a later answer for the same consultation replaces it (the kiosk sends the
   * rating at once, then again with the comment if the resident adds one).
   */
  record(answer: SurveyAnswer): void {
    try {
      this.#db
        .prepare(
          `INSERT INTO surveys (consultation_id, kiosk_id, procedure_id, language, staff_ids, rating, comment, submitted_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (consultation_id) DO UPDATE SET rating = excluded.rating, comment = excluded.comment,
             submitted_at = excluded.submitted_at`,
        )
        .run(
          answer.consultationId,
          answer.kioskId,
          answer.procedureId,
          answer.language,
          JSON.stringify(answer.staffIds),
          answer.rating,
          answer.comment,
          answer.submittedAt,
        );
    } catch (error) {
      throw new AppError('INTERNAL', 'the survey could not be stored', { cause: error });
    }
  }

  find(consultationId: string): SurveyAnswer | undefined {
    return this.#answerOf(
      this.#db.prepare('SELECT * FROM surveys WHERE consultation_id = ?').get(consultationId),
    );
  }

  /** The most recently submitted answer. */
  latest(): SurveyAnswer | undefined {
    return this.#answerOf(
      this.#db.prepare('SELECT * FROM surveys ORDER BY submitted_at DESC, rowid DESC LIMIT 1').get(),
    );
  }

  #answerOf(row: Record<string, unknown> | undefined): SurveyAnswer | undefined {
    if (!row) return undefined;
    return {
      consultationId: String(row.consultation_id),
      kioskId: String(row.kiosk_id),
      procedureId: String(row.procedure_id),
      language: String(row.language),
      staffIds: JSON.parse(String(row.staff_ids)) as string[],
      rating: Number(row.rating),
      comment: row.comment === null ? null : String(row.comment),
      submittedAt: Number(row.submitted_at),
    };
  }
}
