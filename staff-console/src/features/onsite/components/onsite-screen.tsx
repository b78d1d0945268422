import type { HandoverTask, KioskId, KioskState, TaskId } from '@madoguchi/shared';
import { useState } from 'react';
import { useI18n, type Translate } from '../../../i18n/i18n.ts';
import { formatDuration, formatTokyoTime } from '../../../lib/time.ts';
import { useNow } from '../../../lib/use-now.ts';
import { orderedTasks, type OnsiteState } from '../onsite-desk.ts';

export interface OnsiteActions {
  resolveTask: (taskId: TaskId, status: 'done' | 'problem', problemNote?: string) => void;
  dismissHelp: (kioskId: KioskId) => void;
}

/** A shape per state besides its colour and words, for staff who tell colours apart poorly. */
const stateIcons: Readonly<Record<KioskState, string>> = {
  offline: '✕',
  idle: '○',
  waiting: '⏳',
  'in-call': '☎',
  'out-of-service': '⚠',
};

/** On-site staff at a booth: its kiosks, residents asking for help, and the tasks clerks hand over. */
export function OnsiteScreen({ onsite, actions }: { onsite: OnsiteState | null; actions: OnsiteActions }) {
  const { t } = useI18n();
  const now = useNow(1000);
  const board = onsite?.board;
  if (!onsite || !board) {
    return (
      <main className="screen onsite-screen" data-testid="onsite-screen">
        <p className="lead">{t('onsite.loading')}</p>
      </main>
    );
  }
  const tasks = orderedTasks(board.tasks);
  return (
    <main className="screen onsite-screen" data-testid="onsite-screen" data-booth-id={board.boothId}>
      <header className="onsite__header">
        <h2 className="onsite__title">{t('onsite.title')}</h2>
        <span className="notice">{t('onsite.booth', { boothId: board.boothId })}</span>
      </header>

      {onsite.helpRequests.length > 0 && (
        <section className="onsite__help" aria-labelledby="onsite-help-title" role="alert">
          <h2 className="card__title" id="onsite-help-title">
            {t('onsite.help-title')}
          </h2>
          <ul className="onsite__help-list">
            {onsite.helpRequests.map((request) => (
              <li
                key={request.kioskId}
                className="onsite__help-item"
                data-testid={`onsite-help-${request.kioskId}`}
                data-reason={request.reason}
              >
                <span className="onsite__help-icon" aria-hidden="true">
                  🔔
                </span>
                <span className="onsite__help-text">
                  {t('onsite.help-request', {
                    kioskId: request.kioskId,
                    reason: t(`onsite.help-reason-${request.reason}`),
                  })}
                </span>
                <span className="notice">
                  {t('onsite.ago', { time: formatDuration(now - Date.parse(request.at)) })}
                </span>
                <button
                  type="button"
                  className="button"
                  data-testid={`onsite-help-dismiss-${request.kioskId}`}
                  onClick={() => actions.dismissHelp(request.kioskId)}
                >
                  {t('onsite.help-dismiss')}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}

      <section className="card" aria-labelledby="onsite-kiosks-title">
        <h2 className="card__title" id="onsite-kiosks-title">
          {t('onsite.kiosks')}
        </h2>
        {board.kiosks.length === 0 ? (
          <p className="notice">{t('onsite.no-kiosks')}</p>
        ) : (
          <ul className="onsite__kiosks">
            {board.kiosks.map((kiosk) => (
              <li
                key={kiosk.kioskId}
                className={`onsite__kiosk onsite__kiosk--${kiosk.state}`}
                data-testid={`onsite-kiosk-${kiosk.kioskId}`}
                data-state={kiosk.state}
              >
                <span className="onsite__kiosk-icon" aria-hidden="true">
                  {stateIcons[kiosk.state]}
                </span>
                <span className="onsite__kiosk-id">{kiosk.kioskId}</span>
                <span className="onsite__kiosk-state">{t(`kiosk-state.${kiosk.state}`)}</span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="card" aria-labelledby="onsite-tasks-title">
        <h2 className="card__title" id="onsite-tasks-title">
          {t('onsite.tasks')}
        </h2>
        <ul className="onsite__tasks" data-testid="onsite-tasks">
          {tasks.length === 0 && <li className="notice">{t('onsite.no-tasks')}</li>}
          {tasks.map((task) => (
            <TaskRow
              key={task.taskId}
              task={task}
              now={now}
              isResolving={onsite.resolvingTaskIds.includes(task.taskId)}
              onResolve={actions.resolveTask}
            />
          ))}
        </ul>
      </section>
    </main>
  );
}

interface TaskRowProps {
  task: HandoverTask;
  now: number;
  isResolving: boolean;
  onResolve: OnsiteActions['resolveTask'];
}

function TaskRow({ task, now, isResolving, onResolve }: TaskRowProps) {
  const { language, t } = useI18n();
  // The note is asked for only after "problem" is pressed, so a slip of the finger costs nothing.
  const [problemNote, setProblemNote] = useState<string | null>(null);
  const isOpen = task.status === 'open';
  const id = task.taskId;
  return (
    <li
      className={`onsite__task ${isOpen ? '' : 'onsite__task--resolved'}`.trim()}
      data-testid={`onsite-task-${id}`}
      data-status={task.status}
    >
      <div className="onsite__task-main">
        <strong>{t(`handover-kind.${task.kind}`)}</strong>
        <span>{t('onsite.task-kiosk', { kioskId: task.kioskId })}</span>
        <span className="notice">
          {t('onsite.ago', { time: formatDuration(now - Date.parse(task.createdAt)) })}
        </span>
      </div>
      <p className="onsite__task-note">{task.note === '' ? t('onsite.task-no-note') : task.note}</p>
      {isOpen ? (
        problemNote === null ? (
          <div className="actions onsite__task-actions">
            <button
              type="button"
              className="button button--call"
              data-testid={`onsite-task-done-${id}`}
              disabled={isResolving}
              onClick={() => onResolve(id, 'done')}
            >
              {t('onsite.task-done')}
            </button>
            <button
              type="button"
              className="button button--secondary"
              data-testid={`onsite-task-problem-${id}`}
              disabled={isResolving}
              onClick={() => setProblemNote('')}
            >
              {t('onsite.task-problem')}
            </button>
          </div>
        ) : (
          <form
            className="onsite__problem"
            onSubmit={(event) => {
              event.preventDefault();
              onResolve(id, 'problem', problemNote);
            }}
          >
            <label className="field">
              <span className="field__label">{t('onsite.task-problem-note')}</span>
              <input
                className="field__input"
                data-testid={`onsite-task-problem-note-${id}`}
                maxLength={300}
                value={problemNote}
                // The field appears because it was asked for: typing can start at once.
                autoFocus
                onChange={(event) => setProblemNote(event.target.value)}
              />
            </label>
            <div className="actions">
              <button
                type="submit"
                className="button button--danger"
                data-testid={`onsite-task-problem-confirm-${id}`}
                disabled={isResolving}
              >
                {t('onsite.task-problem-confirm')}
              </button>
              <button
                type="button"
                className="button button--secondary"
                data-testid={`onsite-task-problem-cancel-${id}`}
                onClick={() => setProblemNote(null)}
              >
                {t('onsite.task-problem-cancel')}
              </button>
            </div>
          </form>
        )
      ) : (
        <ResolvedLine task={task} t={t} language={language} now={now} />
      )}
    </li>
  );
}

function ResolvedLine({
  task,
  t,
  language,
  now,
}: {
  task: HandoverTask;
  t: Translate;
  language: 'ja' | 'en';
  now: number;
}) {
  return (
    <>
      <p className="onsite__task-resolved" data-testid={`onsite-task-resolved-${task.taskId}`}>
        {t('onsite.task-resolved', {
          status: t(`task-status.${task.status}`),
          staffId: task.resolvedBy ?? '—',
          time: task.resolvedAt ? formatTokyoTime(task.resolvedAt, language, now) : '—',
        })}
      </p>
      {task.problemNote && <p>{t('onsite.task-problem-said', { note: task.problemNote })}</p>}
    </>
  );
}
