import type { CaptureId } from '@madoguchi/shared';
import { countPoints, SIGNATURE_PAD_ASPECT_RATIO } from '@madoguchi/shared/client';
import { useStrokeCanvas } from '@madoguchi/shared/client/ui';
import { useRef } from 'react';
import { useI18n } from '../../../i18n/i18n.ts';
import type { CaptureState, SignatureWatch } from '../capture-desk.ts';

interface CapturePanelProps {
  captures: CaptureState;
  onRequestStill: () => void;
  onRequestSignature: () => void;
  onDecide: (decision: 'accept' | 'retry') => void;
  onOpen: (captureId: CaptureId) => void;
}

/** Stills of the document and the resident's signature, asked for during the call. */
export function CapturePanel({
  captures,
  onRequestStill,
  onRequestSignature,
  onDecide,
  onOpen,
}: CapturePanelProps) {
  const { t } = useI18n();
  const { signature } = captures;
  const isSignatureOpen =
    signature !== null && signature.status !== 'accepted' && signature.status !== 'retry';
  return (
    <section className="captures" aria-label={t('capture.title')}>
      <div className="captures__stills">
        <div className="captures__row">
          <button
            type="button"
            className="button"
            data-testid="capture-request-still"
            onClick={onRequestStill}
          >
            {t('capture.request-still')}
          </button>
          {captures.pendingStills > 0 && (
            <span className="hint" role="status">
              {t('capture.taking')}
            </span>
          )}
          {captures.isStillMissing && captures.pendingStills === 0 && (
            <span className="captures__problem" role="status">
              {t('capture.missing')}
            </span>
          )}
        </div>
        <ul className="captures__list" data-testid="capture-list">
          {captures.stills.map((still, index) => (
            <li key={still.captureId}>
              <button
                type="button"
                className="captures__thumb"
                data-testid={`capture-thumb-${still.captureId}`}
                data-width={still.width}
                data-height={still.height}
                data-status={still.status}
                disabled={still.status !== 'ready'}
                aria-label={t('capture.open', { number: index + 1 })}
                onClick={() => onOpen(still.captureId)}
              >
                {still.url ? (
                  <img src={still.url} alt="" />
                ) : (
                  <span>{t(still.status === 'failed' ? 'capture.failed' : 'capture.loading')}</span>
                )}
              </button>
            </li>
          ))}
        </ul>
      </div>
      <div className="captures__signature">
        <div className="captures__row">
          <button
            type="button"
            className="button"
            data-testid="signature-request"
            disabled={captures.isRequestingSignature || isSignatureOpen}
            onClick={onRequestSignature}
          >
            {t('signature.request')}
          </button>
          {signature && (
            <span
              className={`signature-status signature-status--${signature.status}`}
              role="status"
              data-testid="signature-status"
              data-status={signature.status}
            >
              {t(`signature.status-${signature.status}`)}
            </span>
          )}
        </div>
        {signature && <SignatureWatchView signature={signature} onDecide={onDecide} />}
      </div>
    </section>
  );
}

function SignatureWatchView({
  signature,
  onDecide,
}: {
  signature: SignatureWatch;
  onDecide: (decision: 'accept' | 'retry') => void;
}) {
  const { t } = useI18n();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  useStrokeCanvas(canvasRef, signature.strokes, signature.epoch);
  const canDecide = signature.status === 'submitted' && !signature.isDeciding;
  return (
    <>
      <canvas
        ref={canvasRef}
        className="signature-live"
        style={{ aspectRatio: String(SIGNATURE_PAD_ASPECT_RATIO) }}
        data-testid="signature-live"
        data-strokes={signature.strokes.length}
        data-points={countPoints(signature.strokes)}
        aria-label={t('signature.live')}
      />
      {signature.image && (
        <figure className="signature-image">
          <img
            src={signature.image.url}
            alt={t('signature.image')}
            data-testid="signature-image"
            data-width={signature.image.width}
            data-height={signature.image.height}
          />
          <figcaption>{t('signature.image')}</figcaption>
        </figure>
      )}
      {signature.status === 'submitted' && (
        <div className="captures__row">
          <button
            type="button"
            className="button button--call"
            data-testid="signature-accept"
            disabled={!canDecide}
            onClick={() => onDecide('accept')}
          >
            {t('signature.accept')}
          </button>
          <button
            type="button"
            className="button button--secondary"
            data-testid="signature-retry"
            disabled={!canDecide}
            onClick={() => onDecide('retry')}
          >
            {t('signature.retry')}
          </button>
        </div>
      )}
    </>
  );
}
