import type { ConsultationId } from '@madoguchi/shared';

/** 5 = very satisfied, 1 = very dissatisfied. */
export type SurveyRating = 1 | 2 | 3 | 4 | 5;

/** Shown best first: a resident who is content finds their answer at once. */
export const surveyRatings: readonly SurveyRating[] = [5, 4, 3, 2, 1];

export const SURVEY_COMMENT_MAX_LENGTH = 500;

/**
 * The survey after an answered call. One tap on a rating sends it (the answer counts even if the
 * resident walks away); a comment is a second, optional step that sends the rating again with it.
 */
export interface SurveyState {
  consultationId: ConsultationId;
  step: 'rating' | 'comment';
  /** The rating the server has (null until one was accepted). */
  rating: SurveyRating | null;
  isSending: boolean;
  /** The last answer did not reach the server; the resident may tap again. */
  hasFailed: boolean;
}

export const emptySurvey = (consultationId: ConsultationId): SurveyState => ({
  consultationId,
  step: 'rating',
  rating: null,
  isSending: false,
  hasFailed: false,
});

/** The comment as sent: trimmed, within the contract's limit; nothing when blank. */
export function surveyComment(typed: string): string | undefined {
  const comment = typed.trim().slice(0, SURVEY_COMMENT_MAX_LENGTH);
  return comment === '' ? undefined : comment;
}
