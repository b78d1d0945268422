import type { ConsultationView, StaffId } from '@madoguchi/shared';
import { SignallingError } from '@madoguchi/shared/client';
import { describe, expect, it, vi } from 'vitest';
import { TeamDesk, type TeamDeskOptions } from './team-desk.ts';

const CONSULTATION_ID = '6f1c7f3e-8a3b-4e43-9a55-3b4a0f8e2c11' as ConsultationView['consultationId'];
const SUZUKI = 'suzuki-k' as StaffId;

const colleagues = [
  { staffId: SUZUKI, displayName: '鈴木', status: 'available', skills: ['kokuho'], languages: ['ja'] },
];

const setUp = (answers: Record<string, (payload: unknown) => unknown> = {}) => {
  const request = vi.fn(async (name: string, payload: unknown) => {
    if (name === 'staff:colleagues') return { colleagues };
    const answer = answers[name];
    if (!answer) throw new SignallingError('INTERNAL', `no answer for ${name}`);
    return answer(payload);
  });
  const options: TeamDeskOptions = {
    consultationId: CONSULTATION_ID,
    request: request as unknown as TeamDeskOptions['request'],
    onConsultation: vi.fn(),
    onLeft: vi.fn(),
    onChange: vi.fn(),
    onError: vi.fn(),
  };
  return { desk: new TeamDesk(options), options, request };
};

describe('TeamDesk', () => {
  it('forgets a refused invitation, says why, and asks for the colleagues again', async () => {
    const { desk, options, request } = setUp({
      'consultation:invite': () => {
        throw new SignallingError('INVALID_STATE', 'suzuki-k is not available');
      },
    });
    await desk.loadColleagues();
    await desk.invite(SUZUKI, '');
    expect(desk.state.invitation).toBeNull();
    expect(options.onError).toHaveBeenCalledWith(expect.any(SignallingError));
    expect(request.mock.calls.filter(([name]) => name === 'staff:colleagues')).toHaveLength(2);
  });

  it('keeps a decline that overtook the invitation’s answer', async () => {
    let answer: () => void = () => undefined;
    const { desk } = setUp({
      'consultation:invite': () => new Promise<object>((resolve) => (answer = () => resolve({}))),
    });
    await desk.loadColleagues();
    const inviting = desk.invite(SUZUKI, '');
    await Promise.resolve();
    desk.onInviteDeclined({ consultationId: CONSULTATION_ID, staffId: SUZUKI });
    answer();
    await inviting;
    expect(desk.state.invitation?.status).toBe('declined');
  });

  it('drops answers that arrive after the call closed the desk', async () => {
    let answer: (value: unknown) => void = () => undefined;
    const { desk, options } = setUp({
      'consultation:transfer': () => new Promise((resolve) => (answer = resolve)),
    });
    const transferring = desk.transfer('kokuho' as never, 'note');
    expect(desk.state.isTransferring).toBe(true);
    desk.close();
    answer({ consultation: {} });
    await transferring;
    expect(options.onConsultation).not.toHaveBeenCalled();
  });
});
