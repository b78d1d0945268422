import type { Procedure } from '@madoguchi/shared';
import { useI18n } from '../../../i18n/i18n.tsx';
import { TrackVideo } from '../../../lib/track-elements.tsx';

interface WaitingScreenProps {
  procedure: Procedure | undefined;
  camera: MediaStreamTrack | null | undefined;
  /** False until the server has registered the call, which is what there is to cancel. */
  canCancel: boolean;
  onCancel: () => void;
}

export function WaitingScreen({ procedure, camera, canCancel, onCancel }: WaitingScreenProps) {
  const { language, t } = useI18n();
  return (
    <main className="screen waiting-screen" data-testid="waiting-screen">
      <h1 className="title">{t('waiting.title')}</h1>
      <p className="procedure-name">{procedure?.name[language]}</p>
      <div className="spinner" aria-hidden="true" />
      <p className="lead">{t('waiting.lead')}</p>
      <TrackVideo
        track={camera}
        testId="local-video-camera"
        className="video--preview"
        label={t('call.self-view')}
        isMirrored
      />
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
    </main>
  );
}
