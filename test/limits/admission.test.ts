import express from 'express';
import { createServer } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { type AdmissionLimits, createAdmission } from '../../src/http/admission.js';
import { startSubgraph, useSandboxedSubgraph } from '../support/test-stack.js';

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

describe('through the API', () => {
  const stack = useSandboxedSubgraph(() => ({
    env: { MAX_CONCURRENT_OPERATIONS: '1', MAX_QUEUED_OPERATIONS: '1', MAX_QUEUE_WAIT_MS: '5000' },
  }));

  const LOYALTY = JSON.stringify({ query: '{ member(id: "M1001") { loyalty { firstName } } }' });
  const post = () => fetch(stack.subgraph.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: LOYALTY });

  describe('admission control in the subgraph', () => {
    it('serves one request at a time, queues one, and refuses the next with SERVICE_OVERLOADED, counted in /metrics', async () => {
      stack.sandboxes.kognitiv!.sandbox.setLatency(300);
      try {
        const first = post();
        const second = post();
        await new Promise((resolve) => setTimeout(resolve, 100));
        const third = await post();

        expect(third.status).toBe(503);
        expect(third.headers.get('retry-after')).toBe('1');
        expect(((await third.json()) as { errors: { extensions: unknown }[] }).errors[0]!.extensions).toEqual({
          code: 'SERVICE_OVERLOADED',
          retryable: true,
          retryAfter: 1,
        });
        const served = await Promise.all([first, second]);
        expect(served.map((r) => r.status)).toEqual([200, 200]);
        expect(((await served[1]!.json()) as { data: { member: { loyalty: { firstName: string } } } }).data.member.loyalty.firstName).toBe(
          'Aroha',
        );
      } finally {
        stack.sandboxes.kognitiv!.sandbox.setLatency(0);
      }
      const metrics = await (await fetch(new URL('/metrics', stack.subgraph.url))).text();
      expect(metrics).toMatch(/graphql_requests_shed_total\{reason="queue-full"\} 1\b/);
      expect(metrics).toMatch(/graphql_requests_in_flight 0\b/);
      expect(metrics).toMatch(/graphql_requests_queued 0\b/);
    });

    it('counts the wait for admission against the request deadline', async () => {
      const strict = await startSubgraph(stack.sandboxes, {
        env: { MAX_CONCURRENT_OPERATIONS: '1', REQUEST_DEADLINE_MS: '450', VENDOR_READ_ATTEMPTS: '1' },
      });
      stack.sandboxes.kognitiv!.sandbox.setLatency(300);
      try {
        const ask = () => strict.request('{ member(id: "M1001") { loyalty { firstName } } }');
        const [first, second] = await Promise.all([ask(), ask()]);

        // The first is served in ~300 ms; the second waits ~300 ms, so its own 300 ms call would end past 450 ms.
        expect(first.errors).toBeUndefined();
        expect(second.errors?.[0]?.extensions).toMatchObject({ code: 'VENDOR_UNAVAILABLE', reason: 'TIMEOUT' });
      } finally {
        stack.sandboxes.kognitiv!.sandbox.setLatency(0);
        await strict.close();
      }
    });

    it('answers a body that dribbles in 408 once BODY_READ_TIMEOUT_MS has passed, so the request behind it is served', async () => {
      const strict = await startSubgraph(stack.sandboxes, {
        env: { MAX_CONCURRENT_OPERATIONS: '1', MAX_QUEUE_WAIT_MS: '8000', BODY_READ_TIMEOUT_MS: '300' },
      });
      const slow = connect(Number(new URL(strict.url).port), '127.0.0.1');
      let dribble: NodeJS.Timeout | undefined;
      try {
        let slowAnswer = '';
        slow.setEncoding('utf8');
        slow.on('data', (chunk: string) => (slowAnswer += chunk));
        slow.on('error', () => {});
        const slowClosed = new Promise<void>((resolve) => slow.on('close', () => resolve()));
        // One byte every 100 ms: the body would take 15 s to arrive, far longer than the 8 s queue wait.
        const body = LOYALTY.padEnd(150);
        slow.write(`POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`);
        let sent = 0;
        dribble = setInterval(() => {
          if (sent < body.length - 1 && !slow.destroyed) slow.write(body[sent++]!);
        }, 100);
        await until(async () => /graphql_requests_in_flight 1\b/.test(await (await fetch(new URL('/metrics', strict.url))).text()));

        const startedAt = Date.now();
        const ordinary = await strict.request('{ member(id: "M1001") { loyalty { firstName } } }');
        const waitedMs = Date.now() - startedAt;

        expect(ordinary.data?.member.loyalty.firstName).toBe('Aroha');
        // Generous: the slow body is cut at 300 ms; without the deadline this request waits the full 8 s and is shed.
        expect(waitedMs).toBeLessThan(5000);
        await slowClosed;
        expect(slowAnswer).toMatch(/^HTTP\/1\.1 408/);
        expect(JSON.parse(slowAnswer.slice(slowAnswer.indexOf('\r\n\r\n') + 4)).errors[0].extensions).toEqual({
          code: 'BAD_REQUEST',
          retryable: true,
        });
      } finally {
        clearInterval(dribble);
        slow.destroy();
        await strict.close();
      }
    });
  });

  async function until(condition: () => Promise<boolean>): Promise<void> {
    while (!(await condition())) await new Promise((resolve) => setTimeout(resolve, 20));
  }
});
