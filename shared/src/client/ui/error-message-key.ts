import { HttpError } from '../http-client.ts';
import { SignallingError } from '../signalling-client.ts';
import type { ErrorMessageKey } from './i18n.tsx';

const deviceErrors = new Set([
  'NotAllowedError',
  'NotFoundError',
  'NotReadableError',
  'OverconstrainedError',
]);

/** The message shown for an error: by code for the server's refusals, never the raw text. */
export function errorMessageKey(error: unknown): ErrorMessageKey {
  if (error instanceof SignallingError || error instanceof HttpError) return `error.${error.code}`;
  // getUserMedia refusals: permission, missing or busy device, impossible constraints.
  if (error instanceof DOMException && deviceErrors.has(error.name)) return 'error.media-devices';
  return 'error.unknown';
}
