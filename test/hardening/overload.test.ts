import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { startSubgraph, useSandboxedSubgraph } from '../support/test-stack.js';

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
