import type { ConsultationView, ParticipantId, ParticipantRole } from '@madoguchi/shared';
import type { RemoteTrack } from '@madoguchi/shared/client';
import { fakeTrack } from '@madoguchi/shared/client/testing';
import { describe, expect, it } from 'vitest';
import { callTracks } from './call-tracks.ts';

const track = (
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

const staff = [
  { participantId: 'p-self', staffId: 'tanaka-y', displayName: '田中' },
  { participantId: 'p-suzuki', staffId: 'suzuki-k', displayName: '鈴木' },
] as unknown as ConsultationView['staff'];

describe('callTracks', () => {
  it('puts the resident’s cameras large, every microphone apart, and each colleague small with a name', () => {
    const residentCamera = track('c1', 'p-kiosk', 'kiosk', 'camera');
    const documentCamera = track('c2', 'p-kiosk', 'kiosk', 'document-camera');
    const residentVoice = track('c3', 'p-kiosk', 'kiosk', 'microphone');
    const suzukiCamera = track('c4', 'p-suzuki', 'clerk', 'camera');
    const suzukiVoice = track('c5', 'p-suzuki', 'clerk', 'microphone');
    const supervisorVoice = track('c6', 'p-supervisor', 'supervisor', 'microphone');
    const tracks = callTracks(
      [suzukiCamera, residentCamera, documentCamera, residentVoice, suzukiVoice, supervisorVoice],
      staff,
    );
    expect(tracks.residentCamera).toBe(residentCamera);
    expect(tracks.documentCamera).toBe(documentCamera);
    expect(tracks.audio.map((audio) => audio.consumerId).sort()).toEqual(['c3', 'c5', 'c6']);
    expect(tracks.staffTiles).toEqual([
      { participantId: 'p-suzuki', role: 'clerk', displayName: '鈴木', camera: suzukiCamera },
      // A supervisor assisting is not among the consultation's clerks; heard, and shown without a camera yet.
      { participantId: 'p-supervisor', role: 'supervisor', displayName: null, camera: undefined },
    ]);
  });

  it('keeps a colleague’s camera beside that of a clerk a transfer is ringing at', () => {
    const colleague = track('c1', 'p-suzuki', 'clerk', 'camera');
    const ringing = track('c2', 'p-sato', 'clerk', 'camera');
    const tracks = callTracks([colleague, ringing], staff);
    expect(tracks.staffTiles.map((tile) => [tile.displayName, tile.camera])).toEqual([
      ['鈴木', colleague],
      [null, ringing],
    ]);
    expect(tracks.residentCamera).toBeUndefined();
  });

  it('shows nothing of a call without remote tracks', () => {
    expect(callTracks([], staff)).toEqual({
      residentCamera: undefined,
      documentCamera: undefined,
      audio: [],
      staffTiles: [],
    });
  });
});
