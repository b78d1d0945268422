import { useId, useState, type FormEvent } from 'react';
import { useI18n } from '../../../i18n/i18n.ts';
import { BackButton } from '../../shell/components/back-button.tsx';
import { SURVEY_COMMENT_MAX_LENGTH, surveyRatings, type SurveyRating, type SurveyState } from '../survey.ts';
import { SurveyFace } from './survey-face.tsx';

interface SurveyScreenProps {
  survey: SurveyState;
  onRate: (rating: SurveyRating) => void;
  onComment: (comment: string) => void;
  onSkip: () => void;
  onBack: () => void;
}

/** After the call: five big faces with words; one tap answers. A comment may follow. */
export function SurveyScreen({ survey, onRate, onComment, onSkip, onBack }: SurveyScreenProps) {
  return (
    <section className="screen survey-screen" data-testid="survey-screen" data-step={survey.step}>
      {survey.step === 'rating' ? (
        <RatingStep survey={survey} onRate={onRate} onSkip={onSkip} />
      ) : (
        <CommentStep survey={survey} onComment={onComment} onSkip={onSkip} onBack={onBack} />
      )}
    </section>
  );
}

function RatingStep({ survey, onRate, onSkip }: Pick<SurveyScreenProps, 'survey' | 'onRate' | 'onSkip'>) {
  const { t } = useI18n();
  return (
    <>
      <h1 className="title">{t('survey.title')}</h1>
      <p className="lead" id="survey-lead">
        {t('survey.lead')}
      </p>
      <div className="survey-ratings" role="group" aria-labelledby="survey-lead">
        {surveyRatings.map((rating) => (
          <button
            key={rating}
            type="button"
            className={`button button--rating button--rating-${rating}`}
            data-testid={`survey-rating-${rating}`}
            disabled={survey.isSending}
            onClick={() => onRate(rating)}
          >
            <SurveyFace rating={rating} />
            <span>{t(`survey.rating-${rating}`)}</span>
          </button>
        ))}
      </div>
      {survey.isSending && (
        <p className="notice" role="status">
          {t('survey.sending')}
        </p>
      )}
      {survey.hasFailed && (
        <p className="notice notice--problem" role="alert" data-testid="survey-failed">
          {t('survey.failed')}
        </p>
      )}
      <div className="actions">
        <button
          type="button"
          className="button button--secondary"
          data-testid="survey-skip"
          disabled={survey.isSending}
          onClick={onSkip}
        >
          {t('survey.skip')}
        </button>
      </div>
    </>
  );
}

function CommentStep({
  survey,
  onComment,
  onSkip,
  onBack,
}: Pick<SurveyScreenProps, 'survey' | 'onComment' | 'onSkip' | 'onBack'>) {
  const { t } = useI18n();
  const [comment, setComment] = useState('');
  const inputId = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onComment(comment);
  };
  return (
    <>
      <h1 className="title">{t('survey.comment-title')}</h1>
      <p className="lead">{t('survey.comment-lead')}</p>
      {survey.rating && (
        <p className="survey-chosen" data-testid="survey-chosen" data-rating={survey.rating}>
          <SurveyFace rating={survey.rating} />
          <span>{t(`survey.rating-${survey.rating}`)}</span>
        </p>
      )}
      <form className="survey-comment" onSubmit={submit}>
        <label htmlFor={inputId} className="field__label">
          {t('survey.comment-label')}
        </label>
        <textarea
          id={inputId}
          className="survey-comment__input"
          data-testid="survey-comment"
          rows={4}
          maxLength={SURVEY_COMMENT_MAX_LENGTH}
          value={comment}
          onChange={(event) => setComment(event.target.value)}
        />
        <div className="actions">
          <BackButton onBack={onBack} />
          <button
            type="button"
            className="button button--secondary"
            data-testid="survey-skip"
            disabled={survey.isSending}
            onClick={onSkip}
          >
            {t('survey.skip-comment')}
          </button>
          <button
            type="submit"
            className="button button--call"
            data-testid="survey-submit"
            disabled={survey.isSending}
          >
            {survey.isSending ? t('survey.sending') : t('survey.submit')}
          </button>
        </div>
      </form>
    </>
  );
}
