import { describe, expect, it } from 'vitest';
import { openingSchedule } from './opening-hours.ts';
import { serviceHours, routingProcedures, requiredLanguage } from './routing-config.ts';
import type { OpeningHours } from './schema.ts';
import { tamaCatalog } from './seed.ts';

const jst = (local: string): number => Date.parse(`${local}+09:00`);
const iso = (ms: number | null): string | null =>
  ms === null ? null : new Date(ms + 9 * 3_600_000).toISOString().slice(0, 16);

describe('opening hours (Tama seed, kiosk = booth ∩ headquarters)', () => {
  const hours = serviceHours(tamaCatalog());

  it('is open on a weekday from 08:30 up to (not including) 17:00', () => {
    expect(hours.isOpen('seiseki-1', jst('2026-04-06T08:29:59'))).toBe(false);
    expect(hours.isOpen('seiseki-1', jst('2026-04-06T08:30:00'))).toBe(true);
    expect(hours.isOpen('tama-center-2', jst('2026-04-06T16:59:59'))).toBe(true);
    expect(hours.isOpen('tama-center-2', jst('2026-04-06T17:00:00'))).toBe(false);
  });

  it('is closed on Saturdays even though the station booth is open, and says when it opens', () => {
    expect(hours.isOpen('seiseki-1', jst('2026-04-11T10:00:00'))).toBe(false);
    expect(iso(hours.nextOpening('seiseki-1', jst('2026-04-11T10:00:00')))).toBe('2026-04-13T08:30');
  });

  it('skips national holidays (Golden Week 2026, including the substitute holiday)', () => {
    expect(hours.isOpen('seiseki-1', jst('2026-05-06T10:00:00'))).toBe(false);
    expect(iso(hours.nextOpening('seiseki-1', jst('2026-05-01T17:30:00')))).toBe('2026-05-07T08:30');
  });

  it('skips 年末年始 (12/29–1/3)', () => {
    expect(hours.isOpen('tama-center-1', jst('2026-12-28T10:00:00'))).toBe(true);
    expect(hours.isOpen('tama-center-1', jst('2026-12-29T10:00:00'))).toBe(false);
    expect(iso(hours.nextOpening('tama-center-1', jst('2026-12-28T17:00:00')))).toBe('2027-01-04T08:30');
  });

  it('never opens a planned booth or an unknown kiosk', () => {
    expect(hours.isOpen('nagayama-1', jst('2026-04-06T10:00:00'))).toBe(false);
    expect(hours.nextOpening('nagayama-1', jst('2026-04-06T10:00:00'))).toBeNull();
    expect(hours.nextOpening('no-such-kiosk', jst('2026-04-06T10:00:00'))).toBeNull();
  });

  it('returns the instant itself when already open', () => {
    const at = jst('2026-04-06T10:00:00');
    expect(hours.nextOpening('seiseki-2', at)).toBe(at);
  });
});

describe('openingSchedule', () => {
  const base: OpeningHours = {
    timezone: 'Asia/Tokyo',
    weekly: {
      mon: [
        { open: '09:00', close: '12:00' },
        { open: '13:00', close: '17:00' },
      ],
      tue: [],
      wed: [],
      thu: [],
      fri: [],
      sat: [],
      sun: [],
    },
    exceptions: [{ from: '2026-04-13', intervals: [{ open: '10:00', close: '11:00' }], note: 'short day' }],
  };

  it('handles a lunch gap, a dated exception with its own hours, and a week with one open day', () => {
    const schedule = openingSchedule(base);
    expect(iso(schedule.nextOpening(jst('2026-04-06T12:30:00')))).toBe('2026-04-06T13:00');
    expect(iso(schedule.nextOpening(jst('2026-04-06T17:00:00')))).toBe('2026-04-13T10:00');
    expect(schedule.isOpen(jst('2026-04-13T09:30:00'))).toBe(false);
  });

  it('gives up (null) when nothing opens within two years', () => {
    const closed = openingSchedule({ ...base, weekly: { ...base.weekly, mon: [] }, exceptions: [] });
    expect(closed.nextOpening(jst('2026-04-06T00:00:00'))).toBeNull();
  });
});

describe('Tama seed', () => {
  const catalog = tamaCatalog();

  it('has every procedure named in all six UI languages and the required set of procedures', () => {
    expect(catalog.procedures.map((p) => p.id)).toEqual([
      'juumin-idou',
      'shoumeisho',
      'koseki',
      'inkan-touroku',
      'mynumber-card',
      'kokuho-nenkin',
      'kosodate',
      'kaigo-hoken',
      'zeikin',
      'okuyami',
      'sougou-soudan',
    ]);
    for (const p of catalog.procedures)
      expect(Object.keys(p.name).sort()).toEqual(['en', 'ja', 'ja-easy', 'ko', 'vi', 'zh-Hans']);
  });

  it('has two kiosks at each open booth, Nagayama planned, and about twelve clerks covering every skill', () => {
    expect(catalog.booths.map((b) => [b.id, b.status, b.kiosks.length])).toEqual([
      ['seiseki-sakuragaoka', 'open', 2],
      ['tama-center', 'open', 2],
      ['nagayama', 'planned', 1],
    ]);
    expect(catalog.clerks).toHaveLength(12);
    for (const skill of catalog.skills) expect(catalog.clerks.some((c) => skill.id in c.skills)).toBe(true);
  });

  it('maps to routing steps (required skill, then the fallback group after its wait)', () => {
    const juumin = routingProcedures(catalog).find((p) => p.id === 'juumin-idou')!;
    expect(juumin.steps).toEqual([
      { afterMs: 0, skills: ['juumin-kiroku'] },
      { afterMs: 180_000, skills: ['juumin-kiroku', 'shoumei', 'koseki', 'inkan', 'mynumber'] },
    ]);
    expect(routingProcedures(catalog).find((p) => p.id === 'okuyami')!.steps).toHaveLength(1);
    expect(requiredLanguage('ja-easy')).toBeNull();
    expect(requiredLanguage('zh-Hans')).toBe('zh');
  });
});
