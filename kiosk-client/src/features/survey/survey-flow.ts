import type { CommandRequest, ConsultationId } from '@madoguchi/shared';
import { emptySurvey, surveyComment, type SurveyRating, type SurveyState } from './survey.ts';

export interface SurveyFlowOptions {
  /** Sends `survey:submit`; rejects when it did not reach the server. */
  submit(answer: CommandRequest<'survey:submit'>): Promise<unknown>;
  /** Every change of the survey (null: none). */
  onChange(survey: SurveyState | null): void;
}

/**
 * The one-tap survey after an answered call (see `SurveyState`). An answer that comes back after the
 * survey went (the resident walked away and was wiped) changes nothing.
 */
export class SurveyFlow {
  readonly #options: SurveyFlowOptions;
  #state: SurveyState | null = null;

  constructor(options: SurveyFlowOptions) {
    this.#options = options;
  }

  get state(): SurveyState | null {
    return this.#state;
  }

  /** The answered call is over: the consultation's id is all the survey keeps. */
  begin(consultationId: ConsultationId): void {
    this.#set(emptySurvey(consultationId));
  }

  /** One tap sends the rating; once the server has it, the comment step follows. */
  async rate(rating: SurveyRating): Promise<void> {
    const survey = this.#state;
    if (!survey || survey.isSending) return;
    this.#set({ ...survey, isSending: true, hasFailed: false });
    const isSent = await this.#send({ consultationId: survey.consultationId, rating });
    const current = this.#state;
    if (current?.consultationId !== survey.consultationId) return;
    this.#set(
      isSent
        ? { ...current, rating, step: 'comment', isSending: false }
        : { ...current, isSending: false, hasFailed: true },
    );
  }

  /**
   * The comment step's send: the rating again, with the comment (a blank one sends nothing more).
   * True once the resident is done with the survey; false when there was nothing to send it with,
   * or the survey went meanwhile.
   */
  async comment(typed: string): Promise<boolean> {
    const survey = this.#state;
    if (!survey?.rating || survey.isSending) return false;
    const comment = surveyComment(typed);
    if (comment === undefined) return true;
    this.#set({ ...survey, isSending: true });
    // The rating is stored already; a comment that fails to arrive is not worth keeping them for.
    await this.#send({ consultationId: survey.consultationId, rating: survey.rating, comment });
    return this.#state?.consultationId === survey.consultationId;
  }

  /** From the comment step back to the ratings; false when there is no step to go back from. */
  back(): boolean {
    if (this.#state?.step !== 'comment') return false;
    this.#set({ ...this.#state, step: 'rating' });
    return true;
  }

  clear(): void {
    if (this.#state) this.#set(null);
  }

  async #send(answer: CommandRequest<'survey:submit'>): Promise<boolean> {
    try {
      await this.#options.submit(answer);
      return true;
    } catch {
      return false;
    }
  }

  #set(survey: SurveyState | null): void {
    this.#state = survey;
    this.#options.onChange(survey);
  }
}
