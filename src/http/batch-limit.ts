import type { RequestHandler } from 'express';

/** A batched HTTP request (a JSON array of operations) may carry at most `max` operations. */
export function limitBatchSize(max: number): RequestHandler {
  return (req, res, next) => {
    if (Array.isArray(req.body) && req.body.length > max) {
      res.status(400).json({ errors: [{ message: `A batch may hold at most ${max} operations.`, extensions: { code: 'QUERY_TOO_COSTLY', limit: 'batchOperations', max } }] });
      return;
    }
    next();
  };
}
