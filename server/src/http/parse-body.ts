import type { z } from 'zod';
import { AppError } from '../errors.ts';

/** Parses a request body with its schema; a mismatch is a VALIDATION_FAILED naming the field. */
export function parseBody<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw AppError.validation(`${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}
