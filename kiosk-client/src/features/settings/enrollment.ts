import { enrollResponseSchema } from '@madoguchi/shared';
import { HttpError, type HttpClient } from '@madoguchi/shared/client';
import type { KioskEnrollment } from './settings.ts';

/** Why the server did not take an enrollment code. */
export type EnrollmentProblem = 'code-refused' | 'rate-limited';

/** How an enrollment went: the credential, a refusal the settings screen words, or another failure to show. */
export type EnrollmentOutcome =
  { enrollment: KioskEnrollment } | { problem: EnrollmentProblem } | { error: unknown };

/** Spends a one-use enrollment code at the server for this kiosk's device credential. */
export async function enroll(http: Pick<HttpClient, 'post'>, code: string): Promise<EnrollmentOutcome> {
  try {
    return { enrollment: await http.post('/api/kiosk/enroll', enrollResponseSchema, { body: { code } }) };
  } catch (error) {
    if (error instanceof HttpError) {
      // The server words a wrong, used and expired code alike, so the screen does too.
      if (error.code === 'UNAUTHENTICATED' || error.code === 'VALIDATION_FAILED')
        return { problem: 'code-refused' };
      if (error.code === 'RATE_LIMITED') return { problem: 'rate-limited' };
    }
    return { error };
  }
}
