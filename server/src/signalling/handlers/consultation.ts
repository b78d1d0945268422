import type { ConsultationService } from '../../sessions/consultation-service.ts';
import type { CommandHandlers } from '../register-handlers.ts';

type ConsultationHandlers = Pick<
  CommandHandlers,
  | 'consultation:request'
  | 'consultation:cancel'
  | 'consultation:hang-up'
  | 'staff:set-status'
  | 'call:accept'
  | 'call:decline'
  | 'supervisor:get-snapshot'
  | 'consultation:invite'
  | 'call:join'
  | 'call:decline-invite'
  | 'consultation:leave'
  | 'consultation:transfer'
  | 'staff:colleagues'
>;

export function consultationHandlers(consultations: ConsultationService): ConsultationHandlers {
  return {
    'consultation:request': (kiosk, { procedureId, language }) =>
      consultations.request(kiosk, procedureId, language),
    'consultation:cancel': (kiosk, { consultationId }) => {
      consultations.cancel(kiosk, consultationId);
      return {};
    },
    'consultation:hang-up': (participant, { consultationId }) => {
      consultations.hangUp(participant, consultationId);
      return {};
    },
    'staff:set-status': (clerk, request) => {
      consultations.setStaffStatus(
        clerk,
        request.status,
        request.status === 'away' ? request.reason : undefined,
      );
      return { status: clerk.staffStatus };
    },
    'call:accept': (clerk, { consultationId }) => ({
      consultation: consultations.accept(clerk, consultationId),
    }),
    'call:decline': (clerk, { consultationId }) => {
      consultations.decline(clerk, consultationId);
      return {};
    },
    'supervisor:get-snapshot': () => consultations.snapshot(),
    'consultation:invite': (clerk, { consultationId, staffId, note }) => {
      consultations.team.invite(clerk, consultationId, staffId, note);
      return {};
    },
    'staff:colleagues': (clerk) => ({ colleagues: consultations.colleagues(clerk) }),
    'call:join': (clerk, { consultationId }) => ({
      consultation: consultations.team.join(clerk, consultationId),
    }),
    'call:decline-invite': (clerk, { consultationId }) => {
      consultations.team.declineInvite(clerk, consultationId);
      return {};
    },
    'consultation:transfer': (clerk, { consultationId, procedureId, note }) => ({
      consultation: consultations.team.transfer(clerk, consultationId, procedureId, note),
    }),
    'consultation:leave': (clerk, { consultationId }) => {
      consultations.team.leaveCall(clerk, consultationId);
      return {};
    },
  };
}
