import {
  useEffect,
  useId,
  useRef,
  useState,
  type PointerEvent as ReactPointerEvent,
  type RefObject,
} from 'react';
import type { ShownDocument } from '../document-inbox.ts';
import { useI18n } from '../../../i18n/i18n.ts';
import { Icon } from '../../shell/components/icon.tsx';
import {
  clampView,
  doubleTap,
  fitSize,
  initialView,
  pan,
  pinch,
  zoomLimits,
  zoomStep,
  type Point,
  type Size,
  type ZoomView,
} from '../zoom.ts';

/** Two taps closer than this in time and space are a double tap. */
const DOUBLE_TAP_MS = 300;
const DOUBLE_TAP_DISTANCE = 30;

type Gesture =
  | { kind: 'pan'; pointerId: number; from: Point; view: ZoomView }
  | { kind: 'pinch'; start: [Point, Point]; ids: [number, number]; view: ZoomView };

function useElementSize(ref: RefObject<HTMLElement | null>): Size {
  const [size, setSize] = useState<Size>({ width: 0, height: 0 });
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const measure = () => setSize({ width: element.clientWidth, height: element.clientHeight });
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return size;
}

/**
 * A document the clerk pushed, over the whole call: pinch or double-tap to zoom, drag to move,
 * ＋ and － for those who cannot pinch, and a close button. The resident's gestures move only
 * this view; the clerk sees nothing of them.
 */
export function DocumentViewer({ document, onClose }: { document: ShownDocument; onClose: () => void }) {
  const { t } = useI18n();
  const titleId = useId();
  const stageRef = useRef<HTMLDivElement>(null);
  const viewer = useElementSize(stageRef);
  const fitted = fitSize(document, viewer);
  const [zoom, setZoom] = useState<ZoomView | null>(null);
  const view = zoom ? clampView(zoom, fitted, viewer) : initialView(fitted, viewer);
  const pointers = useRef(new Map<number, Point>());
  const gesture = useRef<Gesture | null>(null);
  const lastTap = useRef<{ at: number; point: Point } | null>(null);

  const pointOf = (event: ReactPointerEvent): Point => {
    const rect = event.currentTarget.getBoundingClientRect();
    return { x: event.clientX - rect.left, y: event.clientY - rect.top };
  };

  const onPointerDown = (event: ReactPointerEvent<HTMLDivElement>) => {
    event.currentTarget.setPointerCapture(event.pointerId);
    const point = pointOf(event);
    pointers.current.set(event.pointerId, point);
    const entries = [...pointers.current.entries()];
    if (entries.length >= 2) {
      const [[idA, a], [idB, b]] = entries as [[number, Point], [number, Point]];
      gesture.current = { kind: 'pinch', start: [a, b], ids: [idA, idB], view };
      lastTap.current = null;
      return;
    }
    const previous = lastTap.current;
    const now = event.timeStamp;
    if (
      previous &&
      now - previous.at < DOUBLE_TAP_MS &&
      Math.hypot(point.x - previous.point.x, point.y - previous.point.y) < DOUBLE_TAP_DISTANCE
    ) {
      setZoom(doubleTap(view, point, fitted, viewer));
      lastTap.current = null;
      gesture.current = null;
      return;
    }
    lastTap.current = { at: now, point };
    gesture.current = { kind: 'pan', pointerId: event.pointerId, from: point, view };
  };

  const onPointerMove = (event: ReactPointerEvent<HTMLDivElement>) => {
    if (!pointers.current.has(event.pointerId)) return;
    const point = pointOf(event);
    pointers.current.set(event.pointerId, point);
    const current = gesture.current;
    if (current?.kind === 'pinch') {
      const a = pointers.current.get(current.ids[0]);
      const b = pointers.current.get(current.ids[1]);
      if (a && b) setZoom(pinch(current.view, current.start, [a, b], fitted, viewer));
    } else if (current?.kind === 'pan' && current.pointerId === event.pointerId) {
      setZoom(pan(current.view, point.x - current.from.x, point.y - current.from.y, fitted, viewer));
    }
  };

  const onPointerEnd = (event: ReactPointerEvent<HTMLDivElement>) => {
    pointers.current.delete(event.pointerId);
    // The finger left on the glass after a pinch carries on as a drag from where it is.
    const [remaining] = [...pointers.current.entries()];
    gesture.current = remaining ? { kind: 'pan', pointerId: remaining[0], from: remaining[1], view } : null;
  };

  return (
    <section
      className="document-viewer"
      data-testid="document-viewer"
      data-document-id={document.documentId}
      data-status={document.status}
      data-scale={view.scale.toFixed(2)}
      aria-labelledby={titleId}
    >
      <div className="document-viewer__bar">
        <h2 id={titleId} className="document-viewer__title">
          {t('document.title')}
        </h2>
        <p className="document-viewer__hint">{t('document.hint')}</p>
        <div className="document-viewer__buttons">
          <button
            type="button"
            className="button button--bar"
            data-testid="document-zoom-out"
            disabled={view.scale <= zoomLimits.min}
            onClick={() => setZoom(zoomStep(view, -1, fitted, viewer))}
          >
            <Icon name="zoom-out" />
            <span>{t('document.zoom-out')}</span>
          </button>
          <button
            type="button"
            className="button button--bar"
            data-testid="document-zoom-in"
            disabled={view.scale >= zoomLimits.max}
            onClick={() => setZoom(zoomStep(view, 1, fitted, viewer))}
          >
            <Icon name="zoom-in" />
            <span>{t('document.zoom-in')}</span>
          </button>
          <button
            type="button"
            className="button button--secondary"
            data-testid="document-close"
            // The viewer covers the call: the way out is where focus lands.
            autoFocus
            onClick={onClose}
          >
            <Icon name="close" />
            <span>{t('document.close')}</span>
          </button>
        </div>
      </div>
      <div
        ref={stageRef}
        className="document-viewer__stage"
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerEnd}
        onPointerCancel={onPointerEnd}
      >
        {document.status === 'ready' && document.url ? (
          <img
            className="document-viewer__image"
            data-testid="document-image"
            src={document.url}
            alt={t('document.title')}
            draggable={false}
            style={{
              width: `${fitted.width}px`,
              height: `${fitted.height}px`,
              transform: `translate(${view.x}px, ${view.y}px) scale(${view.scale})`,
            }}
          />
        ) : (
          <p className="notice" role={document.status === 'failed' ? 'alert' : 'status'}>
            {t(document.status === 'failed' ? 'document.failed' : 'document.loading')}
          </p>
        )}
      </div>
    </section>
  );
}
