import type { ConsultationView, ParticipantId, ParticipantRole } from '@madoguchi/shared';
import { emptyChatState, type RemoteTrack } from '@madoguchi/shared/client';
import { fakeTrack } from '@madoguchi/shared/client/testing';
import { describe, expect, it } from 'vitest';
import { ja } from '../../../i18n/messages.ts';
import { byTestId, openingTags, renderMarkup } from '../../../testing/static-markup.tsx';
import { InCallScreen } from './in-call-screen.tsx';

const consultation = {
  consultationId: '6f1c7f3e-8a3b-4e43-9a55-3b4a0f8e2c11',
  procedureId: 'juminhyo',
  kioskId: 'seiseki-1',
  language: 'ja',
  status: 'active',
  staff: [
    { participantId: 'p-self', staffId: 'tanaka-y', displayName: '田中' },
    { participantId: 'p-suzuki', staffId: 'suzuki-k', displayName: '鈴木' },
  ],
  requestedAt: '2025-01-01T00:00:00.000Z',
  answeredAt: '2025-01-01T00:00:05.000Z',
  endedAt: null,
  endReason: null,
  transfer: null,
} as unknown as ConsultationView;

const remote = (
  consumerId: string,
  participantId: string,
  role: ParticipantRole,
  source: RemoteTrack['source'],
): RemoteTrack => {
  const kind = source === 'microphone' ? 'audio' : 'video';
  return {
    consumerId,
    participantId: participantId as ParticipantId,
    role,
    source,
    kind,
    track: fakeTrack(kind),
  };
};

const noop = () => {};

const render = ({ remoteTracks = [] as RemoteTrack[], isReconnecting = false } = {}) =>
  renderMarkup(
    <InCallScreen
      consultation={consultation}
      procedures={null}
      localMedia={null}
      remoteTracks={remoteTracks}
      captures={null}
      captureActions={{
        requestStill: noop,
        requestSignature: noop,
        decideSignature: noop,
        open: noop,
        close: noop,
      }}
      chat={emptyChatState}
      documents={null}
      residentActions={{ sendChat: async () => true, pushDocument: noop, closeDocument: noop }}
      selfStaffId={'tanaka-y' as ConsultationView['staff'][number]['staffId']}
      team={null}
      teamActions={{ loadColleagues: noop, invite: noop, transfer: noop, leave: noop }}
      controls={{
        isMicrophoneOn: true,
        isCameraOn: true,
        notes: '',
        maxNotes: 2000,
        toggleMicrophone: noop,
        toggleCamera: noop,
        setNotes: noop,
      }}
      isReconnecting={isReconnecting}
      onHangUp={noop}
    />,
  );

/** Each remote audio element's wrapper, which says whose microphone it plays. */
const audioWrappers = (markup: string) => {
  const tags = openingTags(markup);
  return tags.flatMap(({ attributes }, index) =>
    tags[index + 1]?.attributes['data-testid'] === 'remote-audio' ? [attributes] : [],
  );
};

describe('InCallScreen', () => {
  it('keeps the resident’s cameras in place and plays every microphone of the call', () => {
    const markup = render({
      remoteTracks: [
        remote('c1', 'p-kiosk', 'kiosk', 'camera'),
        remote('c2', 'p-kiosk', 'kiosk', 'document-camera'),
        remote('c3', 'p-kiosk', 'kiosk', 'microphone'),
        remote('c4', 'p-suzuki', 'clerk', 'microphone'),
        remote('c5', 'p-suzuki', 'clerk', 'camera'),
        remote('c6', 'p-supervisor', 'supervisor', 'microphone'),
      ],
    });
    expect(byTestId(markup, 'remote-video-camera')).toHaveLength(1);
    expect(byTestId(markup, 'remote-video-document-camera')).toHaveLength(1);
    expect(byTestId(markup, 'remote-audio')).toHaveLength(3);
    expect(audioWrappers(markup).map((span) => [span['data-participant-id'], span['data-role']])).toEqual([
      ['p-kiosk', 'kiosk'],
      ['p-suzuki', 'clerk'],
      ['p-supervisor', 'supervisor'],
    ]);
  });

  it('shows every other staff participant small, captioned with their name', () => {
    const markup = render({
      remoteTracks: [
        remote('c5', 'p-suzuki', 'clerk', 'camera'),
        remote('c6', 'p-supervisor', 'supervisor', 'camera'),
      ],
    });
    expect(byTestId(markup, 'remote-video-tile').map((tile) => tile['data-participant-id'])).toEqual([
      'p-suzuki',
      'p-supervisor',
    ]);
    expect(markup).toContain('<figcaption>鈴木</figcaption>');
    // Someone the consultation does not name is captioned by role.
    expect(markup).toContain(`<figcaption>${ja['role.supervisor']}</figcaption>`);
  });

  it('says “reconnecting” as an alert only while something is down', () => {
    expect(byTestId(render(), 'reconnecting-notice')).toEqual([]);
    const [notice] = byTestId(render({ isReconnecting: true }), 'reconnecting-notice');
    expect(notice).toMatchObject({ role: 'alert' });
  });
});
