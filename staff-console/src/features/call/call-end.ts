import type { ConsultationId, ConsultationView } from '@madoguchi/shared';

/** Why the clerk's last call ended, when it ended for a reason they must be told in words. */
export interface CallEndNotice {
  consultationId: ConsultationId;
  reason: 'media-failure';
}

/**
 * The notice an ended call calls for, if any. A hang-up, a resident leaving or a transfer answered
 * is what the clerk saw happen; a call whose media could not be recovered ends under them.
 */
export function callEndNoticeOf(consultation: ConsultationView): CallEndNotice | null {
  if (consultation.status !== 'ended' || consultation.endReason !== 'media-failure') return null;
  return { consultationId: consultation.consultationId, reason: 'media-failure' };
}
