import { awayReasonSchema, type StaffStatus } from '@madoguchi/shared';
import type { Translate } from './i18n.ts';

/** Reasons the server sets itself while a clerk is invited to, or has joined, a colleague's call. */
const serverAwayReasons = ['invited', 'in-consultation'] as const;
export type ServerAwayReason = (typeof serverAwayReasons)[number];

const isServerAwayReason = (reason: string): reason is ServerAwayReason =>
  (serverAwayReasons as readonly string[]).includes(reason);

/** Known away reasons in words; anything else the server sends is shown as it came. */
export function awayReasonText(reason: string | null, t: Translate): string | null {
  if (reason === null) return null;
  if (isServerAwayReason(reason)) return t(`away-reason.${reason}`);
  const known = awayReasonSchema.safeParse(reason);
  return known.success ? t(`away-reason.${known.data}`) : reason;
}

/** "Away (Break)"; the reason only where it says something, which is while away. */
export function statusText(status: StaffStatus, reason: string | null, t: Translate): string {
  const words = t(`status.${status}`);
  const reasonWords = status === 'away' ? awayReasonText(reason, t) : null;
  return reasonWords ? t('status.with-reason', { status: words, reason: reasonWords }) : words;
}
