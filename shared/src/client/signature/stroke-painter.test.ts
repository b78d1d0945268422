import { describe, expect, it } from 'vitest';
import type { Stroke } from '../../captures.ts';
import { lineWidthAt, paintStrokes, StrokePainter, type StrokeContext } from './stroke-painter.ts';

/** A 2D context that records the calls that put ink on it. */
const fakeContext = () => {
  const calls: string[] = [];
  const widths: number[] = [];
  const ctx = {
    lineCap: 'butt',
    lineJoin: 'miter',
    strokeStyle: '',
    fillStyle: '',
    set lineWidth(width: number) {
      widths.push(width);
    },
    get lineWidth() {
      return widths.at(-1) ?? 1;
    },
    beginPath: () => undefined,
    moveTo: (x: number, y: number) => calls.push(`move ${x},${y}`),
    lineTo: (x: number, y: number) => calls.push(`line ${x},${y}`),
    stroke: () => undefined,
    arc: (x: number, y: number) => calls.push(`dot ${x},${y}`),
    fill: () => undefined,
    clearRect: () => calls.push('clear'),
    fillRect: () => calls.push('fill'),
  } as unknown as StrokeContext;
  return { ctx, calls, widths };
};

const stroke = (...points: [number, number, number?][]): Stroke => ({
  points: points.map(([x, y, p = 0.5], t) => ({ x, y, p, t })),
});

const size = { width: 400, height: 100 };

describe('paintStrokes', () => {
  it('draws segments scaled to the surface, wider where pressed harder, and dots', () => {
    const { ctx, calls, widths } = fakeContext();
    paintStrokes(ctx, [stroke([0, 0, 0], [0.5, 1, 1]), stroke([0.25, 0.5])], size);
    expect(calls).toEqual(['move 0,0', 'line 200,100', 'dot 100,50']);
    expect(widths[0]).toBeCloseTo(lineWidthAt(0.5, size));
    expect(lineWidthAt(1, size)).toBeGreaterThan(lineWidthAt(0, size));
    // The same signature is as thick, relative to its size, on a bigger surface.
    expect(
      lineWidthAt(0.5, { width: 3200, height: 800 }) / lineWidthAt(0.5, { width: 800, height: 200 }),
    ).toBeCloseTo(4);
  });
});

describe('StrokePainter', () => {
  it('draws only what is new, and starts over on a new epoch or a resize', () => {
    const { ctx, calls } = fakeContext();
    const painter = new StrokePainter(ctx, size);
    painter.paint([stroke([0, 0], [0.25, 0])], 0);
    expect(calls).toEqual(['clear', 'move 0,0', 'line 100,0']);
    calls.length = 0;
    painter.paint([stroke([0, 0], [0.25, 0], [0.5, 0])], 0);
    expect(calls).toEqual(['move 100,0', 'line 200,0']);
    calls.length = 0;
    painter.paint([stroke([0, 0], [0.25, 0], [0.5, 0]), stroke([1, 1])], 0);
    expect(calls).toEqual(['dot 400,100']);
    calls.length = 0;
    painter.paint([stroke([1, 0], [1, 1])], 1);
    expect(calls).toEqual(['clear', 'move 400,0', 'line 400,100']);
    calls.length = 0;
    painter.resize({ width: 800, height: 200 });
    painter.paint([stroke([1, 0], [1, 1])], 1);
    expect(calls).toEqual(['clear', 'move 800,0', 'line 800,200']);
  });
});
