import type { Procedure } from '@madoguchi/shared';
import { TrackVideo } from '@madoguchi/shared/client/ui';
import { useI18n } from '../../../i18n/i18n.ts';
import { expectedWaitMessage, positionMessage, type QueueStatus } from '../queue-status.ts';

interface WaitingScreenProps {
  procedure: Procedure | undefined;
  camera: MediaStreamTrack | null | undefined;
  /** Null until the server has said where the resident stands. */
  queue: QueueStatus | null;
  /** False until the server has registered the call, which is what there is to cancel. */
  canCancel: boolean;
  onCancel: () => void;
}

export function WaitingScreen({ procedure, camera, queue, canCancel, onCancel }: WaitingScreenProps) {
  const { language, t } = useI18n();
  const position = positionMessage(queue);
  const expectedWait = expectedWaitMessage(queue);
  return (
    <section className="screen waiting-screen" data-testid="waiting-screen">
      <h1 className="title">{t('waiting.title')}</h1>
      <p className="procedure-name">{procedure?.name[language]}</p>
      <div className="spinner" aria-hidden="true" />
      <p className="lead">{t('waiting.lead')}</p>
      <div className="waiting__status">
        <dl className="queue-status" aria-live="polite">
          <dt>{t('waiting.position-label')}</dt>
          <dd data-testid="queue-position" data-position={queue?.position ?? ''}>
            {t(position.key, position.params)}
          </dd>
          <dt>{t('waiting.expected-wait-label')}</dt>
          <dd
            className={queue && queue.expectedWaitMs === null ? 'queue-status__notice' : undefined}
            data-testid="expected-wait"
          >
            {t(expectedWait.key, expectedWait.params)}
          </dd>
        </dl>
        <TrackVideo
          track={camera}
          testId="local-video-camera"
          className="video--preview"
          label={t('call.self-view')}
          isMirrored
        />
      </div>
      <div className="actions">
        <button
          type="button"
          className="button button--danger"
          data-testid="cancel-button"
          disabled={!canCancel}
          onClick={onCancel}
        >
          {t('waiting.cancel')}
        </button>
      </div>
    </section>
  );
}
