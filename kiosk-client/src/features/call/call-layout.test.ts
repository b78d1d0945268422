import type { ConsultationView, ParticipantId } from '@madoguchi/shared';
import type { RemoteTrack } from '@madoguchi/shared/client';
import { fakeTrack } from '@madoguchi/shared/client/testing';
import { describe, expect, it } from 'vitest';
import { arrangeCall } from './call-layout.ts';

const TANAKA = 'a1b2c3d4-0000-4000-8000-000000000001' as ParticipantId;
const SUZUKI = 'a1b2c3d4-0000-4000-8000-000000000002' as ParticipantId;
const SUPERVISOR = 'a1b2c3d4-0000-4000-8000-000000000003' as ParticipantId;

const member = (participantId: ParticipantId, displayName: string) =>
  ({ participantId, staffId: displayName, displayName }) as ConsultationView['staff'][number];

let consumers = 0;
const track = (
  participantId: ParticipantId,
  source: RemoteTrack['source'],
  role: RemoteTrack['role'] = 'clerk',
): RemoteTrack => ({
  consumerId: `c${++consumers}`,
  participantId,
  role,
  source,
  kind: source === 'microphone' ? 'audio' : 'video',
  track: fakeTrack(source === 'microphone' ? 'audio' : 'video'),
});

describe('arrangeCall', () => {
  it('plays every microphone and shows the first listed clerk large, the others small with their names', () => {
    const suzukiCamera = track(SUZUKI, 'camera');
    const tanakaCamera = track(TANAKA, 'camera');
    const suzukiAudio = track(SUZUKI, 'microphone');
    const tanakaAudio = track(TANAKA, 'microphone');
    const layout = arrangeCall(
      [member(TANAKA, '田中'), member(SUZUKI, '鈴木')],
      [suzukiCamera, suzukiAudio, tanakaCamera, tanakaAudio],
    );
    expect(layout.clerk).toEqual({ participantId: TANAKA, displayName: '田中', camera: tanakaCamera });
    expect(layout.others).toEqual([{ participantId: SUZUKI, displayName: '鈴木', camera: suzukiCamera }]);
    expect(layout.audio).toEqual([suzukiAudio, tanakaAudio]);
  });

  it('shows the next listed clerk large while the first one’s camera has not arrived', () => {
    const suzukiCamera = track(SUZUKI, 'camera');
    const layout = arrangeCall(
      [member(TANAKA, '田中'), member(SUZUKI, '鈴木')],
      [track(TANAKA, 'microphone'), suzukiCamera],
    );
    expect(layout.clerk?.camera).toBe(suzukiCamera);
    expect(layout.others).toEqual([]);
  });

  it('falls back to any staff participant’s camera, and names nobody it does not know', () => {
    const supervisorCamera = track(SUPERVISOR, 'camera', 'supervisor');
    const layout = arrangeCall([], [supervisorCamera]);
    expect(layout.clerk).toEqual({ participantId: SUPERVISOR, displayName: null, camera: supervisorCamera });
  });

  it('shows an assisting supervisor small beside the clerk', () => {
    const tanakaCamera = track(TANAKA, 'camera');
    const supervisorCamera = track(SUPERVISOR, 'camera', 'supervisor');
    const layout = arrangeCall([member(TANAKA, '田中')], [supervisorCamera, tanakaCamera]);
    expect(layout.clerk?.participantId).toBe(TANAKA);
    expect(layout.others.map((camera) => camera.participantId)).toEqual([SUPERVISOR]);
  });

  it('has nothing to show before any track arrives', () => {
    expect(arrangeCall([member(TANAKA, '田中')], [])).toEqual({ clerk: null, others: [], audio: [] });
  });
});
