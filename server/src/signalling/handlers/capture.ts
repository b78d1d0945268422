import type { CaptureService } from '../../captures/capture-service.ts';
import type { CommandHandlers } from '../register-handlers.ts';

type CaptureHandlers = Pick<
  CommandHandlers,
  'capture:request' | 'signature:strokes' | 'signature:clear' | 'signature:submit' | 'signature:decide'
>;

export function captureHandlers(captures: CaptureService): CaptureHandlers {
  return {
    'capture:request': async (clerk, { consultationId, kind }) => ({
      captureId: await captures.request(clerk, consultationId, kind),
    }),
    'signature:strokes': (kiosk, { captureId, strokes }) => {
      captures.addStrokes(kiosk, captureId, strokes);
      return {};
    },
    'signature:clear': (kiosk, { captureId }) => {
      captures.clearStrokes(kiosk, captureId);
      return {};
    },
    'signature:submit': async (kiosk, { captureId }) => {
      await captures.submitSignature(kiosk, captureId);
      return {};
    },
    'signature:decide': async (clerk, { captureId, decision }) => {
      await captures.decide(clerk, captureId, decision);
      return {};
    },
  };
}
