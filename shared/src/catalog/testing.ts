import type { z } from 'zod';
import type { catalogSchema } from './schema.ts';

/**
 * A small, valid catalogue document for tests of the catalogue rules and of the screens that edit
 * it (not used by production code). Plain JSON, as it arrives from a file or a form.
 */
export function sampleCatalogJson(): z.input<typeof catalogSchema> {
  // A fresh object per use, so a test can change one booth's hours without touching another's.
  const weekday = () => [{ open: '08:30', close: '17:00' }];
  const hours = () => ({
    timezone: 'Asia/Tokyo' as const,
    weekly: {
      mon: weekday(),
      tue: weekday(),
      wed: weekday(),
      thu: weekday(),
      fri: weekday(),
      sat: [],
      sun: [],
    },
    exceptions: [{ from: '2026-12-29', to: '2027-01-03', intervals: [], note: '年末年始' }],
  });
  return {
    version: 1,
    municipality: { code: '13224', name: { ja: '多摩市', en: 'Tama City' } },
    skills: [
      { id: 'shoumei', name: { ja: '証明書', en: 'Certificates' } },
      { id: 'koseki', name: { ja: '戸籍', en: 'Family register' } },
    ],
    skillGroups: [{ id: 'madoguchi', name: { ja: '窓口', en: 'Counter' }, skills: ['shoumei', 'koseki'] }],
    procedures: [
      {
        id: 'shoumeisho',
        name: { ja: '証明書の交付', en: 'Certificates' },
        requiredSkill: 'shoumei',
        typicalHandlingMinutes: 8,
        fallback: { skillGroup: 'madoguchi', afterSeconds: 120 },
        isReservable: false,
      },
      {
        id: 'koseki',
        name: { ja: '戸籍の届出', en: 'Family register' },
        requiredSkill: 'koseki',
        typicalHandlingMinutes: 15,
        fallback: null,
        isReservable: true,
      },
    ],
    clerks: [
      {
        id: 'tanaka-y',
        displayName: '田中 洋子',
        skills: { shoumei: 4, koseki: 2 },
        languages: ['ja', 'en'],
      },
      { id: 'suzuki-h', displayName: '鈴木 春香', skills: { koseki: 5 }, languages: ['ja'] },
    ],
    headquarters: { name: { ja: '本庁舎', en: 'City Hall' }, hours: hours() },
    booths: [
      {
        id: 'seiseki',
        name: { ja: '聖蹟桜ヶ丘', en: 'Seiseki' },
        status: 'open',
        location: '駅前',
        kiosks: [
          { id: 'seiseki-1', name: '1番' },
          { id: 'seiseki-2', name: '2番' },
        ],
        hours: hours(),
      },
    ],
  };
}
