import cors from 'cors';
import type express from 'express';

/**
 * CORS for the origins in CORS_ORIGINS: a browser app there may call /graphql directly. Mounted before the router secret,
 * admission and body parsing, which would refuse a preflight (it carries none of the request's headers and no body); a
 * preflight from an allowed origin is answered here and goes no further. An origin not listed gets no CORS headers at all,
 * so its browser refuses to send. No credentials: identity travels in headers, never in cookies. Requests a browser sends
 * without a preflight are still refused by Apollo's CSRF prevention.
 */
export function allowBrowserOrigins(origins: readonly string[], identityHeaders: readonly string[]): express.RequestHandler {
  const allowed = new Set(origins);
  const answer = cors({
    origin: [...allowed],
    methods: ['GET', 'POST'],
    // What a front end's GraphQL client sends: JSON, Apollo's CSRF headers, the caller's identity, an idempotency key, a trace.
    allowedHeaders: [
      'content-type',
      'apollo-require-preflight',
      'x-apollo-operation-name',
      ...identityHeaders,
      'idempotency-key',
      'traceparent',
      'tracestate',
    ],
    // What it may read back: a replayed answer, when to retry after a shed, the id to quote when reporting a problem.
    exposedHeaders: ['idempotent-replayed', 'retry-after', 'x-request-id'],
    credentials: false,
    maxAge: 600,
  });
  return (req, res, next) => {
    res.vary('Origin');
    if (!allowed.has(req.headers.origin ?? '')) return next();
    answer(req, res, next);
  };
}
