import type { RequestHandler } from 'express';
import { refusalStatus } from './refusal-status.js';
import { refuse } from './refuse.js';

/**
 * A batched HTTP request (a JSON array of operations) may carry at most `max` operations; a refusal's status follows the
 * request's Accept.
 */
export function limitBatchSize(max: number): RequestHandler {
  return (req, res, next) => {
    if (Array.isArray(req.body) && req.body.length > max) {
      refuse(
        res,
        refusalStatus(req, 400),
        'QUERY_TOO_COSTLY',
        { retryable: false, limit: 'batchOperations', actual: req.body.length, max },
        `A batch may hold at most ${max} operations.`,
      );
      return;
    }
    next();
  };
}
