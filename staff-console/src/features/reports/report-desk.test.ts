import type { KpiFigures, KpiReport, NationalReport } from '@madoguchi/shared';
import { HttpClient } from '@madoguchi/shared/client';
import { FakeFetch, refusal } from '@madoguchi/shared/client/testing';
import { describe, expect, it, vi } from 'vitest';
import { ReportDesk } from './report-desk.ts';

// 10:00 on 15 May 2025 in Tokyo.
const now = Date.parse('2025-05-15T01:00:00Z');

const figures: KpiFigures = {
  consultations: 3,
  answered: 2,
  abandoned: 1,
  abandonmentRate: 1 / 3,
  waitMeanSec: 40,
  waitP90Sec: 70,
  serviceLevel60s: 0.5,
  handlingMeanSec: 300,
  outcomes: { completed: 2 },
  surveys: 2,
  satisfiedShare: 1,
};

const kpis = (patch: Partial<KpiReport> = {}): KpiReport => ({
  from: '2025-05-01',
  to: '2025-05-16',
  groupBy: 'day',
  isDemo: false,
  satisfactionTarget: 0.8,
  total: figures,
  groups: [{ key: '2025-05-02', figures }],
  ...patch,
});

const national: NationalReport = {
  from: '2025-05-01',
  to: '2025-05-16',
  isDemo: false,
  usage: [{ boothId: 'seiseki', consultations: 3, openingDays: 10, perOpeningDay: 0.3 }],
  proceduresHandled: [{ procedureId: 'juminhyo', answered: 2 }],
  windows: { booths: 1, kiosks: 2 },
  waiting: { meanSec: 40, p90Sec: 70, baselineMeanSec: 60, baselineP90Sec: 90 },
  satisfaction: { share: 1, target: 0.8, answers: 2 },
};

const thisMonth = '/api/reports/kpis?from=2025-05-01&to=2025-05-16&groupBy=day&demo=false';

const setUp = () => {
  const server = new FakeFetch();
  const onChange = vi.fn();
  const onError = vi.fn();
  const desk = new ReportDesk({ http: new HttpClient(server.fetch), now: () => now, onChange, onError });
  return { desk, server, onChange, onError };
};

describe('ReportDesk', () => {
  it('starts on this month in Tokyo, by day, real data, with last month’s length before it as baseline', () => {
    const { desk, server } = setUp();
    expect(desk.state).toMatchObject({
      period: { from: '2025-05-01', to: '2025-05-16' },
      baseline: { from: '2025-04-16', to: '2025-05-01' },
      groupBy: 'day',
      isDemo: false,
      kpis: null,
    });
    expect(server.requests).toEqual([]);
  });

  it('loads the dashboard when it opens, with a GET that needs no CSRF token', async () => {
    const { desk, server } = setUp();
    server.on(`GET ${thisMonth}`, kpis());
    await desk.open('dashboard');
    expect(desk.state.kpis?.total.consultations).toBe(3);
    expect(desk.state.isLoading).toBe(false);
    expect(server.sent(`GET ${thisMonth}`)[0]?.headers).not.toHaveProperty('x-csrf-token');
  });

  it('reloads the open view when the query changes', async () => {
    const { desk, server } = setUp();
    const byWeekday = '/api/reports/kpis?from=2025-05-01&to=2025-05-16&groupBy=weekday&demo=true';
    server.on(`GET ${thisMonth}`, kpis());
    server.on(`GET ${byWeekday}`, kpis({ groupBy: 'weekday', isDemo: true, groups: [] }));
    await desk.open('dashboard');
    const changing = desk.setDemo(true);
    expect(desk.state).toMatchObject({ kpis: null, isLoading: true });
    await changing;
    await desk.setGroupBy('weekday');
    expect(desk.state.kpis).toMatchObject({ groupBy: 'weekday', isDemo: true });
  });

  it('applies a preset', async () => {
    const { desk, server } = setUp();
    const lastMonth = '/api/reports/kpis?from=2025-04-01&to=2025-05-01&groupBy=day&demo=false';
    server.on(`GET ${lastMonth}`, kpis({ from: '2025-04-01', to: '2025-05-01' }));
    await desk.applyPreset('last-month');
    expect(desk.state.period).toEqual({ from: '2025-04-01', to: '2025-05-01' });
    expect(server.requests).toEqual([]);
    await desk.open('dashboard');
    expect(desk.state.kpis?.from).toBe('2025-04-01');
  });

  it('keeps an older answer from replacing a newer one', async () => {
    const { desk, server } = setUp();
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const original = server.fetch.getMockImplementation();
    server.on(`GET ${thisMonth}`, kpis({ groupBy: 'day' }));
    server.on(
      'GET /api/reports/kpis?from=2025-05-01&to=2025-05-16&groupBy=hour&demo=false',
      kpis({ groupBy: 'hour' }),
    );
    server.fetch.mockImplementationOnce(async (input, init) => {
      await held;
      return original!(input, init);
    });
    const first = desk.open('dashboard');
    await desk.setGroupBy('hour');
    release();
    await first;
    expect(desk.state.kpis?.groupBy).toBe('hour');
  });

  it('sends nothing for a period that ends before it starts, and says why', async () => {
    const { desk, server } = setUp();
    await desk.open('dashboard');
    server.requests.length = 0;
    await desk.setPeriod({ from: '2025-05-10', to: '2025-05-10' });
    expect(desk.state.problem).toBe('invalid-period');
    expect(server.requests).toEqual([]);
  });

  it('loads the national report with its baseline; a baseline chosen by hand stays', async () => {
    const { desk, server } = setUp();
    const path = (from: string, to: string, baselineFrom: string, baselineTo: string) =>
      `GET /api/reports/national?from=${from}&to=${to}&baselineFrom=${baselineFrom}&baselineTo=${baselineTo}&demo=false`;
    server.on(path('2025-05-01', '2025-05-16', '2025-04-16', '2025-05-01'), national);
    await desk.open('national');
    expect(desk.state.national?.windows).toEqual({ booths: 1, kiosks: 2 });

    server.on(path('2024-05-01', '2024-06-01', '2024-05-01', '2024-06-01'), national);
    server.on(path('2025-04-01', '2025-05-01', '2024-05-01', '2024-06-01'), national);
    await desk.setBaseline({ from: '2024-05-01', to: '2024-06-01' });
    await desk.setPeriod({ from: '2025-04-01', to: '2025-05-01' });
    expect(desk.state.baseline).toEqual({ from: '2024-05-01', to: '2024-06-01' });
    expect(server.sent(path('2025-04-01', '2025-05-01', '2024-05-01', '2024-06-01'))).toHaveLength(1);
  });

  it('hands a refusal to the console and stops loading', async () => {
    const { desk, server, onError } = setUp();
    server.on(`GET ${thisMonth}`, () => refusal(403, 'FORBIDDEN'));
    await desk.open('dashboard');
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'FORBIDDEN' }));
    expect(desk.state.isLoading).toBe(false);
  });

  it('changes nothing after it is closed', async () => {
    const { desk, server, onChange, onError } = setUp();
    server.on(`GET ${thisMonth}`, () => refusal(401, 'UNAUTHENTICATED'));
    const loading = desk.open('dashboard');
    desk.close();
    onChange.mockClear();
    await loading;
    expect(onChange).not.toHaveBeenCalled();
    expect(onError).not.toHaveBeenCalled();
  });
});
