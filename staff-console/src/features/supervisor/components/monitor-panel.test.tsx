import type { ParticipantId, ParticipantRole } from '@madoguchi/shared';
import type { RemoteTrack } from '@madoguchi/shared/client';
import { fakeTrack } from '@madoguchi/shared/client/testing';
import { describe, expect, it } from 'vitest';
import { byTestId, openingTags, renderMarkup } from '../../../testing/static-markup.tsx';
import { idleMonitorState } from '../monitor-desk.ts';
import { MonitorPanel } from './monitor-panel.tsx';

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

describe('MonitorPanel', () => {
  it('shows the resident’s cameras and a tile per clerk, and plays every microphone of the call', () => {
    const tracks = [
      remote('c1', 'p-kiosk', 'kiosk', 'camera'),
      remote('c2', 'p-kiosk', 'kiosk', 'document-camera'),
      remote('c3', 'p-kiosk', 'kiosk', 'microphone'),
      remote('c4', 'p-tanaka', 'clerk', 'camera'),
      remote('c5', 'p-tanaka', 'clerk', 'microphone'),
      remote('c6', 'p-suzuki', 'clerk', 'microphone'),
      remote('c7', 'p-suzuki', 'clerk', 'camera'),
      remote('c8', 'p-supervisor', 'supervisor', 'microphone'),
    ];
    const markup = renderMarkup(
      <MonitorPanel
        state={{ ...idleMonitorState, tracks }}
        kioskId="seiseki-1"
        procedureName={null}
        onStop={() => {}}
        onJoin={() => {}}
        onLeave={() => {}}
      />,
    );
    expect(byTestId(markup, 'monitor-video-camera')).toHaveLength(1);
    expect(byTestId(markup, 'monitor-video-document-camera')).toHaveLength(1);
    expect(byTestId(markup, 'monitor-audio-microphone')).toHaveLength(1);
    expect(byTestId(markup, 'monitor-video-clerk-camera')).toHaveLength(3);
    expect(byTestId(markup, 'monitor-audio-clerk-microphone')).toHaveLength(3);
    const tiles = openingTags(markup).flatMap(({ tag, attributes }) =>
      tag === 'figure' && attributes['data-participant-id']
        ? [[attributes['data-participant-id'], attributes['data-role']]]
        : [],
    );
    expect(tiles).toEqual([
      ['p-tanaka', 'clerk'],
      ['p-suzuki', 'clerk'],
      ['p-supervisor', 'supervisor'],
    ]);
  });
});
