import { weekdays, type Interval, type OpeningHours } from './schema.ts';

/** When a service takes calls. Times are epoch milliseconds; the schedule never reads a clock. */
export interface OpeningSchedule {
  isOpen(at: number): boolean;
  /** `after` itself when open then, else the start of the next open interval; null if none within two years. */
  nextOpening(after: number): number | null;
}

// Japan has had no daylight saving time since 1951 and the schema pins `Asia/Tokyo`, so local time
// is a fixed offset and no time-zone database is needed.
const TOKYO_OFFSET_MS = 9 * 3_600_000;
const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
const HORIZON_DAYS = 2 * 366;

const minutesOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** The intervals that apply on a local date (`YYYY-MM-DD`): the last matching exception wins. */
export function intervalsOn(hours: OpeningHours, localDate: string): readonly Interval[] {
  let found: readonly Interval[] | null = null;
  for (const exception of hours.exceptions) {
    if (localDate >= exception.from && localDate <= (exception.to ?? exception.from))
      found = exception.intervals;
  }
  if (found) return found;
  const weekday = weekdays[new Date(`${localDate}T00:00:00Z`).getUTCDay()]!;
  return hours.weekly[weekday];
}

/** Schedule of one opening-hours definition (a booth, or headquarters). */
export function openingSchedule(hours: OpeningHours): OpeningSchedule {
  const localDayStart = (at: number): number => Math.floor((at + TOKYO_OFFSET_MS) / DAY_MS) * DAY_MS;
  const dateOf = (localMidnight: number): string => new Date(localMidnight).toISOString().slice(0, 10);

  const isOpen = (at: number): boolean => {
    const day = localDayStart(at);
    const minute = (at + TOKYO_OFFSET_MS - day) / MINUTE_MS;
    return intervalsOn(hours, dateOf(day)).some(
      (i) => minute >= minutesOf(i.open) && minute < minutesOf(i.close),
    );
  };

  const nextOpening = (after: number): number | null => {
    if (isOpen(after)) return after;
    const firstDay = localDayStart(after);
    for (let d = 0; d < HORIZON_DAYS; d++) {
      const day = firstDay + d * DAY_MS;
      for (const interval of intervalsOn(hours, dateOf(day))) {
        const start = day - TOKYO_OFFSET_MS + minutesOf(interval.open) * MINUTE_MS;
        if (start > after) return start;
      }
    }
    return null;
  };

  return { isOpen, nextOpening };
}

/** Open only when every part is open: a kiosk needs both its booth and headquarters. */
export function allOf(schedules: readonly OpeningSchedule[]): OpeningSchedule {
  const isOpen = (at: number): boolean => schedules.every((s) => s.isOpen(at));
  const nextOpening = (after: number): number | null => {
    let t = after;
    // Each round moves t to the next opening of a part that is closed at t; the parts' intervals
    // are finite per day, so this converges quickly or runs past one part's horizon (null).
    for (let round = 0; round < 10_000; round++) {
      const closed = schedules.find((s) => !s.isOpen(t));
      if (!closed) return t;
      const next = closed.nextOpening(t);
      if (next === null) return null;
      t = next;
    }
    return null;
  };
  return { isOpen, nextOpening };
}

/** A schedule that never opens (planned or closed booths, unknown kiosks). */
export const neverOpen: OpeningSchedule = { isOpen: () => false, nextOpening: () => null };
