import type { CaptureId, ConsultationView, DocumentId, Procedure, StaffId } from '@madoguchi/shared';
import type { ChatState, RemoteTrack } from '@madoguchi/shared/client';
import { ChatPanel, TrackAudio, TrackVideo } from '@madoguchi/shared/client/ui';
import { useId } from 'react';
import { useI18n } from '../../../i18n/i18n.ts';
import { procedureName } from '../../../lib/procedure-name.ts';
import type { LocalMedia } from '../../../lib/media-devices.ts';
import { TeamPanel, type TeamActions } from '../../team/components/team-panel.tsx';
import type { TeamState } from '../../team/team-desk.ts';
import type { CaptureState } from '../../captures/capture-desk.ts';
import { CapturePanel } from '../../captures/components/capture-panel.tsx';
import { CaptureViewer } from '../../captures/components/capture-viewer.tsx';
import type { DocumentDeskState } from '../../documents/document-desk.ts';
import { DocumentPushPanel } from '../../documents/components/document-push-panel.tsx';
import { callTracks, type StaffTile } from '../call-tracks.ts';
import { useElapsed } from '../hooks/use-elapsed.ts';

/** What the clerk can ask of the kiosk during the call. */
export interface CaptureActions {
  requestStill: () => void;
  requestSignature: () => void;
  decideSignature: (decision: 'accept' | 'retry') => void;
  open: (captureId: CaptureId) => void;
  close: () => void;
}

/** The clerk's own microphone and camera, and the notes taken during the call. */
export interface CallControls {
  isMicrophoneOn: boolean;
  isCameraOn: boolean;
  notes: string;
  maxNotes: number;
  toggleMicrophone: () => void;
  toggleCamera: () => void;
  setNotes: (notes: string) => void;
}

/** The chat and the documents shown to the resident. */
export interface ResidentActions {
  sendChat: (text: string) => Promise<boolean>;
  pushDocument: (file: File) => void;
  closeDocument: (documentId: DocumentId) => void;
}

interface InCallScreenProps {
  consultation: ConsultationView;
  procedures: readonly Procedure[] | null;
  localMedia: LocalMedia | null;
  remoteTracks: readonly RemoteTrack[];
  captures: CaptureState | null;
  captureActions: CaptureActions;
  chat: ChatState;
  documents: DocumentDeskState | null;
  residentActions: ResidentActions;
  /** The signed-in clerk, marked in the list of the call's clerks. */
  selfStaffId: StaffId | null;
  team: TeamState | null;
  teamActions: TeamActions;
  controls: CallControls;
  /** The socket is down, or the call's media is interrupted or being recovered. */
  isReconnecting: boolean;
  onHangUp: () => void;
}

export function InCallScreen({
  consultation,
  procedures,
  localMedia,
  remoteTracks,
  captures,
  captureActions,
  chat,
  documents,
  residentActions,
  selfStaffId,
  team,
  teamActions,
  controls,
  isReconnecting,
  onHangUp,
}: InCallScreenProps) {
  const { language, t } = useI18n();
  const elapsed = useElapsed(consultation.answeredAt);
  const tracks = callTracks(remoteTracks, consultation.staff);
  const viewed = captures?.stills.find((still) => still.captureId === captures.viewerId);
  return (
    <main className="screen in-call-screen" data-testid="in-call-screen">
      <section className="in-call__document">
        {isReconnecting && (
          <p className="reconnecting-notice" role="alert" data-testid="reconnecting-notice">
            {t('call.reconnecting')}
          </p>
        )}
        <TrackVideo
          track={tracks.documentCamera?.track}
          testId="remote-video-document-camera"
          className="video--document"
          label={t('call.document-camera')}
        />
        {captures && (
          <CapturePanel
            captures={captures}
            onRequestStill={captureActions.requestStill}
            onRequestSignature={captureActions.requestSignature}
            onDecide={captureActions.decideSignature}
            onOpen={captureActions.open}
          />
        )}
        {documents && (
          <DocumentPushPanel
            documents={documents}
            onPush={residentActions.pushDocument}
            onClose={residentActions.closeDocument}
          />
        )}
      </section>
      <aside className="in-call__side">
        <div className="in-call__info">
          <p className="in-call__procedure" data-testid="call-procedure">
            {procedureName(procedures, consultation.procedureId, language)}
          </p>
          <p>
            {t('offer.kiosk')}: <span data-testid="call-kiosk">{consultation.kioskId}</span> ·{' '}
            {t('offer.language')}:{' '}
            <span data-testid="call-language" data-language={consultation.language}>
              {t(`language-name.${consultation.language}`)}
            </span>
          </p>
          <p className="in-call__timer" data-testid="call-timer">
            {t('call.elapsed', { time: elapsed })}
          </p>
          <ul className="in-call__staff" data-testid="call-staff" aria-label={t('call.staff')}>
            {consultation.staff.map((member) => (
              <li key={member.staffId} data-testid={`call-staff-${member.staffId}`}>
                {member.staffId === selfStaffId
                  ? t('call.staff-self', { name: member.displayName })
                  : member.displayName}
              </li>
            ))}
          </ul>
        </div>
        <TeamPanel consultation={consultation} procedures={procedures} team={team} actions={teamActions} />
        <figure className="tile">
          <TrackVideo
            track={tracks.residentCamera?.track}
            testId="remote-video-camera"
            label={t('call.resident-camera')}
          />
          <figcaption>{t('call.resident-camera')}</figcaption>
        </figure>
        {tracks.staffTiles.length > 0 && (
          <div className="in-call__staff-tiles">
            {tracks.staffTiles.map((tile) => (
              <StaffVideoTile key={tile.participantId} tile={tile} />
            ))}
          </div>
        )}
        {tracks.audio.map((audio) => (
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
        <ChatPanel chat={chat} onSend={residentActions.sendChat} className="in-call__chat" />
        <figure className="tile tile--small">
          <TrackVideo track={localMedia?.camera} testId="local-video-camera" isMirrored />
          <figcaption>{t('call.self-view')}</figcaption>
        </figure>
        <CallControlsPanel controls={controls} />
        <button
          type="button"
          className="button button--danger"
          data-testid="hang-up-button"
          onClick={onHangUp}
        >
          {t('call.hang-up')}
        </button>
      </aside>
      {viewed && <CaptureViewer still={viewed} onClose={captureActions.close} />}
    </main>
  );
}

/** A colleague's (or an assisting supervisor's) camera, captioned with their name. */
function StaffVideoTile({ tile }: { tile: StaffTile }) {
  const { t } = useI18n();
  const name = tile.displayName ?? t(`role.${tile.role}`);
  return (
    <figure
      className="tile tile--small"
      data-testid="remote-video-tile"
      data-participant-id={tile.participantId}
    >
      <TrackVideo
        track={tile.camera?.track}
        testId="remote-video-staff-camera"
        label={t('call.staff-camera', { name })}
      />
      <figcaption>{name}</figcaption>
    </figure>
  );
}

/** Mute, camera off and the call's notes; a pressed toggle means the device reaches the resident. */
function CallControlsPanel({ controls }: { controls: CallControls }) {
  const { t } = useI18n();
  const id = useId();
  const { isMicrophoneOn, isCameraOn } = controls;
  return (
    <div className="in-call__controls">
      <div className="in-call__toggles">
        <button
          type="button"
          className={`button button--small${isMicrophoneOn ? '' : ' button--secondary'}`}
          data-testid="toggle-microphone"
          aria-pressed={isMicrophoneOn}
          onClick={controls.toggleMicrophone}
        >
          {t(isMicrophoneOn ? 'call.microphone-on' : 'call.microphone-off')}
        </button>
        <button
          type="button"
          className={`button button--small${isCameraOn ? '' : ' button--secondary'}`}
          data-testid="toggle-camera"
          aria-pressed={isCameraOn}
          onClick={controls.toggleCamera}
        >
          {t(isCameraOn ? 'call.camera-on' : 'call.camera-off')}
        </button>
      </div>
      <div role="status" className="in-call__muted">
        {!isMicrophoneOn && <p data-testid="microphone-off-notice">{t('call.microphone-is-off')}</p>}
        {!isCameraOn && <p data-testid="camera-off-notice">{t('call.camera-is-off')}</p>}
      </div>
      <label className="field">
        <span className="field__label">{t('call.notes')}</span>
        <textarea
          className="field__input in-call__notes"
          data-testid="call-notes"
          rows={4}
          maxLength={controls.maxNotes}
          value={controls.notes}
          aria-describedby={`${id}-notes-hint`}
          onChange={(event) => controls.setNotes(event.target.value)}
        />
        <span className="field__hint" id={`${id}-notes-hint`}>
          {t('call.notes-hint', { max: controls.maxNotes })} ({controls.notes.length})
        </span>
      </label>
    </div>
  );
}
