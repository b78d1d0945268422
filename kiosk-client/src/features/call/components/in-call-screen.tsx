import type { ConsultationView } from '@madoguchi/shared';
import type { ChatState, ConnectionQuality as Quality, RemoteTrack } from '@madoguchi/shared/client';
import { ChatPanel, TrackAudio, TrackVideo } from '@madoguchi/shared/client/ui';
import { useI18n } from '../../../i18n/i18n.ts';
import type { LocalMedia } from '../../../lib/media-devices.ts';
import { Icon } from '../../shell/components/icon.tsx';
import { ConnectionQuality } from './connection-quality.tsx';

interface InCallScreenProps {
  consultation: ConsultationView | null;
  localMedia: LocalMedia | null;
  remoteTracks: readonly RemoteTrack[];
  chat: ChatState;
  quality: Quality | null;
  /** Who took over the call a moment ago, for a short notice. */
  clerkChangedTo: readonly string[] | null;
  /** The socket or a media transport is down and coming back. */
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
  const remote = (source: RemoteTrack['source']) =>
    remoteTracks.find((track) => track.source === source)?.track;
  const clerks = consultation?.staff ?? [];
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
        <TrackVideo
          track={remote('camera')}
          testId="remote-video-camera"
          className="video--remote"
          label={t('call.clerk-video')}
        />
        <TrackAudio track={remote('microphone')} testId="remote-audio-microphone" />
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
