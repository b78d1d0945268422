import { describe, expect, it } from 'vitest';
import { nextOpeningMessage } from './next-opening.ts';

// Friday 2026-01-09 18:00 in Tokyo, after closing; 09:00 UTC.
const fridayEvening = Date.parse('2026-01-09T18:00:00+09:00');

describe('nextOpeningMessage', () => {
  it('says so when no opening is scheduled', () => {
    expect(nextOpeningMessage(null, fridayEvening, 'ja')).toEqual({ key: 'closed.no-opening' });
  });

  it('tells the weekday and date of a later opening, in Tokyo time', () => {
    // Monday 12 January is a holiday, so the window opens on Tuesday.
    const tuesday = '2026-01-12T23:30:00.000Z';
    expect(nextOpeningMessage(tuesday, fridayEvening, 'ja')).toEqual({
      key: 'closed.opens-on',
      params: { date: '1月13日(火)', time: '8:30' },
    });
    expect(nextOpeningMessage(tuesday, fridayEvening, 'en')).toEqual({
      key: 'closed.opens-on',
      params: { date: 'Tuesday, January 13', time: '8:30 AM' },
    });
  });

  it('says "tomorrow" by the Tokyo calendar, not the UTC one', () => {
    // Both instants fall on the 9th in UTC, but the opening is on the next day in Tokyo.
    const lateNight = Date.parse('2026-01-09T23:30:00+09:00');
    expect(nextOpeningMessage('2026-01-09T23:30:00.000Z', lateNight, 'en')).toEqual({
      key: 'closed.opens-tomorrow',
      params: { time: '8:30 AM' },
    });
  });

  it('says "today" for an opening later the same day', () => {
    const lunch = Date.parse('2026-01-08T12:00:00+09:00');
    expect(nextOpeningMessage('2026-01-08T13:00:00+09:00', lunch, 'ja')).toEqual({
      key: 'closed.opens-today',
      params: { time: '13:00' },
    });
  });

  it('gives the full date when this clock is already past the opening', () => {
    expect(nextOpeningMessage('2026-01-08T08:30:00+09:00', fridayEvening, 'ja')).toEqual({
      key: 'closed.opens-on',
      params: { date: '1月8日(木)', time: '8:30' },
    });
  });
});
