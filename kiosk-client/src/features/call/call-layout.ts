import type { ConsultationView, ParticipantId } from '@madoguchi/shared';
import { tracksByParticipant, type RemoteTrack } from '@madoguchi/shared/client';

/** One participant's camera on the resident's screen. */
export interface RemoteCamera {
  participantId: ParticipantId;
  /** Their name from the consultation's staff; null for someone not listed (yet). */
  displayName: string | null;
  camera: RemoteTrack;
}

/** What the in-call screen shows and plays of the other participants. */
export interface CallLayout {
  /** The clerk of the call, shown large. */
  clerk: RemoteCamera | null;
  /** Every other participant's camera, shown small beside the clerk, in order of arrival. */
  others: readonly RemoteCamera[];
  /** Every microphone in the call, each played on its own so that everyone is heard. */
  audio: readonly RemoteTrack[];
}

/**
 * Arranges the remote tracks for the resident. The clerk of the call is the first member of the
 * consultation's staff whose camera arrives (the one who answered, or who took a transfer over);
 * until one does, any staff participant's camera stands in, so the resident never faces an empty
 * picture while someone is there.
 */
export function arrangeCall(
  staff: ConsultationView['staff'],
  remoteTracks: readonly RemoteTrack[],
): CallLayout {
  const groups = tracksByParticipant(remoteTracks);
  const nameOf = (participantId: ParticipantId) =>
    staff.find((member) => member.participantId === participantId)?.displayName ?? null;
  const cameras: RemoteCamera[] = groups.flatMap(({ participantId, role, camera }) =>
    camera && role !== 'kiosk' ? [{ participantId, displayName: nameOf(participantId), camera }] : [],
  );
  const clerk =
    staff
      .map((member) => cameras.find((camera) => camera.participantId === member.participantId))
      .find((camera) => camera !== undefined) ??
    cameras[0] ??
    null;
  return {
    clerk,
    others: cameras.filter((camera) => camera !== clerk),
    audio: groups.flatMap((group) => group.audio),
  };
}
