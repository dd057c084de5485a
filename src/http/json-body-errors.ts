import type { ErrorRequestHandler } from 'express';

/**
 * Body-parser failures as GraphQL-shaped JSON instead of Express's HTML page: 413 for a body over
 * the limit, 400 for one that is not JSON. Never echoes the body.
 */
export const jsonBodyErrors: ErrorRequestHandler = (error: { status?: number; type?: string }, _req, res, next) => {
  if (error.type === 'entity.too.large') {
    res.status(413).json({ errors: [{ message: 'Request body too large.', extensions: { code: 'BAD_REQUEST' } }] });
    return;
  }
  if (error.type === 'entity.parse.failed') {
    res.status(400).json({ errors: [{ message: 'Request body is not valid JSON.', extensions: { code: 'BAD_REQUEST' } }] });
    return;
  }
  next(error);
};
