import type { SharedDocuments } from '../../captures/shared-documents.ts';
import { AppError } from '../../errors.ts';
import { sendChat } from '../../sessions/chat.ts';
import type { ConsultationService } from '../../sessions/consultation-service.ts';
import type { KioskStatusBoard } from '../../sessions/kiosk-status.ts';
import type { Surveys } from '../../store/surveys.ts';
import type { CommandHandlers } from '../register-handlers.ts';

type BoothHandlers = Pick<
  CommandHandlers,
  'chat:send' | 'document:close' | 'survey:submit' | 'kiosk:report-devices' | 'kiosk:request-help'
>;

/** How long after the call the resident may still answer the survey. */
const surveyWindowMs = 10 * 60_000;

/** What happens around the call at the booth: chat, documents shown, the survey, devices, help. */
export function boothHandlers(deps: {
  consultations: ConsultationService;
  documents: SharedDocuments;
  surveys: Surveys;
  kiosks: KioskStatusBoard;
}): BoothHandlers {
  const kioskIdOf = (participant: { identity: { role: string; kioskId?: string } }) => {
    if (participant.identity.role !== 'kiosk' || !participant.identity.kioskId)
      throw AppError.forbidden('this command');
    return participant.identity.kioskId;
  };
  return {
    'chat:send': (sender, { consultationId, text }) =>
      sendChat(deps.consultations, sender, consultationId, text),
    'document:close': (clerk, { consultationId, documentId }) => {
      deps.documents.close(clerk, consultationId, documentId);
      return {};
    },
    'survey:submit': async (kiosk, { consultationId, rating, comment }) => {
      const consultation = deps.consultations.lastEndedAt(kioskIdOf(kiosk), surveyWindowMs);
      if (!consultation || consultation.id !== consultationId) {
        throw AppError.invalidState('there is no recent call of this kiosk to rate');
      }
      await deps.surveys.record({
        consultationId,
        kioskId: consultation.kioskId,
        procedureId: consultation.procedureId,
        language: consultation.language,
        staffIds: consultation.staff.flatMap((member) =>
          member.identity.role === 'kiosk' ? [] : [member.identity.staffId],
        ),
        rating,
        comment: comment || null,
        submittedAt: Date.now(),
      });
      return {};
    },
    'kiosk:report-devices': (kiosk, { devices }) => {
      const isInService = deps.kiosks.report(kioskIdOf(kiosk), devices);
      deps.consultations.notifyChanged();
      return { isInService };
    },
    'kiosk:request-help': (kiosk, { reason }) => {
      deps.kiosks.requestHelp(kioskIdOf(kiosk), reason);
      return {};
    },
  };
}
