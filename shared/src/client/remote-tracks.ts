import type { ParticipantRole } from '../consultation.ts';
import type { ParticipantId } from '../ids.ts';
import type { RemoteTrack } from './media-session.ts';

/**
 * Everything one other participant sends: every microphone is heard (a call can hold the resident,
 * two clerks and a supervisor assisting), and each camera can be shown.
 */
export interface ParticipantTracks {
  participantId: ParticipantId;
  role: ParticipantRole;
  audio: readonly RemoteTrack[];
  camera: RemoteTrack | undefined;
  documentCamera: RemoteTrack | undefined;
}

/**
 * The list with `remote` added. Tracks are keyed by consumer: a second participant's camera is a
 * second track, never a replacement of the first one's.
 */
export function withRemoteTrack(tracks: readonly RemoteTrack[], remote: RemoteTrack): RemoteTrack[] {
  return [...tracks.filter((track) => track.consumerId !== remote.consumerId), remote];
}

/** The list without the track of this consumer (the same list when it was not there). */
export function withoutRemoteTrack(
  tracks: readonly RemoteTrack[],
  consumerId: string,
): readonly RemoteTrack[] {
  const remaining = tracks.filter((track) => track.consumerId !== consumerId);
  return remaining.length === tracks.length ? tracks : remaining;
}

/**
 * The tracks grouped by who sends them, in the order each participant's first track arrived. Should
 * a participant send two tracks of one source (a rebuild overlapping its old consumer), the newer
 * counts.
 */
export function tracksByParticipant(tracks: readonly RemoteTrack[]): ParticipantTracks[] {
  const groups = new Map<ParticipantId, ParticipantTracks>();
  for (const track of tracks) {
    const group = groups.get(track.participantId) ?? {
      participantId: track.participantId,
      role: track.role,
      audio: [],
      camera: undefined,
      documentCamera: undefined,
    };
    if (track.kind === 'audio') group.audio = [...group.audio, track];
    else if (track.source === 'document-camera') group.documentCamera = track;
    else group.camera = track;
    groups.set(track.participantId, group);
  }
  return [...groups.values()];
}
