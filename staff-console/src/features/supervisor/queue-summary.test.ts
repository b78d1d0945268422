import type { Procedure, QueueSnapshotView } from '@madoguchi/shared';
import { describe, expect, it } from 'vitest';
import { clerkRows, kioskRows, runningCalls, summarizeQueues, waitingCallers } from './queue-summary.ts';

const now = Date.parse('2026-01-08T10:00:00.000Z');
const ago = (seconds: number) => new Date(now - seconds * 1000).toISOString();

const procedure = (id: string, ja: string): Procedure => ({ id, name: { ja, en: id } }) as Procedure;
const procedures = [
  procedure('juumin-idou', '住民異動'),
  procedure('shoumeisho', '証明書'),
  procedure('koseki', '戸籍'),
];

let ids = 0;
const caller = (procedureId: string, waitedSeconds: number, offeredTo: string | null = null) => ({
  consultationId: `00000000-0000-4000-8000-${String(++ids).padStart(12, '0')}`,
  procedureId,
  kioskId: 'seiseki-1',
  language: 'ja',
  isReservation: false,
  waitingSince: ago(waitedSeconds),
  offeredTo,
});

const snapshot = (callers: ReturnType<typeof caller>[]): QueueSnapshotView =>
  ({
    at: new Date(now).toISOString(),
    callers,
    clerks: [
      {
        staffId: 'tanaka-y',
        displayName: '田中 由美',
        status: 'offered',
        since: ago(5),
        isConnected: true,
        awayReason: null,
        consultationId: null,
      },
      {
        staffId: 'kato-d',
        displayName: '加藤 大輔',
        status: 'away',
        since: ago(600),
        isConnected: false,
        awayReason: 'break',
        consultationId: null,
      },
    ],
  }) as QueueSnapshotView;

describe('summarizeQueues', () => {
  it('lists every procedure of the catalogue in its order, empty ones as zero', () => {
    const rows = summarizeQueues(snapshot([]), procedures, now);
    expect(rows.map((row) => [row.procedureId, row.waitingCount, row.longestWaitMs])).toEqual([
      ['juumin-idou', 0, null],
      ['shoumeisho', 0, null],
      ['koseki', 0, null],
    ]);
  });

  it('counts callers per procedure, ringing ones included, and finds the longest wait', () => {
    const rows = summarizeQueues(
      snapshot([
        caller('shoumeisho', 30),
        caller('shoumeisho', 200, 'tanaka-y'),
        caller('koseki', 10),
        caller('shoumeisho', 90),
      ]),
      procedures,
      now,
    );
    expect(rows[1]).toMatchObject({
      procedureId: 'shoumeisho',
      waitingCount: 3,
      offeredCount: 1,
      longestWaitMs: 200_000,
    });
    expect(rows[2]).toMatchObject({ procedureId: 'koseki', waitingCount: 1, longestWaitMs: 10_000 });
    expect(rows[0]).toMatchObject({ waitingCount: 0, offeredCount: 0, longestWaitMs: null });
  });

  it('keeps callers of a procedure missing from the list, after the listed ones', () => {
    const rows = summarizeQueues(snapshot([caller('zeikin', 40), caller('kaigo-hoken', 5)]), procedures, now);
    expect(rows.map((row) => row.procedureId)).toEqual([
      'juumin-idou',
      'shoumeisho',
      'koseki',
      'kaigo-hoken',
      'zeikin',
    ]);
    expect(rows[4]).toMatchObject({ procedure: null, waitingCount: 1, longestWaitMs: 40_000 });
  });

  it('still counts while the procedure list is loading', () => {
    const rows = summarizeQueues(snapshot([caller('koseki', 1)]), null, now);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ procedureId: 'koseki', waitingCount: 1 });
  });

  it('never shows a negative wait when the clocks disagree', () => {
    const rows = summarizeQueues(snapshot([caller('koseki', -3)]), procedures, now);
    expect(rows[2]?.longestWaitMs).toBe(0);
  });
});

describe('waitingCallers', () => {
  it('puts the longest wait first and names the clerk it rings at', () => {
    const rows = waitingCallers(
      snapshot([caller('koseki', 10), caller('shoumeisho', 300, 'tanaka-y'), caller('koseki', 60, 'gone')]),
      now,
    );
    expect(rows.map((row) => [row.waitMs, row.offeredToName])).toEqual([
      [300_000, '田中 由美'],
      [60_000, 'gone'],
      [10_000, null],
    ]);
  });
});

describe('clerkRows', () => {
  it('tells how long each clerk has been in their status', () => {
    expect(clerkRows(snapshot([]), now).map((row) => [row.staffId, row.sinceMs])).toEqual([
      ['tanaka-y', 5_000],
      ['kato-d', 600_000],
    ]);
  });
});

describe('runningCalls', () => {
  const call = (id: number, answeredSecondsAgo: number, staff: string[], monitoredBy: string[] = []) => ({
    consultationId: `00000000-0000-4000-9000-00000000000${id}`,
    procedureId: 'koseki',
    kioskId: `kiosk-${id}`,
    language: 'vi',
    staff,
    answeredAt: ago(answeredSecondsAgo),
    monitoredBy,
  });

  it('lists calls longest first, with the clerks’ names and whether this supervisor monitors them', () => {
    const view = {
      ...snapshot([]),
      consultations: [call(1, 30, ['tanaka-y']), call(2, 300, ['kato-d', 'unknown-x'], ['sato'])],
    } as unknown as QueueSnapshotView;
    const rows = runningCalls(view, now, 'sato' as never);
    expect(rows.map((row) => [row.kioskId, row.durationMs, row.clerkNames, row.isMonitoredBySelf])).toEqual([
      ['kiosk-2', 300_000, ['加藤 大輔', 'unknown-x'], true],
      ['kiosk-1', 30_000, ['田中 由美'], false],
    ]);
  });

  it('counts a call answered in the server’s future (clock skew) as just begun', () => {
    const view = { ...snapshot([]), consultations: [call(1, -5, [])] } as unknown as QueueSnapshotView;
    expect(runningCalls(view, now)[0]?.durationMs).toBe(0);
  });
});

describe('kioskRows', () => {
  it('sorts kiosks and names the devices that are not working', () => {
    const ok = { camera: 'ok', documentCamera: 'ok', microphone: 'ok', speaker: 'ok' };
    const view = {
      ...snapshot([]),
      kiosks: [
        {
          kioskId: 'tama-2',
          isConnected: true,
          isInService: false,
          devices: { ...ok, speaker: 'failed', camera: 'missing' },
        },
        { kioskId: 'seiseki-1', isConnected: false, isInService: true, devices: null },
        { kioskId: 'tama-1', isConnected: true, isInService: true, devices: ok },
      ],
    } as unknown as QueueSnapshotView;
    expect(kioskRows(view).map((row) => [row.kioskId, row.faultyDevices])).toEqual([
      ['seiseki-1', []],
      ['tama-1', []],
      ['tama-2', ['camera', 'speaker']],
    ]);
  });
});
