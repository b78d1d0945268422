/** Whole seconds from `now` until `iso`, never negative (an expired offer shows 0). */
export function secondsUntil(iso: string, now: number): number {
  return Math.max(0, Math.ceil((Date.parse(iso) - now) / 1000));
}

/** `m:ss` below an hour, `h:mm:ss` above; negative spans (clock skew) count as zero. */
export function formatDuration(milliseconds: number): string {
  const total = Math.max(0, Math.floor(milliseconds / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}

/**
 * A moment as people at the city hall read it: Tokyo time, whatever this machine's zone, with the
 * date only when it is not today there (a lock ends within the day; a code within minutes).
 */
export function formatTokyoTime(iso: string, language: 'ja' | 'en', now: number): string {
  const at = new Date(iso);
  const locale = language === 'ja' ? 'ja-JP' : 'en-GB';
  const day = (date: Date) => date.toLocaleDateString('en-CA', { timeZone: 'Asia/Tokyo' });
  const time = at.toLocaleTimeString(locale, { timeZone: 'Asia/Tokyo', hour: '2-digit', minute: '2-digit' });
  if (day(at) === day(new Date(now))) return time;
  const date = at.toLocaleDateString(locale, { timeZone: 'Asia/Tokyo', month: 'short', day: 'numeric' });
  return `${date} ${time}`;
}
