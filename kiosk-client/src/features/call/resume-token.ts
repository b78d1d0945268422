import { resumeTokenSchema, type ResumeToken } from '@madoguchi/shared';

/**
 * Where a reloaded page finds the session of the resident it was serving. sessionStorage, not
 * localStorage: it is emptied by the wipe with everything else of the resident, and never outlives
 * the browser tab.
 */
export const RESUME_TOKEN_KEY = 'madoguchi.kiosk.resume-token';

export type ResumeTokenStorage = Pick<Storage, 'getItem' | 'setItem'>;

/** The stored token, or null when there is none (or it is not a token). */
export function loadResumeToken(storage: ResumeTokenStorage): ResumeToken | null {
  const parsed = resumeTokenSchema.safeParse(storage.getItem(RESUME_TOKEN_KEY));
  return parsed.success ? parsed.data : null;
}

export function saveResumeToken(storage: ResumeTokenStorage, token: ResumeToken): void {
  storage.setItem(RESUME_TOKEN_KEY, token);
}
