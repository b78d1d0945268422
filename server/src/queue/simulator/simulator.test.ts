import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { simulate } from './driver.ts';
import { generateDay } from './generate-trace.ts';
import { percentile } from './metrics.ts';
import { parseTrace, TraceError } from './trace.ts';

const fixture = readFileSync(new URL('./fixtures/small.jsonl', import.meta.url), 'utf8');

describe('trace parsing', () => {
  it('names the line of a bad entry', () => {
    const text = `${fixture}{"type":"arrival","t":5,"callerId":"x","procedureId":"koseki"}\n`;
    expect(() => parseTrace(text)).toThrow(TraceError);
    expect(() => parseTrace(text)).toThrow(/^line 10: handlingSec: /);
    expect(() => parseTrace('{"type":"arrival",\n')).toThrow(/^line 1: not JSON/);
    expect(() => parseTrace(`{"type":"tick","t":1}\n`)).toThrow(/^line 1: /);
    expect(() =>
      parseTrace(fixture.split('\n').slice(1, 3).concat(fixture.split('\n')[0]!).join('\n')),
    ).toThrow(/^line 3: the header must be the first line/);
  });
});

describe('simulate (small fixture)', () => {
  const { report, events } = simulate(parseTrace(fixture), { keepEvents: true });

  it('serves, abandons, declines and reports exactly', () => {
    // r1 is offered to suzuki, who declines; kato cannot take it before 120 s (fallback).
    expect(events.slice(0, 6).map((e) => e.type)).toEqual([
      'clerk-signed-in',
      'clerk-signed-in',
      'caller-enqueued',
      'offer-made',
      'offer-rejected',
      'caller-enqueued',
    ]);
    expect(report.offers).toMatchObject({ declined: 1, expired: 0 });
    expect(report.overall).toMatchObject({ arrived: 5, answered: 4, abandoned: 1 });
    expect(report.byProcedure.koseki).toMatchObject({ arrived: 3, answered: 2, abandoned: 1 });
    expect(report.workConservationViolations).toBe(0);
    expect(report.rebuildMatches).toBe(true);
    expect(report.unfinished).toBe(0);
  });

  it('serves the due reservation before an earlier walk-in', () => {
    const offered = events.filter((e) => e.type === 'offer-accepted').map((e) => e.callerId);
    expect(offered.indexOf('r5')).toBeLessThan(
      offered.indexOf('r4') === -1 ? Infinity : offered.indexOf('r4'),
    );
    expect(offered).not.toContain('r4');
  });
});

describe('generated Tama day', () => {
  it('is deterministic per seed and replays without work-conservation violations', () => {
    const a = generateDay(3, '2026-04-06');
    expect(generateDay(3, '2026-04-06')).toEqual(a);
    expect(generateDay(4, '2026-04-06')).not.toEqual(a);
    const arrivals = a.filter((l) => l.type === 'arrival');
    expect(arrivals.length).toBeGreaterThan(90);
    expect(arrivals.length).toBeLessThan(220);
    const { report } = simulate(a);
    expect(report.refusedClosed).toBe(2);
    expect(report.workConservationViolations).toBe(0);
    expect(report.rebuildMatches).toBe(true);
    expect(report.overall.answered + report.overall.abandoned + report.unfinished).toBe(
      report.overall.arrived,
    );
  });
});

describe('metrics', () => {
  it('uses nearest-rank percentiles', () => {
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBe(9);
    expect(percentile([5], 50)).toBe(5);
    expect(percentile([], 50)).toBeNull();
  });
});

describe('cli', () => {
  const cli = new URL('./cli.ts', import.meta.url).pathname;
  it('prints one JSON object, and exits 2 with the line number on a bad line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'madoguchi-sim-'));
    const good = join(dir, 'good.jsonl');
    writeFileSync(good, fixture);
    const ok = spawnSync(process.execPath, [cli, '--trace', good], { encoding: 'utf8' });
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ workConservationViolations: 0 });
    const bad = join(dir, 'bad.jsonl');
    writeFileSync(bad, `${fixture}{"type":"arrival"}\n`);
    const failed = spawnSync(process.execPath, [cli, '--trace', bad], { encoding: 'utf8' });
    expect(failed.status).toBe(2);
    expect(failed.stderr).toContain('line 10:');
  });
});
