import type { RequestHandler } from 'express';
import { refuse } from './refuse.js';

/**
 * Bounds the time to read a request's body once it is admitted: a client that sends its headers and
 * then dribbles (or stalls) would otherwise hold an admission slot for as long as it likes. At the
 * deadline the request is answered 408 and its connection closed, which frees its slot.
 */
export function bodyReadDeadline(timeoutMs: number): RequestHandler {
  return (req, res, next) => {
    if (req.complete) {
      next(); // the whole body is already here
      return;
    }
    const timer = setTimeout(() => {
      if (req.complete || res.headersSent) return;
      // `Connection: close` makes Node end the socket once this answer is sent; the rest of the body is never read.
      res.set('connection', 'close');
      refuse(res, 408, 'BAD_REQUEST', { retryable: true }, 'Request body did not arrive in time.');
    }, timeoutMs);
    const stop = () => clearTimeout(timer);
    req.once('end', stop);
    res.once('close', stop);
    next();
  };
}
