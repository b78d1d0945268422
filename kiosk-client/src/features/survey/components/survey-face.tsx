import type { SurveyRating } from '../survey.ts';

// Mouth curves from a wide smile (5) to a deep frown (1); the label beside the face says the same.
const mouths: Record<SurveyRating, string> = {
  5: 'M7 14 Q12 20 17 14',
  4: 'M8 15 Q12 18 16 15',
  3: 'M8 16 H16',
  2: 'M8 17 Q12 14 16 17',
  1: 'M7 18 Q12 12 17 18',
};

export function SurveyFace({ rating }: { rating: SurveyRating }) {
  return (
    <svg className="survey-face" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <circle cx="12" cy="12" r="10.5" fill="none" stroke="currentColor" strokeWidth="1.5" />
      <circle cx="8.5" cy="9.5" r="1.3" fill="currentColor" />
      <circle cx="15.5" cy="9.5" r="1.3" fill="currentColor" />
      <path d={mouths[rating]} fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
    </svg>
  );
}
