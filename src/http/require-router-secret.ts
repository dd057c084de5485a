import type { RequestHandler } from 'express';
import { createHash, timingSafeEqual } from 'node:crypto';
import { refuse } from './refuse.js';

export const ROUTER_SECRET_HEADER = 'router-authorization';

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

/**
 * Only the router may query the subgraph: a request without the shared secret is refused before
 * its body is even parsed. Digests are compared so that neither content nor length leaks by timing.
 */
export function requireRouterSecret(secret: string): RequestHandler {
  const expected = digest(secret);
  return (req, res, next) => {
    const given = req.get(ROUTER_SECRET_HEADER);
    if (given !== undefined && timingSafeEqual(digest(given), expected)) {
      next();
      return;
    }
    refuse(res, 401, 'UNAUTHENTICATED', { retryable: false }, 'Unauthorized');
  };
}
