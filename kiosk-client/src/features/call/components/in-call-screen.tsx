import type { ConsultationView } from '@madoguchi/shared';
import type { ChatState, ConnectionQuality as Quality, RemoteTrack } from '@madoguchi/shared/client';
import { ChatPanel, TrackAudio, TrackVideo } from '@madoguchi/shared/client/ui';
import { useI18n } from '../../../i18n/i18n.ts';
import type { LocalMedia } from '../../../lib/media-devices.ts';
import { Icon } from '../../shell/components/icon.tsx';
import { arrangeCall, type RemoteCamera } from '../call-layout.ts';
import { ConnectionQuality } from './connection-quality.tsx';

interface InCallScreenProps {
  consultation: ConsultationView | null;
  localMedia: LocalMedia | null;
  remoteTracks: readonly RemoteTrack[];
  chat: ChatState;
  quality: Quality | null;
  /** Who took over the call a moment ago, for a short notice. */
  clerkChangedTo: readonly string[] | null;
  /** The socket or a media transport is down, or the media session is getting its media back. */
  isReconnecting: boolean;
  onSendChat: (text: string) => Promise<boolean>;
  onHangUp: () => void;
}

export function InCallScreen({
  consultation,
  localMedia,
  remoteTracks,
  chat,
  quality,
  clerkChangedTo,
  isReconnecting,
  onSendChat,
  onHangUp,
}: InCallScreenProps) {
  const { t } = useI18n();
  const clerks = consultation?.staff ?? [];
  const layout = arrangeCall(clerks, remoteTracks);
  const names = (list: readonly string[]) => list.join(t('call.name-separator'));
  return (
    <section className="screen in-call-screen" data-testid="in-call-screen">
      <div className="in-call__main">
        <h1 className="visually-hidden">{t('call.clerk-video')}</h1>
        {isReconnecting && (
          <p className="reconnecting-notice" role="alert" data-testid="reconnecting-notice">
            <Icon name="warning" />
            <span>{t('call.reconnecting')}</span>
          </p>
        )}
        {consultation?.transfer && (
          <p className="call-notice" role="status" data-testid="transfer-notice">
            <span>{t('call.transfer-notice')}</span>
          </p>
        )}
        {clerkChangedTo && (
          <p className="call-notice" role="status" data-testid="clerk-changed-notice">
            <span>{t('call.clerk-changed', { name: names(clerkChangedTo) })}</span>
          </p>
        )}
        <div className="in-call__stage">
          <div className="in-call__clerk-video" data-participant-id={layout.clerk?.participantId}>
            <TrackVideo
              track={layout.clerk?.camera.track}
              testId="remote-video-camera"
              className="video--remote"
              label={t('call.clerk-video')}
            />
          </div>
          {layout.others.length > 0 && (
            <div className="in-call__others">
              {layout.others.map((other) => (
                <OtherCameraTile key={other.camera.consumerId} other={other} />
              ))}
            </div>
          )}
        </div>
        {layout.audio.map((audio) => (
          // TrackAudio takes a test id only; whose microphone it plays is said by its wrapper.
          <span
            key={audio.consumerId}
            className="remote-audio"
            data-participant-id={audio.participantId}
            data-role={audio.role}
          >
            <TrackAudio track={audio.track} testId="remote-audio" />
          </span>
        ))}
        <div className="in-call__status">
          {clerks.length > 0 && (
            <p className="in-call__clerk" data-testid="clerk-name" data-count={clerks.length}>
              {t('call.clerk', { name: names(clerks.map((member) => member.displayName)) })}
            </p>
          )}
          <ConnectionQuality quality={isReconnecting ? 'poor' : quality} />
        </div>
      </div>
      <div className="in-call__side">
        <div className="in-call__tiles">
          <figure className="tile">
            <TrackVideo track={localMedia?.camera} testId="local-video-camera" isMirrored />
            <figcaption>{t('call.self-view')}</figcaption>
          </figure>
          <figure className="tile">
            <TrackVideo track={localMedia?.documentCamera} testId="local-video-document-camera" />
            <figcaption>{t('call.document-camera')}</figcaption>
          </figure>
        </div>
        <p className="hint">{t('call.document-hint')}</p>
        <ChatPanel chat={chat} onSend={onSendChat} className="in-call__chat" />
        <button
          type="button"
          className="button button--danger"
          data-testid="hang-up-button"
          onClick={onHangUp}
        >
          <Icon name="hang-up" />
          <span>{t('call.hang-up')}</span>
        </button>
      </div>
    </section>
  );
}

/** Someone else in the call (a colleague the clerk invited, a supervisor assisting), small. */
function OtherCameraTile({ other }: { other: RemoteCamera }) {
  const { t } = useI18n();
  const name = other.displayName ?? t('call.staff-member');
  return (
    <figure
      className="tile tile--other"
      data-testid="remote-video-tile"
      data-participant-id={other.participantId}
    >
      <TrackVideo
        track={other.camera.track}
        testId="remote-video-staff-camera"
        label={t('call.staff-video', { name })}
      />
      <figcaption>{name}</figcaption>
    </figure>
  );
}
