import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';
import { refuse } from './refuse.js';

/**
 * Fixed messages for the body-parser failures a caller can provoke. body-parser's own messages
 * quote the caller's headers (`unsupported charset "KOI8-X"`), so none of them is passed on.
 */
const BODY_FAILURES: Record<string, string> = {
  'entity.parse.failed': 'Request body is not valid JSON.',
  'charset.unsupported': 'Request body charset is not supported; send UTF-8.',
  'encoding.unsupported': 'Request body content encoding is not supported.',
  'request.size.invalid': 'Request body length does not match its Content-Length.',
  'request.aborted': 'Request body was cut short.',
};

interface HttpError {
  status?: unknown;
  type?: unknown;
  limit?: unknown;
}

function clientStatusOf(error: HttpError): number | undefined {
  const status = error.status;
  return typeof status === 'number' && Number.isInteger(status) && status >= 400 && status < 500 ? status : undefined;
}

/** A path nothing serves, answered as JSON rather than Express's HTML "Cannot GET". */
export const unknownRoute: RequestHandler = (_req, res) => {
  refuse(res, 404, 'BAD_REQUEST', { retryable: false }, 'No such route.');
};

/**
 * The last error handler: whatever reaches it (any body-parser failure, anything thrown by a
 * middleware) is answered as JSON with a `MemberErrorCode`, never as Express's HTML page with its
 * stack. Only a client error's status is kept; anything else is masked and logged.
 */
export function jsonErrors(logger: Logger): ErrorRequestHandler {
  return (error: HttpError, _req, res, _next) => {
    // The answer has started (e.g. a body read that ran out of time, whose connection then closed): nothing more to
    // say, and Express's own handler would only print the stack to stderr.
    if (res.headersSent) {
      logger.debug({ err: error }, 'error after the answer started');
      return;
    }
    const status = clientStatusOf(error);
    if (status === 413) {
      refuse(res, 413, 'QUERY_TOO_COSTLY', { retryable: false, limit: 'bodyBytes', max: error.limit }, 'Request body too large.');
      return;
    }
    if (status !== undefined) {
      const message = (typeof error.type === 'string' && BODY_FAILURES[error.type]) || 'The request could not be read.';
      refuse(res, status, 'BAD_REQUEST', { retryable: false }, message);
      return;
    }
    logger.error({ err: error }, 'unexpected error in an HTTP middleware');
    refuse(res, 500, 'INTERNAL_SERVER_ERROR', { retryable: false });
  };
}
