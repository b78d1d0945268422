import { useI18n } from '../../../i18n/i18n.ts';
import type { CaptureNotice as Notice } from '../capture-flow.ts';

/** A quiet line at the bottom of the screen: what was just taken, and nothing to do about it. */
export function CaptureNotice({ notice }: { notice: Notice }) {
  const { t } = useI18n();
  return (
    <div className="capture-notice" role="status" data-testid="capture-notice" data-kind={notice}>
      {t(notice === 'document-photographed' ? 'capture.document-photographed' : 'capture.signature-thanks')}
    </div>
  );
}
