import { describe, expect, it } from 'vitest';
import type { ParticipantId } from '../ids.ts';
import type { RemoteTrack } from './media-session.ts';
import { tracksByParticipant, withoutRemoteTrack, withRemoteTrack } from './remote-tracks.ts';

const track = (
  consumerId: string,
  participantId: string,
  source: RemoteTrack['source'],
  role: RemoteTrack['role'] = 'clerk',
): RemoteTrack => ({
  consumerId,
  participantId: participantId as ParticipantId,
  role,
  source,
  kind: source === 'microphone' ? 'audio' : 'video',
  track: { id: consumerId } as MediaStreamTrack,
});

describe('remote tracks of a call with several participants', () => {
  it('keeps a second clerk’s microphone and camera beside the first one’s', () => {
    let tracks: readonly RemoteTrack[] = [];
    tracks = withRemoteTrack(tracks, track('c1', 'clerk-a', 'microphone'));
    tracks = withRemoteTrack(tracks, track('c2', 'clerk-a', 'camera'));
    tracks = withRemoteTrack(tracks, track('c3', 'clerk-b', 'microphone'));
    tracks = withRemoteTrack(tracks, track('c4', 'clerk-b', 'camera'));
    expect(tracks.map((t) => t.consumerId)).toEqual(['c1', 'c2', 'c3', 'c4']);

    const groups = tracksByParticipant(tracks);
    expect(groups.map((g) => g.participantId)).toEqual(['clerk-a', 'clerk-b']);
    expect(groups.map((g) => g.audio.map((t) => t.consumerId))).toEqual([['c1'], ['c3']]);
    expect(groups.map((g) => g.camera?.consumerId)).toEqual(['c2', 'c4']);
  });

  it('tells the resident’s document camera from their face camera', () => {
    const [kiosk] = tracksByParticipant([
      track('k1', 'kiosk-1', 'camera', 'kiosk'),
      track('k2', 'kiosk-1', 'document-camera', 'kiosk'),
      track('k3', 'kiosk-1', 'microphone', 'kiosk'),
    ]);
    expect(kiosk).toMatchObject({ role: 'kiosk' });
    expect(kiosk?.camera?.consumerId).toBe('k1');
    expect(kiosk?.documentCamera?.consumerId).toBe('k2');
    expect(kiosk?.audio.map((t) => t.consumerId)).toEqual(['k3']);
  });

  it('removes only the ended consumer, and a consumer announced twice counts once', () => {
    const first = track('c1', 'clerk-a', 'camera');
    let tracks = withRemoteTrack([first, track('c2', 'clerk-b', 'camera')], { ...first });
    expect(tracks.map((t) => t.consumerId)).toEqual(['c2', 'c1']);
    tracks = [...withoutRemoteTrack(tracks, 'c1')];
    expect(tracks.map((t) => t.consumerId)).toEqual(['c2']);
    const unchanged = withoutRemoteTrack(tracks, 'unknown');
    expect(unchanged).toBe(tracks);
  });
});
