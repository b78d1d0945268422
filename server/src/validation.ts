import type { z } from 'zod';
import { AppError } from './errors.ts';

/**
 * Parses what a client sent (HTTP body, query, socket payload) with its schema; a mismatch is a
 * VALIDATION_FAILED naming the field (or `what` for the whole value).
 */
export function parseBody<T extends z.ZodType>(schema: T, body: unknown, what = 'body'): z.infer<T> {
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw AppError.validation(`${issue?.path.join('.') || what}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}
