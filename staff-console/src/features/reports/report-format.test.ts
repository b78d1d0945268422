import type { KpiFigures, KpiReport, Procedure, StaffLanguage } from '@madoguchi/shared';
import { format } from '@madoguchi/shared/client/ui';
import { describe, expect, it } from 'vitest';
import type { Translate } from '../../i18n/i18n.ts';
import { dictionaries } from '../../i18n/messages.ts';
import {
  changeAgainst,
  chartSeries,
  endAfter,
  formatChange,
  formatFigure,
  formatRate,
  formatSeconds,
  groupLabel,
  isValidPeriod,
  kpiCsvPath,
  kpiReportPath,
  lastDayOf,
  nationalReportPath,
  presetPeriod,
  previousPeriod,
  targetVerdict,
  tokyoToday,
  weekdayName,
} from './report-format.ts';

const translator =
  (language: StaffLanguage): Translate =>
  (key, params) =>
    format(dictionaries[language][key], params);
const ja = translator('ja');
const en = translator('en');

const at = (iso: string) => Date.parse(iso);

const figures = (patch: Partial<KpiFigures> = {}): KpiFigures => ({
  consultations: 0,
  answered: 0,
  abandoned: 0,
  abandonmentRate: null,
  waitMeanSec: null,
  waitP90Sec: null,
  serviceLevel60s: null,
  handlingMeanSec: null,
  outcomes: {},
  surveys: 0,
  satisfiedShare: null,
  ...patch,
});

describe('periods in Asia/Tokyo', () => {
  it('counts today in Tokyo, whatever the machine’s zone', () => {
    // 23:30 UTC on 31 May is 08:30 on 1 June in Tokyo.
    expect(tokyoToday(at('2025-05-31T23:30:00Z'))).toBe('2025-06-01');
    expect(tokyoToday(at('2025-06-01T14:59:59Z'))).toBe('2025-06-01');
    expect(tokyoToday(at('2025-06-01T15:00:00Z'))).toBe('2025-06-02');
  });

  it('gives 今月 up to today, 先月 whole, and 直近7日 ending today (to exclusive)', () => {
    const now = at('2025-03-01T00:30:00Z'); // 1 March, 09:30 in Tokyo
    expect(presetPeriod('this-month', now)).toEqual({ from: '2025-03-01', to: '2025-03-02' });
    expect(presetPeriod('last-month', now)).toEqual({ from: '2025-02-01', to: '2025-03-01' });
    expect(presetPeriod('last-7-days', now)).toEqual({ from: '2025-02-23', to: '2025-03-02' });
  });

  it('crosses the year for 先月 in January', () => {
    expect(presetPeriod('last-month', at('2025-01-15T03:00:00Z'))).toEqual({
      from: '2024-12-01',
      to: '2025-01-01',
    });
  });

  it('uses the Tokyo date at the edge of a month', () => {
    // Still 31 January in UTC, already 1 February in Tokyo.
    expect(presetPeriod('this-month', at('2025-01-31T16:00:00Z'))).toEqual({
      from: '2025-02-01',
      to: '2025-02-02',
    });
  });

  it('takes the baseline as the period of the same length just before', () => {
    expect(previousPeriod({ from: '2025-03-01', to: '2025-04-01' })).toEqual({
      from: '2025-01-29',
      to: '2025-03-01',
    });
  });

  it('shows the last day of a period and turns a last day back into the exclusive end', () => {
    expect(lastDayOf({ from: '2025-02-01', to: '2025-03-01' })).toBe('2025-02-28');
    expect(endAfter('2024-02-29')).toBe('2024-03-01');
    expect(endAfter('')).toBe('');
    expect(lastDayOf({ from: '2025-02-01', to: '' })).toBe('');
  });

  it('accepts real dates with the start before the end only', () => {
    expect(isValidPeriod({ from: '2025-02-01', to: '2025-02-02' })).toBe(true);
    expect(isValidPeriod({ from: '2025-02-02', to: '2025-02-02' })).toBe(false);
    expect(isValidPeriod({ from: '2025-02-30', to: '2025-03-02' })).toBe(false);
    expect(isValidPeriod({ from: '', to: '2025-03-02' })).toBe(false);
  });
});

describe('links', () => {
  const period = { from: '2025-04-01', to: '2025-05-01' };

  it('builds the CSV link with the same query as the report', () => {
    expect(kpiCsvPath(period, 'weekday', true)).toBe(
      '/api/reports/kpis.csv?from=2025-04-01&to=2025-05-01&groupBy=weekday&demo=true',
    );
    expect(kpiReportPath(period, 'day', false)).toBe(
      '/api/reports/kpis?from=2025-04-01&to=2025-05-01&groupBy=day&demo=false',
    );
  });

  it('builds the national report’s query with its baseline', () => {
    expect(nationalReportPath(period, { from: '2024-04-01', to: '2024-05-01' }, false)).toBe(
      '/api/reports/national?from=2025-04-01&to=2025-05-01&baselineFrom=2024-04-01&baselineTo=2024-05-01&demo=false',
    );
  });
});

describe('formatting', () => {
  it('shows rates as percentages with one decimal at most, and no figure as a dash', () => {
    expect(formatRate(0.8, 'ja')).toBe('80%');
    expect(formatRate(0.1234, 'en')).toBe('12.3%');
    expect(formatRate(0, 'en')).toBe('0%');
    expect(formatRate(null, 'ja')).toBe('—');
  });

  it('shows durations in words, rounded to the second', () => {
    expect(formatSeconds(44.6, ja)).toBe('45秒');
    expect(formatSeconds(185, ja)).toBe('3分05秒');
    expect(formatSeconds(3725, ja)).toBe('1時間02分');
    expect(formatSeconds(185, en)).toBe('3 min 05 s');
    expect(formatSeconds(9, en)).toBe('9 s');
    expect(formatSeconds(null, en)).toBe('—');
  });

  it('formats each figure by its kind', () => {
    const total = figures({ consultations: 1234, abandonmentRate: 0.05, waitMeanSec: 72 });
    expect(formatFigure('consultations', total, en, 'en')).toBe('1,234');
    expect(formatFigure('abandonmentRate', total, en, 'en')).toBe('5%');
    expect(formatFigure('waitMeanSec', total, ja, 'ja')).toBe('1分12秒');
    expect(formatFigure('handlingMeanSec', total, ja, 'ja')).toBe('—');
  });

  it('names weekdays from Sunday = 0', () => {
    expect(['0', '1', '6'].map((key) => weekdayName(key, ja))).toEqual(['日', '月', '土']);
    expect(['0', '3'].map((key) => weekdayName(key, en))).toEqual(['Sun', 'Wed']);
    expect(weekdayName('7', en)).toBe('7');
  });

  it('labels each kind of group', () => {
    const procedures = [
      { id: 'juminhyo', name: { ja: '住民票の写し', en: 'Certificate of residence' } },
    ] as unknown as Procedure[];
    const names = { t: ja, language: 'ja' as const, procedures };
    expect(groupLabel('day', '2025-06-01', names)).toBe('2025-06-01(日)');
    expect(groupLabel('weekday', '5', names)).toBe('金');
    expect(groupLabel('hour', '9', names)).toBe('09時台');
    expect(groupLabel('hour', '9', { ...names, t: en, language: 'en' })).toBe('09:00');
    expect(groupLabel('procedure', 'juminhyo', names)).toBe('住民票の写し');
    expect(groupLabel('procedure', 'unknown', names)).toBe('unknown');
    expect(groupLabel('language', 'vi', names)).toBe('ベトナム語');
    expect(groupLabel('language', 'xx', names)).toBe('xx');
    expect(groupLabel('booth', 'seiseki', names)).toBe('seiseki');
    const boothNames = new Map([['seiseki', { ja: '聖蹟桜ヶ丘駅', en: 'Seiseki-Sakuragaoka Sta.' }]]);
    expect(groupLabel('booth', 'seiseki', { ...names, boothNames })).toBe('聖蹟桜ヶ丘駅');
  });
});

describe('against a target and a baseline', () => {
  it('says whether satisfaction meets its target', () => {
    expect(targetVerdict(0.8, 0.8)).toBe('met');
    expect(targetVerdict(0.79, 0.8)).toBe('below');
    expect(targetVerdict(null, 0.8)).toBe('no-data');
  });

  it('measures a wait against the baseline: shorter is better', () => {
    expect(changeAgainst(90, 120)).toEqual({ deltaSec: -30, ratio: -0.25, direction: 'shorter' });
    expect(changeAgainst(130, 100)).toEqual({ deltaSec: 30, ratio: 0.3, direction: 'longer' });
    expect(changeAgainst(100.2, 100)?.direction).toBe('same');
    expect(changeAgainst(10, 0)).toEqual({ deltaSec: 10, ratio: null, direction: 'longer' });
    expect(changeAgainst(null, 100)).toBeNull();
    expect(changeAgainst(100, null)).toBeNull();
  });

  it('words the change with its sign, its ratio and a direction', () => {
    expect(formatChange(changeAgainst(90, 120), ja, 'ja')).toBe('−30秒(−25%) 短縮');
    expect(formatChange(changeAgainst(130, 100), en, 'en')).toBe('+30 s (+30%), longer');
    expect(formatChange(changeAgainst(10, 0), en, 'en')).toBe('+10 s, longer');
    expect(formatChange(changeAgainst(100, 100), ja, 'ja')).toBe('変化なし');
    expect(formatChange(null, en, 'en')).toBe('No comparison possible');
  });
});

describe('chart series', () => {
  it('draws one point per group, shares as percentages, missing figures as gaps', () => {
    const report: KpiReport = {
      from: '2025-06-01',
      to: '2025-06-08',
      groupBy: 'weekday',
      isDemo: false,
      satisfactionTarget: 0.8,
      total: figures(),
      groups: [
        {
          key: '1',
          figures: figures({ consultations: 10, abandoned: 1, waitMeanSec: 30, satisfiedShare: 0.857 }),
        },
        { key: '2', figures: figures({ consultations: 4 }) },
      ],
    };
    expect(chartSeries(report, { t: en, language: 'en', procedures: null })).toEqual({
      labels: ['Mon', 'Tue'],
      consultations: [10, 4],
      abandoned: [1, 0],
      waitMeanSec: [30, null],
      waitP90Sec: [null, null],
      satisfiedPercent: [85.7, null],
      targetPercent: 80,
    });
  });
});
