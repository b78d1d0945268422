import { describe, expect, it } from 'vitest';
import { strokeSchema, type Stroke } from '../../captures.ts';
import { countPoints, StrokeRecorder, type PadPointerSample } from './stroke-recorder.ts';

const rect = { left: 100, top: 50, width: 500, height: 200 };

/** A pointer sample at pad pixel (x, y) and time t. */
const at = (x: number, y: number, timeStamp: number, pressure = 0, pointerId = 1): PadPointerSample => ({
  pointerId,
  clientX: rect.left + x,
  clientY: rect.top + y,
  pressure,
  timeStamp,
});

const recorder = (options: Partial<ConstructorParameters<typeof StrokeRecorder>[0]> = {}) => {
  const sent: Stroke[] = [];
  const pad = new StrokeRecorder({ onStroke: (stroke) => sent.push(stroke), ...options });
  return { pad, sent };
};

describe('StrokeRecorder', () => {
  it('normalises a stroke to the pad, with pressure and time since the first point', () => {
    const { pad, sent } = recorder({ pieceIntervalMs: Infinity });
    pad.down(at(0, 0, 1000, 0.3), rect);
    pad.move([at(250, 100, 1016, 0.6), at(500, 200, 1033.4, 1)]);
    expect(sent).toEqual([]);
    pad.up(at(500, 200, 1040));
    expect(sent).toEqual([
      {
        points: [
          { x: 0, y: 0, p: 0.3, t: 0 },
          { x: 0.5, y: 0.5, p: 0.6, t: 16 },
          { x: 1, y: 1, p: 1, t: 33 },
        ],
      },
    ]);
    pad.down(at(10, 10, 2000), rect);
    pad.up(at(10, 10, 2005));
    // A pressed device that reports no pressure draws at 0.5; the clock runs from the signature's start.
    expect(sent[1]).toEqual({ points: [{ x: 0.02, y: 0.05, p: 0.5, t: 1000 }] });
    for (const stroke of sent) expect(strokeSchema.safeParse(stroke).success).toBe(true);
  });

  it('keeps points that leave the pad on its edge, and follows one pen at a time', () => {
    const { pad, sent } = recorder({ pieceIntervalMs: Infinity });
    expect(pad.down(at(10, 10, 0), rect)).toBe(true);
    expect(pad.down(at(20, 20, 1, 0, 2), rect)).toBe(false);
    pad.move([at(-40, 300, 5), at(30, 30, 6, 0, 2)]);
    pad.up(at(30, 30, 7, 0, 2));
    expect(pad.isDrawing).toBe(true);
    pad.up(at(600, -10, 9));
    expect(sent).toHaveLength(1);
    expect(sent[0]?.points.map(({ x, y }) => [x, y])).toEqual([
      [0.02, 0.05],
      [0, 1],
      [1, 0],
    ]);
  });

  it('hands out a long stroke in pieces that join, and shows the piece being drawn', () => {
    const { pad, sent } = recorder({ pieceIntervalMs: 100 });
    pad.down(at(0, 0, 0), rect);
    for (let i = 1; i <= 25; i++) pad.move([at(i * 10, 0, i * 10)]);
    // Cut at 100 and 200 ms; the rest is still being drawn.
    expect(sent).toHaveLength(2);
    expect(sent[1]?.points[0]).toEqual(sent[0]?.points.at(-1));
    expect(pad.strokes).toHaveLength(3);
    pad.up(at(250, 0, 260));
    expect(sent).toHaveLength(3);
    // Every point once, plus the two joins.
    expect(countPoints(sent)).toBe(26 + 2);
  });

  it('goes on as a new stroke at the point limit and stops at the stroke limit', () => {
    const { pad, sent } = recorder({ pieceIntervalMs: Infinity, maxPointsPerStroke: 4, maxStrokes: 3 });
    pad.down(at(0, 0, 0), rect);
    for (let i = 1; i <= 20; i++) pad.move([at(i, 0, i)]);
    pad.up(at(21, 0, 21));
    expect(sent.map((stroke) => stroke.points.length)).toEqual([4, 4, 4]);
    expect(pad.isFull).toBe(true);
    expect(pad.down(at(5, 5, 30), rect)).toBe(false);
    pad.clear();
    expect(pad.strokes).toEqual([]);
    expect(pad.down(at(5, 5, 40), rect)).toBe(true);
    pad.up(at(5, 5, 41));
    expect(sent[3]?.points[0]?.t).toBe(0);
  });

  it('keeps what was drawn when the browser cancels the pointer', () => {
    const { pad, sent } = recorder();
    pad.down(at(0, 0, 0), rect);
    pad.move([at(5, 5, 1)]);
    pad.cancel(1);
    expect(sent).toHaveLength(1);
    expect(pad.isDrawing).toBe(false);
  });
});
