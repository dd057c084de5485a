import express from 'express';

/** What the operator endpoints report, read when asked: plain functions, so this file depends on no other part of the app. */
export interface OperatorReadings {
  /** Whether `/ready` answers 200, and what else it says. */
  readiness(): { ready: boolean; body: Record<string, unknown> };
  /** The Prometheus exposition and its content type. */
  metrics(): Promise<{ contentType: string; text: string }>;
}

/**
 * `/health` (the process answers), `/ready` (it can serve: 200, else 503) and `/metrics`: what probes and Prometheus ask,
 * never behind the router secret. On the main port, or on `METRICS_PORT` alone (app.ts).
 */
export function operatorEndpoints(read: OperatorReadings): express.Router {
  const router = express.Router();
  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/ready', (_req, res) => {
    const { ready, body } = read.readiness();
    res.status(ready ? 200 : 503).json(body);
  });
  router.get('/metrics', async (_req, res) => {
    const { contentType, text } = await read.metrics();
    res.type(contentType).send(text);
  });
  return router;
}
