import { randomUUID } from 'node:crypto';
import type { ConsultationId } from '@madoguchi/shared';
import { AppError } from '../errors.ts';
import type { ConsultationService } from './consultation-service.ts';
import type { Participant } from './participant.ts';

/**
 * In-call text chat. Messages are relayed to the other members and not stored: like the call
 * itself, they are not recorded.
 */
export function sendChat(
  consultations: ConsultationService,
  sender: Participant,
  consultationId: ConsultationId,
  text: string,
): { messageId: string; sentAt: string } {
  const consultation = consultations.current(sender);
  if (!consultation || consultation.id !== consultationId) throw AppError.notFound('consultation');
  if (consultation.status !== 'active') throw AppError.invalidState('the call is not running');
  const messageId = randomUUID();
  const sentAt = new Date().toISOString();
  const senderName = sender.identity.role === 'kiosk' ? null : sender.identity.displayName;
  for (const member of consultation.members()) {
    if (member === sender) continue;
    member.notify('chat:message', {
      consultationId,
      messageId,
      from: sender.role === 'kiosk' ? 'resident' : 'clerk',
      senderName,
      text,
      sentAt,
    });
  }
  return { messageId, sentAt };
}
