import type { RequestHandler } from 'express';
import { refuse } from './refuse.js';

/** A batched HTTP request (a JSON array of operations) may carry at most `max` operations. */
export function limitBatchSize(max: number): RequestHandler {
  return (req, res, next) => {
    if (Array.isArray(req.body) && req.body.length > max) {
      refuse(res, 400, 'QUERY_TOO_COSTLY', { retryable: false, limit: 'batchOperations', actual: req.body.length, max }, `A batch may hold at most ${max} operations.`);
      return;
    }
    next();
  };
}
