import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, toWireError } from '../errors.ts';

/** The one HTTP error handler: a code for every error, unknown errors logged and never described. */
export function httpErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  if (error instanceof AppError) {
    const status = error.code === 'NOT_FOUND' ? 404 : error.code === 'FORBIDDEN' ? 403 : 400;
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
