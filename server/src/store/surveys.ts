import type { Selectable } from 'kysely';
import { AppError } from '../errors.ts';
import type { Database } from './database.ts';
import type { Tables } from './tables.ts';

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
  readonly #db: Database;

  constructor(db: Database) {
    this.#db = db;
  }

  /**
   * Records the answer; a later answer for the same consultation replaces it (the kiosk sends the
   * rating at once, then again with the comment if the resident adds one).
   */
  async record(answer: SurveyAnswer): Promise<void> {
    try {
      await this.#db
        .insertInto('surveys')
        .values({
          consultation_id: answer.consultationId,
          kiosk_id: answer.kioskId,
          procedure_id: answer.procedureId,
          language: answer.language,
          staff_ids: JSON.stringify(answer.staffIds),
          rating: answer.rating,
          comment: answer.comment,
          submitted_at: answer.submittedAt,
        })
        .onConflict((conflict) =>
          conflict.column('consultation_id').doUpdateSet((update) => ({
            rating: update.ref('excluded.rating'),
            comment: update.ref('excluded.comment'),
            submitted_at: update.ref('excluded.submitted_at'),
          })),
        )
        .execute();
    } catch (error) {
      throw new AppError('INTERNAL', 'the survey could not be stored', { cause: error });
    }
  }

  async find(consultationId: string): Promise<SurveyAnswer | undefined> {
    const row = await this.#db
      .selectFrom('surveys')
      .selectAll()
      .where('consultation_id', '=', consultationId)
      .executeTakeFirst();
    return row && answerOf(row);
  }

  /** The most recently submitted answer. */
  async latest(): Promise<SurveyAnswer | undefined> {
    const row = await this.#db
      .selectFrom('surveys')
      .selectAll()
      .orderBy('submitted_at', 'desc')
      .orderBy('consultation_id', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row && answerOf(row);
  }
}

function answerOf(row: Selectable<Tables['surveys']>): SurveyAnswer {
  return {
    consultationId: row.consultation_id,
    kioskId: row.kiosk_id,
    procedureId: row.procedure_id,
    language: row.language,
    staffIds: JSON.parse(row.staff_ids) as string[],
    rating: row.rating,
    comment: row.comment,
    submittedAt: row.submitted_at,
  };
}
