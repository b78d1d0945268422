import { useEffect, useLayoutEffect, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import { useI18n } from '../../../i18n/i18n.ts';
import type { StillCapture } from '../capture-desk.ts';

type Zoom = 'fit' | 'actual';

/**
 * A still over the whole console: fitted to the window, or at 100 % (one image pixel on one
 * screen pixel, whatever the display's pixel ratio), dragged to pan.
 */
export function CaptureViewer({ still, onClose }: { still: StillCapture; onClose: () => void }) {
  const { t } = useI18n();
  const [zoom, setZoom] = useState<Zoom>('fit');
  const [viewport, setViewport] = useState<{ width: number; height: number } | null>(null);
  const viewportRef = useRef<HTMLDivElement>(null);
  const drag = useRef<{ pointerId: number; x: number; y: number } | null>(null);

  useLayoutEffect(() => {
    const element = viewportRef.current;
    if (!element) return;
    const measure = () => setViewport({ width: element.clientWidth, height: element.clientHeight });
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  const ratio = window.devicePixelRatio || 1;
  const scale =
    zoom === 'actual' || !viewport
      ? 1 / ratio
      : Math.min(viewport.width / still.width, viewport.height / still.height);

  const onPointerDown = (event: ReactPointerEvent<HTMLDivElement>) => {
    drag.current = { pointerId: event.pointerId, x: event.clientX, y: event.clientY };
    try {
      event.currentTarget.setPointerCapture(event.pointerId);
    } catch {
      // A synthetic pointer cannot be captured; dragging still works while over the image.
    }
  };
  const onPointerMove = (event: ReactPointerEvent<HTMLDivElement>) => {
    const current = drag.current;
    if (current?.pointerId !== event.pointerId) return;
    event.currentTarget.scrollLeft -= event.clientX - current.x;
    event.currentTarget.scrollTop -= event.clientY - current.y;
    drag.current = { ...current, x: event.clientX, y: event.clientY };
  };

  return (
    <div
      className="capture-viewer"
      role="dialog"
      aria-modal="true"
      aria-label={t('capture.viewer')}
      data-testid="capture-viewer"
      data-zoom={zoom}
      data-scale={scale}
    >
      <div className="capture-viewer__bar">
        <span>{t('capture.size', { width: still.width, height: still.height })}</span>
        <button
          type="button"
          className="button button--toggle"
          aria-pressed={zoom === 'fit'}
          data-testid="capture-zoom-fit"
          onClick={() => setZoom('fit')}
        >
          {t('capture.zoom-fit')}
        </button>
        <button
          type="button"
          className="button button--toggle"
          aria-pressed={zoom === 'actual'}
          data-testid="capture-zoom-100"
          onClick={() => setZoom('actual')}
        >
          100%
        </button>
        <button
          type="button"
          className="button button--secondary"
          data-testid="capture-viewer-close"
          onClick={onClose}
        >
          {t('capture.close')}
        </button>
      </div>
      <div
        ref={viewportRef}
        className={`capture-viewer__viewport capture-viewer__viewport--${zoom}`}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={() => (drag.current = null)}
        onPointerCancel={() => (drag.current = null)}
      >
        {still.url && (
          <img
            src={still.url}
            alt={t('capture.image')}
            data-testid="capture-viewer-image"
            draggable={false}
            style={{ width: still.width * scale, height: still.height * scale }}
          />
        )}
      </div>
    </div>
  );
}
