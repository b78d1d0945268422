import {
  consultationOutcomeSchema,
  handoverKindSchema,
  type ConsultationOutcome,
  type HandoverKind,
  type Procedure,
} from '@madoguchi/shared';
import { useId } from 'react';
import { useI18n } from '../../../i18n/i18n.ts';
import { procedureName } from '../../../lib/procedure-name.ts';
import { wrapUpLimits, type WrapUpState, type WrapUpTaskDraft } from '../wrap-up-desk.ts';

/** What the clerk can do with the draft. */
export interface WrapUpActions {
  setOutcome: (outcome: ConsultationOutcome) => void;
  setNotes: (notes: string) => void;
  addTask: () => void;
  updateTask: (index: number, patch: Partial<WrapUpTaskDraft>) => void;
  removeTask: (index: number) => void;
  submit: () => void;
  skip: () => void;
}

interface WrapUpPanelProps {
  wrapUp: WrapUpState;
  procedures: readonly Procedure[] | null;
  actions: WrapUpActions;
}

/** After a call: its outcome, notes, and tasks for the booth's on-site staff. */
export function WrapUpPanel({ wrapUp, procedures, actions }: WrapUpPanelProps) {
  const { language, t } = useI18n();
  const id = useId();
  const { consultation, isSubmitting } = wrapUp;
  return (
    <section className="card wrap-up" data-testid="wrap-up-panel" aria-labelledby={`${id}-title`}>
      <h2 className="card__title" id={`${id}-title`}>
        {t('wrap-up.title')}
      </h2>
      <p className="notice">
        {t('wrap-up.call', {
          procedure: procedureName(procedures, consultation.procedureId, language),
          kioskId: consultation.kioskId,
        })}
      </p>
      <form
        className="wrap-up__form"
        onSubmit={(event) => {
          event.preventDefault();
          actions.submit();
        }}
      >
        <fieldset className="wrap-up__outcomes" disabled={isSubmitting}>
          <legend>{t('wrap-up.outcome')}</legend>
          {consultationOutcomeSchema.options.map((outcome) => (
            <label key={outcome} className="wrap-up__outcome">
              <input
                type="radio"
                name={`${id}-outcome`}
                value={outcome}
                data-testid={`wrap-up-outcome-${outcome}`}
                checked={wrapUp.outcome === outcome}
                onChange={() => actions.setOutcome(outcome)}
              />
              {t(`outcome.${outcome}`)}
            </label>
          ))}
        </fieldset>

        <label className="field">
          <span className="field__label">{t('wrap-up.notes')}</span>
          <textarea
            className="field__input wrap-up__notes"
            data-testid="wrap-up-notes"
            rows={4}
            maxLength={wrapUpLimits.maxNotes}
            value={wrapUp.notes}
            disabled={isSubmitting}
            aria-describedby={`${id}-notes-hint`}
            onChange={(event) => actions.setNotes(event.target.value)}
          />
          <span className="field__hint" id={`${id}-notes-hint`}>
            {t('wrap-up.notes-hint', { max: wrapUpLimits.maxNotes })} ({wrapUp.notes.length})
          </span>
        </label>

        <fieldset className="wrap-up__tasks" disabled={isSubmitting}>
          <legend>{t('wrap-up.tasks', { max: wrapUpLimits.maxTasks })}</legend>
          {wrapUp.tasks.length === 0 && <p className="notice">{t('wrap-up.no-tasks')}</p>}
          {wrapUp.tasks.map((task, index) => {
            const number = index + 1;
            return (
              <div key={index} className="wrap-up__task" data-testid={`wrap-up-task-${index}`}>
                <select
                  className="field__input"
                  data-testid={`wrap-up-task-kind-${index}`}
                  aria-label={t('wrap-up.task-kind', { number })}
                  value={task.kind}
                  onChange={(event) =>
                    actions.updateTask(index, { kind: handoverKindSchema.parse(event.target.value) })
                  }
                >
                  {handoverKindSchema.options.map((kind: HandoverKind) => (
                    <option key={kind} value={kind}>
                      {t(`handover-kind.${kind}`)}
                    </option>
                  ))}
                </select>
                <input
                  className="field__input wrap-up__task-note"
                  data-testid={`wrap-up-task-note-${index}`}
                  aria-label={t('wrap-up.task-note', { number })}
                  maxLength={wrapUpLimits.maxTaskNote}
                  value={task.note}
                  onChange={(event) => actions.updateTask(index, { note: event.target.value })}
                />
                <button
                  type="button"
                  className="button button--secondary"
                  data-testid={`wrap-up-remove-task-${index}`}
                  onClick={() => actions.removeTask(index)}
                >
                  {t('wrap-up.remove-task', { number })}
                </button>
              </div>
            );
          })}
          <button
            type="button"
            className="button button--secondary"
            data-testid="wrap-up-add-task"
            disabled={wrapUp.tasks.length >= wrapUpLimits.maxTasks}
            onClick={actions.addTask}
          >
            {t('wrap-up.add-task')}
          </button>
        </fieldset>

        {wrapUp.problem && (
          <p className="form__problem" role="alert" data-testid="wrap-up-problem">
            {t(`wrap-up.problem.${wrapUp.problem}`)}
          </p>
        )}
        <div className="wrap-up__actions">
          <button type="submit" className="button" data-testid="wrap-up-submit" disabled={isSubmitting}>
            {isSubmitting ? t('wrap-up.submitting') : t('wrap-up.submit')}
          </button>
          <button
            type="button"
            className="button button--secondary"
            data-testid="wrap-up-skip"
            disabled={isSubmitting}
            onClick={actions.skip}
          >
            {t('wrap-up.skip')}
          </button>
        </div>
      </form>
    </section>
  );
}
