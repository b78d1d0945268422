import type { ConsultationView, ParticipantId, ParticipantRole } from '@madoguchi/shared';
import { tracksByParticipant, type RemoteTrack } from '@madoguchi/shared/client';

/** Another staff participant of the call (a colleague, a supervisor assisting), shown small. */
export interface StaffTile {
  participantId: ParticipantId;
  role: Exclude<ParticipantRole, 'kiosk'>;
  /** As the consultation names its clerks; null for someone it does not list (a supervisor). */
  displayName: string | null;
  /** Empty until their camera arrives (or while it is off): the tile and its name stay. */
  camera: RemoteTrack | undefined;
}

/** Where the clerk's in-call screen puts each remote track. */
export interface CallTracks {
  /** The resident's face and document cameras (the kiosk's), large. */
  residentCamera: RemoteTrack | undefined;
  documentCamera: RemoteTrack | undefined;
  /** Every microphone in the call, each played by itself, so everyone is heard. */
  audio: readonly RemoteTrack[];
  /** Every other staff participant that sends anything, in the order they arrived. */
  staffTiles: readonly StaffTile[];
}

export function callTracks(
  remoteTracks: readonly RemoteTrack[],
  staff: ConsultationView['staff'],
): CallTracks {
  const groups = tracksByParticipant(remoteTracks);
  const kiosk = groups.find((group) => group.role === 'kiosk');
  const names = new Map(staff.map((member) => [member.participantId, member.displayName]));
  return {
    residentCamera: kiosk?.camera,
    documentCamera: kiosk?.documentCamera,
    audio: groups.flatMap((group) => group.audio),
    staffTiles: groups.flatMap((group) =>
      group.role === 'kiosk'
        ? []
        : [
            {
              participantId: group.participantId,
              role: group.role,
              displayName: names.get(group.participantId) ?? null,
              camera: group.camera,
            },
          ],
    ),
  };
}
