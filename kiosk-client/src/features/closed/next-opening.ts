import type { Language } from '@madoguchi/shared';
import type { Message } from '../../i18n/messages.ts';

/** Opening hours are the city hall's, so times are told in its zone whatever the kiosk's clock says. */
const TIME_ZONE = 'Asia/Tokyo';
const DAY_MS = 86_400_000;

const locales: Record<Language, string> = {
  ja: 'ja-JP',
  'ja-easy': 'ja-JP',
  en: 'en-US',
  'zh-Hans': 'zh-Hans-CN',
  ko: 'ko-KR',
  vi: 'vi-VN',
};

const dayFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Calendar days in Tokyo from `now` to `at` (0 = the same day). */
function daysBetween(now: number, at: number): number {
  const day = (time: number) => Date.parse(`${dayFormat.format(time)}T00:00:00Z`);
  return Math.round((day(at) - day(now)) / DAY_MS);
}

/**
 * When the window opens next, in the resident's language and in Tokyo time: "today at 13:00",
 * "tomorrow at 8:30", otherwise the weekday and date. Null means no opening is scheduled.
 */
export function nextOpeningMessage(nextOpeningAt: string | null, now: number, language: Language): Message {
  if (nextOpeningAt === null) return { key: 'closed.no-opening' };
  const at = Date.parse(nextOpeningAt);
  const locale = locales[language];
  const time = new Intl.DateTimeFormat(locale, { timeZone: TIME_ZONE, hour: 'numeric', minute: '2-digit' });
  const days = daysBetween(now, at);
  // An opening already past means this clock is wrong; the full date is then the honest answer.
  if (days === 0) return { key: 'closed.opens-today', params: { time: time.format(at) } };
  if (days === 1) return { key: 'closed.opens-tomorrow', params: { time: time.format(at) } };
  const date = new Intl.DateTimeFormat(locale, {
    timeZone: TIME_ZONE,
    month: 'long',
    day: 'numeric',
    weekday: language === 'ja' || language === 'ja-easy' ? 'short' : 'long',
  });
  return { key: 'closed.opens-on', params: { date: date.format(at), time: time.format(at) } };
}
