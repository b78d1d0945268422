import { kioskAuthorizationScheme } from '@madoguchi/shared';
import type { KioskEnrollment } from '../auth/kiosk-enrollment.ts';
import { AppError } from '../errors.ts';

/** The kiosk id behind an `Authorization: Kiosk <credential>` header; UNAUTHENTICATED otherwise. */
export async function kioskFromAuthorization(
  header: string | undefined,
  enrollment: KioskEnrollment,
): Promise<string> {
  const [scheme, credential] = (header ?? '').split(' ');
  const kioskId =
    scheme === kioskAuthorizationScheme && credential ? await enrollment.verify(credential) : undefined;
  if (!kioskId) throw new AppError('UNAUTHENTICATED', 'a kiosk credential is required');
  return kioskId;
}

/** Raw image bodies: their type is decided by their content, not by the declared header. */
export const imageContentTypes = ['image/jpeg', 'image/png'];

declare module 'fastify' {
  interface FastifyRequest {
    /** The kiosk behind the request's device credential, once checked. */
    kioskId?: string;
  }
}
