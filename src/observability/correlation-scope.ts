import type { RequestHandler, Response } from 'express';
import { AsyncLocalStorage } from 'node:async_hooks';

/** The response each GraphQL request is answering, for code Apollo calls without its context (formatError). */
const answering = new AsyncLocalStorage<Response>();

/** Runs the rest of the request (Apollo's middleware) with its response reachable by `correlationIdOfRequest`. */
export function correlationScope(): RequestHandler {
  return (_req, res, next) => answering.run(res, next);
}

/**
 * The correlation id of the request being answered: the `x-request-id` its response carries (set with its context,
 * request-context.ts). Undefined outside a request, or before its context was made.
 */
export function correlationIdOfRequest(): string | undefined {
  const id = answering.getStore()?.getHeader('x-request-id');
  return typeof id === 'string' ? id : undefined;
}
