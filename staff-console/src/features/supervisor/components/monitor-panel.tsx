import { tracksByParticipant } from '@madoguchi/shared/client';
import { TrackAudio, TrackVideo } from '@madoguchi/shared/client/ui';
import { useI18n } from '../../../i18n/i18n.ts';
import type { MonitorState } from '../monitor-desk.ts';

interface MonitorPanelProps {
  state: MonitorState;
  kioskId: string | null;
  procedureName: string | null;
  onStop: () => void;
  onJoin: () => void;
  onLeave: () => void;
}

/**
 * The kiosk's tracks where the clerk sees them, and every clerk's camera (labelled) beside them;
 * every microphone in the call is heard, each by itself.
 */
export function MonitorPanel({ state, kioskId, procedureName, onStop, onJoin, onLeave }: MonitorPanelProps) {
  const { t } = useI18n();
  const groups = tracksByParticipant(state.tracks);
  const kiosk = groups.find((group) => group.role === 'kiosk');
  const others = groups.filter((group) => group.role !== 'kiosk');
  return (
    <section
      className="card supervisor__section monitor-panel"
      data-testid="monitor-panel"
      data-consultation-id={state.consultationId ?? ''}
      aria-labelledby="monitor-title"
    >
      <header className="monitor__header">
        <h2 className="card__title" id="monitor-title">
          {t('monitor.title')}
          {kioskId && ` — ${kioskId}`}
          {procedureName && ` · ${procedureName}`}
        </h2>
        {state.isJoined ? (
          <button
            type="button"
            className="button button--danger"
            data-testid="supervisor-leave"
            onClick={onLeave}
          >
            {t('monitor.leave')}
          </button>
        ) : (
          <>
            <button
              type="button"
              className="button"
              data-testid="supervisor-join"
              disabled={state.isStarting || state.isJoining}
              onClick={onJoin}
            >
              {state.isJoining ? t('monitor.joining') : t('monitor.join')}
            </button>
            <button
              type="button"
              className="button button--danger"
              data-testid="supervisor-stop-monitoring"
              onClick={onStop}
            >
              {t('monitor.stop')}
            </button>
          </>
        )}
      </header>
      {state.isJoined ? (
        <p className="notice" data-testid="supervisor-joined" role="status">
          {t('monitor.joined')}
        </p>
      ) : (
        <p className="notice">{state.isStarting ? t('monitor.starting') : t('monitor.unseen')}</p>
      )}
      <div className="monitor__tracks">
        <figure className="tile">
          <TrackVideo
            track={kiosk?.camera?.track}
            testId="monitor-video-camera"
            label={t('monitor.resident-camera')}
          />
          <figcaption>{t('monitor.resident-camera')}</figcaption>
        </figure>
        <figure className="tile">
          <TrackVideo
            track={kiosk?.documentCamera?.track}
            testId="monitor-video-document-camera"
            className="video--document"
            label={t('monitor.document-camera')}
          />
          <figcaption>{t('monitor.document-camera')}</figcaption>
        </figure>
        {kiosk?.audio.map((audio) => (
          <TrackAudio key={audio.consumerId} track={audio.track} testId="monitor-audio-microphone" />
        ))}
        {others.map((group) => (
          <figure
            className="tile tile--small"
            key={group.participantId}
            data-participant-id={group.participantId}
            data-role={group.role}
          >
            <TrackVideo
              track={group.camera?.track}
              testId="monitor-video-clerk-camera"
              label={t('monitor.clerk-camera')}
            />
            <figcaption>{t('monitor.clerk-camera')}</figcaption>
            {group.audio.map((audio) => (
              <TrackAudio
                key={audio.consumerId}
                track={audio.track}
                testId="monitor-audio-clerk-microphone"
              />
            ))}
          </figure>
        ))}
      </div>
    </section>
  );
}
