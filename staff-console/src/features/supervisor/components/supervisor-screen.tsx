import type { ConsultationId, Procedure, QueueSnapshotView, StaffId } from '@madoguchi/shared';
import { useI18n } from '../../../i18n/i18n.ts';
import { awayReasonText, statusText } from '../../../i18n/status-text.ts';
import { procedureName } from '../../../lib/procedure-name.ts';
import { formatDuration } from '../../../lib/time.ts';
import { useNow } from '../../../lib/use-now.ts';
import type { MonitorState } from '../monitor-desk.ts';
import { clerkRows, kioskRows, runningCalls, summarizeQueues, waitingCallers } from '../queue-summary.ts';
import { MonitorPanel } from './monitor-panel.tsx';

/** Supervisors only: silent monitoring of running calls. */
export interface MonitorControls {
  state: MonitorState;
  onMonitor: (consultationId: ConsultationId) => void;
  onStop: () => void;
  /** Joins the watched call to assist, with camera and microphone. */
  onJoin: () => void;
  onLeave: () => void;
}

interface SupervisorScreenProps {
  snapshot: QueueSnapshotView | null;
  procedures: readonly Procedure[] | null;
  /** Server clock minus this machine's, so waits tick in the server's time. */
  clockOffsetMs: number;
  /** Who is looking, to mark the calls they monitor. */
  self?: StaffId | null;
  /** Absent for administrators, who may look but not listen. */
  monitor?: MonitorControls | null;
}

/** Every queue, clerk, running call and kiosk, following the server's `queue:snapshot` facts. */
export function SupervisorScreen({
  snapshot,
  procedures,
  clockOffsetMs,
  self = null,
  monitor = null,
}: SupervisorScreenProps) {
  const { language, t } = useI18n();
  const now = useNow(1000) + clockOffsetMs;
  if (!snapshot) {
    return (
      <main className="screen supervisor-screen" data-testid="supervisor-screen">
        <p className="lead">{t('supervisor.loading')}</p>
      </main>
    );
  }
  const none = t('supervisor.none');
  const nameOf = (procedureId: string) => procedureName(procedures, procedureId, language);
  const callers = waitingCallers(snapshot, now);
  const clerks = clerkRows(snapshot, now);
  const calls = runningCalls(snapshot, now, self);
  const kiosks = kioskRows(snapshot);
  const watched = monitor?.state.consultationId ?? null;
  const watchedCall = calls.find((call) => call.consultationId === watched);
  const updatedAt = new Date(snapshot.at).toLocaleTimeString(language === 'ja' ? 'ja-JP' : 'en-US');
  return (
    <main className="screen supervisor-screen" data-testid="supervisor-screen">
      <header className="supervisor__header">
        <h2 className="supervisor__title">{t('supervisor.title')}</h2>
        <span className="notice" data-testid="supervisor-updated-at">
          {t('supervisor.updated-at', { time: updatedAt })}
        </span>
      </header>
      <section className="card supervisor__section">
        <h2 className="card__title">{t('supervisor.queues')}</h2>
        <table className="table" data-testid="supervisor-queues">
          <thead>
            <tr>
              <th scope="col">{t('supervisor.procedure')}</th>
              <th scope="col" className="table__number">
                {t('supervisor.waiting-count')}
              </th>
              <th scope="col" className="table__number">
                {t('supervisor.offered-count')}
              </th>
              <th scope="col" className="table__number">
                {t('supervisor.longest-wait')}
              </th>
            </tr>
          </thead>
          <tbody>
            {summarizeQueues(snapshot, procedures, now).map((row) => (
              <tr
                key={row.procedureId}
                data-testid={`supervisor-queue-${row.procedureId}`}
                data-waiting-count={row.waitingCount}
                className={row.waitingCount > 0 ? 'table__row--waiting' : undefined}
              >
                <th scope="row">{nameOf(row.procedureId)}</th>
                <td className="table__number">{row.waitingCount}</td>
                <td className="table__number">{row.offeredCount}</td>
                <td className="table__number">
                  {row.longestWaitMs === null ? none : formatDuration(row.longestWaitMs)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section className="card supervisor__section">
        <h2 className="card__title">{t('supervisor.clerks')}</h2>
        <table className="table" data-testid="supervisor-clerks">
          <thead>
            <tr>
              <th scope="col">{t('supervisor.clerk')}</th>
              <th scope="col">{t('supervisor.status')}</th>
              <th scope="col" className="table__number">
                {t('supervisor.since')}
              </th>
              <th scope="col">{t('supervisor.connection')}</th>
              <th scope="col">{t('supervisor.away-reason')}</th>
            </tr>
          </thead>
          <tbody>
            {clerks.length === 0 && <EmptyRow columns={5} text={t('supervisor.no-clerks')} />}
            {clerks.map((clerk) => (
              <tr
                key={clerk.staffId}
                data-testid={`supervisor-clerk-${clerk.staffId}`}
                data-status={clerk.status}
                data-connected={clerk.isConnected}
              >
                <th scope="row">{t('status.staff', { name: clerk.displayName, staffId: clerk.staffId })}</th>
                <td>
                  <span className={`status status--${clerk.status}`}>
                    {statusText(clerk.status, null, t)}
                  </span>
                </td>
                <td className="table__number">{formatDuration(clerk.sinceMs)}</td>
                <td className={clerk.isConnected ? undefined : 'table__cell--alert'}>
                  {clerk.isConnected ? t('supervisor.connected') : t('supervisor.disconnected')}
                </td>
                <td>{awayReasonText(clerk.awayReason, t) ?? none}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      {monitor && watched !== null && (
        <MonitorPanel
          state={monitor.state}
          kioskId={watchedCall?.kioskId ?? null}
          procedureName={watchedCall ? nameOf(watchedCall.procedureId) : null}
          onStop={monitor.onStop}
          onJoin={monitor.onJoin}
          onLeave={monitor.onLeave}
        />
      )}

      <section className="card supervisor__section">
        <h2 className="card__title">{t('supervisor.calls')}</h2>
        <table className="table" data-testid="supervisor-calls">
          <thead>
            <tr>
              <th scope="col" className="table__number">
                {t('supervisor.duration')}
              </th>
              <th scope="col">{t('supervisor.clerk')}</th>
              <th scope="col">{t('supervisor.kiosk')}</th>
              <th scope="col">{t('supervisor.procedure')}</th>
              <th scope="col">{t('supervisor.language')}</th>
              {monitor && <th scope="col">{t('supervisor.monitor')}</th>}
            </tr>
          </thead>
          <tbody>
            {calls.length === 0 && <EmptyRow columns={monitor ? 6 : 5} text={t('supervisor.no-calls')} />}
            {calls.map((call) => {
              const isWatched = call.consultationId === watched;
              return (
                <tr
                  key={call.consultationId}
                  data-testid={`supervisor-call-${call.consultationId}`}
                  data-monitored={isWatched}
                >
                  <td className="table__number">{formatDuration(call.durationMs)}</td>
                  <td>
                    {call.clerkNames.join('、') || none}
                    {call.monitoredBy.length > 0 && (
                      <span className="tag">
                        {t('supervisor.monitored-by', { names: call.monitoredBy.join(', ') })}
                      </span>
                    )}
                  </td>
                  <td>{call.kioskId}</td>
                  <td>{nameOf(call.procedureId)}</td>
                  <td>{t(`language-name.${call.language}`)}</td>
                  {monitor && (
                    <td>
                      <button
                        type="button"
                        className="button button--small button--toggle"
                        data-testid={`supervisor-monitor-${call.consultationId}`}
                        aria-pressed={isWatched}
                        aria-label={t('supervisor.monitor-label', { kioskId: call.kioskId })}
                        disabled={isWatched}
                        onClick={() => monitor.onMonitor(call.consultationId)}
                      >
                        {isWatched ? t('supervisor.monitoring') : t('supervisor.monitor')}
                      </button>
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>

      <section className="card supervisor__section">
        <h2 className="card__title">{t('supervisor.callers')}</h2>
        <table className="table" data-testid="supervisor-callers">
          <thead>
            <tr>
              <th scope="col" className="table__number">
                {t('supervisor.waiting-time')}
              </th>
              <th scope="col">{t('supervisor.procedure')}</th>
              <th scope="col">{t('supervisor.kiosk')}</th>
              <th scope="col">{t('supervisor.language')}</th>
              <th scope="col">{t('supervisor.offered-to')}</th>
            </tr>
          </thead>
          <tbody>
            {callers.length === 0 && <EmptyRow columns={5} text={t('supervisor.no-callers')} />}
            {callers.map((caller) => (
              <tr
                key={caller.consultationId}
                data-testid={`supervisor-caller-${caller.consultationId}`}
                data-offered-to={caller.offeredTo ?? ''}
              >
                <td className="table__number">{formatDuration(caller.waitMs)}</td>
                <td>
                  {nameOf(caller.procedureId)}
                  {caller.isReservation && <span className="tag">{t('supervisor.reservation')}</span>}
                </td>
                <td>{caller.kioskId}</td>
                <td>{t(`language-name.${caller.language}`)}</td>
                <td>{caller.offeredToName ?? none}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section className="card supervisor__section">
        <h2 className="card__title">{t('supervisor.kiosks')}</h2>
        <table className="table" data-testid="supervisor-kiosks">
          <thead>
            <tr>
              <th scope="col">{t('supervisor.kiosk')}</th>
              <th scope="col">{t('supervisor.connection')}</th>
              <th scope="col">{t('supervisor.service')}</th>
              <th scope="col">{t('supervisor.devices')}</th>
            </tr>
          </thead>
          <tbody>
            {kiosks.length === 0 && <EmptyRow columns={4} text={t('supervisor.no-kiosks')} />}
            {kiosks.map((kiosk) => (
              <tr
                key={kiosk.kioskId}
                data-testid={`supervisor-kiosk-${kiosk.kioskId}`}
                data-in-service={kiosk.isInService}
                data-connected={kiosk.isConnected}
              >
                <th scope="row">{kiosk.kioskId}</th>
                <td className={kiosk.isConnected ? undefined : 'table__cell--alert'}>
                  {kiosk.isConnected ? t('supervisor.connected') : t('supervisor.disconnected')}
                </td>
                <td className={kiosk.isInService ? undefined : 'table__cell--alert'}>
                  {kiosk.isInService ? t('supervisor.in-service') : t('supervisor.out-of-service')}
                </td>
                <td className={kiosk.faultyDevices.length > 0 ? 'table__cell--alert' : undefined}>
                  {kiosk.devices === null
                    ? t('supervisor.devices-unknown')
                    : kiosk.faultyDevices.length === 0
                      ? t('supervisor.devices-ok')
                      : kiosk.faultyDevices.map((device) => t(`device.${device}`)).join('、')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </main>
  );
}

function EmptyRow({ columns, text }: { columns: number; text: string }) {
  return (
    <tr>
      <td colSpan={columns} className="notice">
        {text}
      </td>
    </tr>
  );
}
