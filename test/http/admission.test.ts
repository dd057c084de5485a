import express from 'express';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createAdmission, type AdmissionLimits } from '../../src/http/admission.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** A server whose handler holds each request until the test releases it, behind admission control. */
async function gatedServer(limits: AdmissionLimits) {
  const shed: string[] = [];
  const admission = createAdmission(limits);
  admission.onShed((reason) => shed.push(reason));
  const held: (() => void)[] = [];
  const started: string[] = [];
  const app = express();
  app.post('/graphql', admission.middleware, (req, res) => {
    started.push(String(req.query.n));
    held.push(() => res.json({ data: { n: req.query.n } }));
  });
  const server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise((resolve) => server.close(() => resolve())));
  cleanups.push(async () => server.closeAllConnections());
  const url = (n: number) => `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql?n=${n}`;
  const post = (n: number, signal?: AbortSignal) => fetch(url(n), { method: 'POST', signal });
  const until = async (check: () => boolean) => {
    for (let i = 0; i < 200 && !check(); i += 1) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(check()).toBe(true);
  };
  return { admission, held, started, shed, post, until };
}

describe('admission control', () => {
  it('works on at most maxConcurrent requests and starts the waiting ones in arrival order', async () => {
    const s = await gatedServer({ maxConcurrent: 2, maxQueued: 10, maxWaitMs: 5_000 });

    const answers = [1, 2, 3, 4].map((n) => s.post(n));
    await s.until(() => s.started.length === 2 && s.admission.queued() === 2);
    expect(s.admission.inFlight()).toBe(2);
    s.held.shift()!();
    await s.until(() => s.started.length === 3);
    s.held.shift()!();
    await s.until(() => s.started.length === 4);
    s.held.splice(0).forEach((release) => release());

    expect((await Promise.all(answers)).map((r) => r.status)).toEqual([200, 200, 200, 200]);
    expect(s.started.slice(2)).toEqual(['3', '4']);
    await s.until(() => s.admission.inFlight() === 0);
  });

  it('refuses at once with 503, Retry-After and a GraphQL error when the queue is full', async () => {
    const s = await gatedServer({ maxConcurrent: 1, maxQueued: 1, maxWaitMs: 5_000 });
    const first = s.post(1);
    const second = s.post(2);
    await s.until(() => s.admission.queued() === 1);

    const refused = await s.post(3);

    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(await refused.json()).toEqual({
      errors: [{ message: expect.stringContaining('busy'), extensions: { code: 'SERVICE_OVERLOADED', retryable: true, retryAfter: 1 } }],
    });
    expect(s.shed).toEqual(['queue-full']);
    s.held.shift()!();
    await s.until(() => s.held.length === 1);
    s.held.shift()!();
    expect([(await first).status, (await second).status]).toEqual([200, 200]);
  });

  it('refuses a request that waited longer than maxWaitMs, without ever starting it', async () => {
    const s = await gatedServer({ maxConcurrent: 1, maxQueued: 10, maxWaitMs: 50 });
    const first = s.post(1);
    await s.until(() => s.started.length === 1);

    const late = await s.post(2);

    expect(late.status).toBe(503);
    expect(s.shed).toEqual(['waited-too-long']);
    expect(s.started).toEqual(['1']);
    s.held.shift()!();
    expect((await first).status).toBe(200);
  });

  it('frees the place of a client that gives up while waiting', async () => {
    const s = await gatedServer({ maxConcurrent: 1, maxQueued: 10, maxWaitMs: 5_000 });
    const first = s.post(1);
    const abandon = new AbortController();
    const gone = s.post(2, abandon.signal).catch(() => 'aborted');
    await s.until(() => s.admission.queued() === 1);

    abandon.abort();
    await gone;
    await s.until(() => s.admission.queued() === 0);
    const third = s.post(3);
    s.held.shift()!();
    await s.until(() => s.started.length === 2);
    s.held.shift()!();

    expect(s.started).toEqual(['1', '3']);
    expect([(await first).status, (await third).status]).toEqual([200, 200]);
  });
});
