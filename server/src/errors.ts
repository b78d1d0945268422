import type { ErrorCode, WireError } from '@madoguchi/shared';
import type { CatalogIssue } from '@madoguchi/shared/catalog';

/**
 * The one error type handlers throw on purpose. Its code and message reach the client; its cause
 * only reaches the log.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  /** Per-field problems of a refused document; they reach the client with the code. */
  readonly issues: readonly CatalogIssue[] | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    options?: { cause?: unknown; issues?: readonly CatalogIssue[] },
  ) {
    super(message, options);
    this.name = 'AppError';
    this.code = code;
    this.issues = options?.issues;
  }

  static validation(message: string): AppError {
    return new AppError('VALIDATION_FAILED', message);
  }

  static forbidden(what: string): AppError {
    return new AppError('FORBIDDEN', `${what} is not allowed for this client`);
  }

  static notFound(what: string): AppError {
    return new AppError('NOT_FOUND', `${what} was not found`);
  }

  static invalidState(message: string): AppError {
    return new AppError('INVALID_STATE', message);
  }

  static mediaRejected(message: string, cause: unknown): AppError {
    return new AppError('MEDIA_REJECTED', message, { cause });
  }

  static mediaUnavailable(message: string): AppError {
    return new AppError('MEDIA_UNAVAILABLE', message);
  }
}

/** What a client may see of any error: unknown errors never leak their message. */
export function toWireError(error: unknown): WireError {
  if (error instanceof AppError) {
    return {
      code: error.code,
      message: error.message.slice(0, 500),
      ...(error.issues ? { issues: error.issues.slice(0, 200) } : {}),
    };
  }
  return { code: 'INTERNAL', message: 'internal error' };
}
