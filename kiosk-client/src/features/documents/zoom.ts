/** Sizes in CSS pixels. */
export interface Size {
  width: number;
  height: number;
}

export interface Point {
  x: number;
  y: number;
}

/**
 * Where the document image sits in its viewer: the image is laid out at its fitted size (whole
 * image visible), then scaled by `scale` and placed with its top-left corner at (`x`, `y`).
 */
export interface ZoomView {
  scale: number;
  x: number;
  y: number;
}

export const zoomLimits = {
  /** The whole document: never smaller, a resident cannot lose it. */
  min: 1,
  /** Five times is enough to read small print on a form photographed at 1080p. */
  max: 5,
  /** One press of ＋ or －. */
  step: 1.5,
  /** A double tap zooms in this far, and a second one back out. */
  doubleTap: 2.5,
} as const;

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

/** The image's size when it fits the viewer whole, keeping its proportions. */
export function fitSize(image: Size, viewer: Size): Size {
  if (image.width <= 0 || image.height <= 0) return { width: 0, height: 0 };
  const ratio = Math.min(viewer.width / image.width, viewer.height / image.height);
  return { width: image.width * ratio, height: image.height * ratio };
}

/**
 * Keeps the image on screen: a dimension smaller than the viewer is centred, a larger one may
 * move only as far as its edges.
 */
export function clampView(view: ZoomView, fitted: Size, viewer: Size): ZoomView {
  const scale = clamp(view.scale, zoomLimits.min, zoomLimits.max);
  const place = (position: number, length: number, room: number) =>
    length <= room ? (room - length) / 2 : clamp(position, room - length, 0);
  return {
    scale,
    x: place(view.x, fitted.width * scale, viewer.width),
    y: place(view.y, fitted.height * scale, viewer.height),
  };
}

/** The whole image, centred. */
export function initialView(fitted: Size, viewer: Size): ZoomView {
  return clampView({ scale: 1, x: 0, y: 0 }, fitted, viewer);
}

/** Zooms by `factor` keeping the point under `focus` (viewer coordinates) where it is. */
export function zoomAt(view: ZoomView, factor: number, focus: Point, fitted: Size, viewer: Size): ZoomView {
  const scale = clamp(view.scale * factor, zoomLimits.min, zoomLimits.max);
  const ratio = scale / view.scale;
  return clampView(
    { scale, x: focus.x - (focus.x - view.x) * ratio, y: focus.y - (focus.y - view.y) * ratio },
    fitted,
    viewer,
  );
}

/** ＋ and －: zoom around the viewer's centre, for residents who cannot pinch. */
export function zoomStep(view: ZoomView, direction: 1 | -1, fitted: Size, viewer: Size): ZoomView {
  const factor = direction === 1 ? zoomLimits.step : 1 / zoomLimits.step;
  return zoomAt(view, factor, { x: viewer.width / 2, y: viewer.height / 2 }, fitted, viewer);
}

/** A double tap zooms into the tapped spot, or back out to the whole page when zoomed. */
export function doubleTap(view: ZoomView, point: Point, fitted: Size, viewer: Size): ZoomView {
  if (view.scale > zoomLimits.min + 0.01) return initialView(fitted, viewer);
  return zoomAt(view, zoomLimits.doubleTap / view.scale, point, fitted, viewer);
}

export function pan(view: ZoomView, dx: number, dy: number, fitted: Size, viewer: Size): ZoomView {
  return clampView({ ...view, x: view.x + dx, y: view.y + dy }, fitted, viewer);
}

const distance = (a: Point, b: Point) => Math.hypot(a.x - b.x, a.y - b.y);
const midpoint = (a: Point, b: Point): Point => ({ x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 });

/**
 * A two-finger pinch, from where the fingers started (`start`, with the view at that moment) to
 * where they are now: the scale follows the fingers' spread and the image follows their midpoint.
 */
export function pinch(
  startView: ZoomView,
  start: readonly [Point, Point],
  now: readonly [Point, Point],
  fitted: Size,
  viewer: Size,
): ZoomView {
  const startDistance = distance(start[0], start[1]);
  if (startDistance === 0) return startView;
  const from = midpoint(start[0], start[1]);
  const to = midpoint(now[0], now[1]);
  const factor = distance(now[0], now[1]) / startDistance;
  const scale = clamp(startView.scale * factor, zoomLimits.min, zoomLimits.max);
  const ratio = scale / startView.scale;
  return clampView(
    { scale, x: to.x - (from.x - startView.x) * ratio, y: to.y - (from.y - startView.y) * ratio },
    fitted,
    viewer,
  );
}
