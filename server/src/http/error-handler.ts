import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { ErrorCode } from '@madoguchi/shared';
import { AppError, toWireError } from '../errors.ts';

const httpStatusOf: Partial<Record<ErrorCode, number>> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  PASSWORD_CHANGE_REQUIRED: 403,
  PASSWORD_REJECTED: 400,
  SELF_CHANGE_REFUSED: 409,
  LAST_ADMINISTRATOR: 409,
  NOT_FOUND: 404,
  INVALID_STATE: 409,
  REVISION_CONFLICT: 409,
  CATALOG_IN_USE: 409,
  ACCOUNT_LOCKED: 423,
  RATE_LIMITED: 429,
  MEDIA_UNAVAILABLE: 503,
  INTERNAL: 500,
};

/** The one HTTP error handler: a code for every error, unknown errors logged and never described. */
export function httpErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  if (error instanceof AppError) {
    const status = httpStatusOf[error.code] ?? 400;
    request.log.info({ code: error.code }, error.message);
    void reply.status(status).send({ error: toWireError(error) });
    return;
  }
  if (error.validation || (error.statusCode !== undefined && error.statusCode < 500)) {
    request.log.info({ err: error }, 'bad request');
    void reply
      .status(error.statusCode ?? 400)
      .send({ error: { code: 'VALIDATION_FAILED', message: error.message } });
    return;
  }
  request.log.error({ err: error }, 'request failed');
  void reply.status(500).send({ error: toWireError(error) });
}

/** A request no route matches: answered with a code like every other refusal. */
export function httpNotFoundHandler(request: FastifyRequest, reply: FastifyReply): void {
  request.log.info({ method: request.method }, 'no such route');
  void reply.status(404).send({ error: { code: 'NOT_FOUND', message: 'there is no such route' } });
}
