import { useRef, type PointerEvent as ReactPointerEvent } from 'react';
import { countPoints, SIGNATURE_PAD_ASPECT_RATIO, type PadPointerSample } from '@madoguchi/shared/client';
import { useStrokeCanvas } from '@madoguchi/shared/client/ui';
import { useI18n } from '../../../i18n/i18n.ts';
import type { MessageKey } from '../../../i18n/messages.ts';
import type { SignaturePadActions, SignatureView } from '../signature-session.ts';

const sampleOf = (event: PointerEvent): PadPointerSample => ({
  pointerId: event.pointerId,
  clientX: event.clientX,
  clientY: event.clientY,
  pressure: event.pressure,
  timeStamp: event.timeStamp,
});

function statusKey(view: SignatureView): MessageKey {
  if (view.phase === 'sending') return 'signature.sending';
  if (view.phase === 'submitted') return 'signature.submitted';
  if (view.hasFailed) return 'signature.failed';
  if (view.isFull) return 'signature.full';
  if (view.isRetry) return 'signature.retry';
  return 'signature.hint';
}

interface SignatureScreenProps {
  view: SignatureView;
  pad: SignaturePadActions;
}

/** Full screen over the call (whose sound goes on): the pad, and buttons to clear and finish. */
export function SignatureScreen({ view, pad }: SignatureScreenProps) {
  const { t } = useI18n();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const size = useStrokeCanvas(canvasRef, view.strokes, view.epoch);

  const isSigning = view.phase === 'signing';
  const onPointerDown = (event: ReactPointerEvent<HTMLCanvasElement>) => {
    const canvas = event.currentTarget;
    if (!pad.down(sampleOf(event.nativeEvent), canvas.getBoundingClientRect())) return;
    event.preventDefault();
    try {
      // Keeps the stroke when the pen slides off the pad; a synthetic pointer cannot be captured.
      canvas.setPointerCapture(event.pointerId);
    } catch {
      // The stroke still ends at pointerup on the pad.
    }
  };
  const onPointerMove = (event: ReactPointerEvent<HTMLCanvasElement>) => {
    const native = event.nativeEvent;
    const coalesced = typeof native.getCoalescedEvents === 'function' ? native.getCoalescedEvents() : [];
    pad.move((coalesced.length > 0 ? coalesced : [native]).map(sampleOf));
  };

  return (
    <div
      className="signature-screen"
      role="dialog"
      aria-modal="true"
      aria-labelledby="signature-title"
      data-testid="signature-screen"
      data-phase={view.phase}
    >
      <h1 id="signature-title" className="signature__title">
        {t('signature.title')}
      </h1>
      <p
        className={`signature__status${view.hasFailed ? ' signature__status--problem' : ''}`}
        role="status"
        data-testid="signature-status-text"
      >
        {t(statusKey(view))}
      </p>
      <div
        className="signature__frame"
        style={{
          aspectRatio: String(SIGNATURE_PAD_ASPECT_RATIO),
          // As wide as fits beside the title and the buttons, in the pad's own shape.
          width: `min(100%, calc((100vh - 400px) * ${SIGNATURE_PAD_ASPECT_RATIO}))`,
        }}
      >
        <canvas
          ref={canvasRef}
          className="signature__pad"
          data-testid="signature-pad"
          data-strokes={view.strokes.length}
          data-points={countPoints(view.strokes)}
          aria-label={t('signature.pad-label')}
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={(event) => pad.up(sampleOf(event.nativeEvent))}
          onPointerCancel={(event) => pad.cancel(event.pointerId)}
        />
        {view.strokes.length === 0 && (
          <span className="signature__sign-here" aria-hidden="true">
            × {t('signature.sign-here')}
          </span>
        )}
      </div>
      <div className="signature__actions">
        <button
          type="button"
          className="button button--secondary"
          data-testid="signature-clear"
          disabled={!isSigning || view.strokes.length === 0}
          onClick={() => pad.clear()}
        >
          {t('signature.clear')}
        </button>
        <button
          type="button"
          className="button signature__done"
          data-testid="signature-done"
          disabled={!isSigning || view.strokes.length === 0 || !size}
          onClick={() => {
            if (size) pad.done(size);
          }}
        >
          {t('signature.done')}
        </button>
      </div>
    </div>
  );
}
