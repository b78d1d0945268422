import { describe, expect, it } from 'vitest';
import {
  clampView,
  doubleTap,
  fitSize,
  initialView,
  pan,
  pinch,
  zoomAt,
  zoomLimits,
  zoomStep,
} from './zoom.ts';

const viewer = { width: 1000, height: 800 };
// An A4 page photographed upright, fitted into a landscape viewer.
const fitted = fitSize({ width: 2100, height: 2970 }, viewer);

describe('document zoom', () => {
  it('fits the whole image, keeping its proportions, and centres it', () => {
    expect(fitted.height).toBe(800);
    expect(fitted.width).toBeCloseTo(565.66, 1);
    const view = initialView(fitted, viewer);
    expect(view.scale).toBe(1);
    expect(view.x).toBeCloseTo((1000 - fitted.width) / 2);
    expect(view.y).toBe(0);
  });

  it('keeps the point under the fingers still while zooming', () => {
    const start = initialView(fitted, viewer);
    const focus = { x: 500, y: 400 };
    const zoomed = zoomAt(start, 2, focus, fitted, viewer);
    expect(zoomed.scale).toBe(2);
    // The image point under the focus before and after is the same.
    const before = { x: (focus.x - start.x) / start.scale, y: (focus.y - start.y) / start.scale };
    const after = { x: (focus.x - zoomed.x) / zoomed.scale, y: (focus.y - zoomed.y) / zoomed.scale };
    expect(after.x).toBeCloseTo(before.x);
    expect(after.y).toBeCloseTo(before.y);
  });

  it('never zooms out beyond the whole page or in beyond the limit', () => {
    const start = initialView(fitted, viewer);
    expect(zoomStep(start, -1, fitted, viewer)).toEqual(start);
    let view = start;
    for (let i = 0; i < 10; i++) view = zoomStep(view, 1, fitted, viewer);
    expect(view.scale).toBe(zoomLimits.max);
  });

  it('steps by the same factor in and out', () => {
    const start = initialView(fitted, viewer);
    const inOnce = zoomStep(start, 1, fitted, viewer);
    expect(inOnce.scale).toBe(zoomLimits.step);
    expect(zoomStep(inOnce, -1, fitted, viewer).scale).toBeCloseTo(1);
  });

  it('keeps the zoomed image covering the viewer when panned past its edges', () => {
    const zoomed = zoomAt(initialView(fitted, viewer), 3, { x: 500, y: 400 }, fitted, viewer);
    const far = pan(zoomed, 10_000, 10_000, fitted, viewer);
    expect(far.x).toBe(0);
    expect(far.y).toBe(0);
    const other = pan(zoomed, -10_000, -10_000, fitted, viewer);
    expect(other.x).toBeCloseTo(viewer.width - fitted.width * 3);
    expect(other.y).toBeCloseTo(viewer.height - fitted.height * 3);
  });

  it('zooms in on a double tap and back out on the next', () => {
    const start = initialView(fitted, viewer);
    const zoomed = doubleTap(start, { x: 500, y: 100 }, fitted, viewer);
    expect(zoomed.scale).toBe(zoomLimits.doubleTap);
    expect(doubleTap(zoomed, { x: 10, y: 10 }, fitted, viewer)).toEqual(start);
  });

  it('follows a pinch: spread doubles the scale, the midpoint carries the image', () => {
    const start = initialView(fitted, viewer);
    const fingers = [
      { x: 450, y: 400 },
      { x: 550, y: 400 },
    ] as const;
    const spread = [
      { x: 400, y: 400 },
      { x: 600, y: 400 },
    ] as const;
    const view = pinch(start, fingers, spread, fitted, viewer);
    expect(view.scale).toBeCloseTo(2);
    expect(view).toEqual(zoomAt(start, 2, { x: 500, y: 400 }, fitted, viewer));
    // The same pinch with both fingers moved 50 px left moves the image with them.
    const moved = pinch(
      start,
      fingers,
      [
        { x: 350, y: 400 },
        { x: 550, y: 400 },
      ],
      fitted,
      viewer,
    );
    expect(moved.x).toBeCloseTo(view.x - 50);
  });

  it('centres an image smaller than the viewer whatever the pan', () => {
    const view = clampView({ scale: 1, x: -300, y: 50 }, fitted, viewer);
    expect(view.x).toBeCloseTo((1000 - fitted.width) / 2);
  });
});
