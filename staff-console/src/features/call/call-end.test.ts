import type { ConsultationView } from '@madoguchi/shared';
import { describe, expect, it } from 'vitest';
import { callEndNoticeOf } from './call-end.ts';

const view = (status: ConsultationView['status'], endReason: ConsultationView['endReason']) =>
  ({ consultationId: 'c-1', status, endReason }) as unknown as ConsultationView;

describe('callEndNoticeOf', () => {
  it('calls for a notice only when a call ended because its media could not be recovered', () => {
    expect(callEndNoticeOf(view('ended', 'media-failure'))).toEqual({
      consultationId: 'c-1',
      reason: 'media-failure',
    });
    for (const reason of ['hung-up', 'cancelled', 'participant-left', null] as const) {
      expect(callEndNoticeOf(view('ended', reason))).toBeNull();
    }
    expect(callEndNoticeOf(view('active', 'media-failure'))).toBeNull();
  });
});
