import type { ConsultationView } from '@madoguchi/shared';
import type { RemoteTrack } from '@madoguchi/shared/client';
import { TrackAudio, TrackVideo } from '@madoguchi/shared/client/ui';
import { useI18n } from '../../../i18n/i18n.ts';
import type { LocalMedia } from '../../../lib/media-devices.ts';

interface InCallScreenProps {
  consultation: ConsultationView | null;
  localMedia: LocalMedia | null;
  remoteTracks: readonly RemoteTrack[];
  onHangUp: () => void;
}

export function InCallScreen({ consultation, localMedia, remoteTracks, onHangUp }: InCallScreenProps) {
  const { t } = useI18n();
  const remote = (source: RemoteTrack['source']) =>
    remoteTracks.find((track) => track.source === source)?.track;
  const clerk = consultation?.staff[0];
  return (
    <main className="screen in-call-screen" data-testid="in-call-screen">
      <section className="in-call__main">
        <TrackVideo track={remote('camera')} testId="remote-video-camera" className="video--remote" />
        <TrackAudio track={remote('microphone')} testId="remote-audio-microphone" />
        {clerk && (
          <p className="in-call__clerk" data-testid="clerk-name">
            {t('call.clerk', { name: clerk.displayName })}
          </p>
        )}
      </section>
      <aside className="in-call__side">
        <figure className="tile">
          <TrackVideo track={localMedia?.camera} testId="local-video-camera" isMirrored />
          <figcaption>{t('call.self-view')}</figcaption>
        </figure>
        <figure className="tile">
          <TrackVideo track={localMedia?.documentCamera} testId="local-video-document-camera" />
          <figcaption>{t('call.document-camera')}</figcaption>
        </figure>
        <p className="hint">{t('call.document-hint')}</p>
        <button
          type="button"
          className="button button--danger"
          data-testid="hang-up-button"
          onClick={onHangUp}
        >
          {t('call.hang-up')}
        </button>
      </aside>
    </main>
  );
}
