import { SignallingError } from '@madoguchi/shared/client';
import type { MessageKey } from './messages.ts';

/** The message shown for an error: by code for the server's refusals, never the raw text. */
export function errorMessageKey(error: unknown): MessageKey {
  if (error instanceof SignallingError) return `error.${error.code}`;
  if (error instanceof DOMException) {
    // getUserMedia refusals: permission, missing or busy device, impossible constraints.
    if (
      ['NotAllowedError', 'NotFoundError', 'NotReadableError', 'OverconstrainedError'].includes(error.name)
    ) {
      return 'error.media-devices';
    }
  }
  return 'error.unknown';
}
