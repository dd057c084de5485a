import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxVendors } from '../../src/sandbox/start-sandbox-vendors.js';
import { startSandboxes, startSubgraph, type Subgraph } from '../support/test-stack.js';

let sandboxes: SandboxVendors;
let subgraph: Subgraph;

beforeAll(async () => {
  sandboxes = await startSandboxes();
  subgraph = await startSubgraph(sandboxes, { env: { MAX_CONCURRENT_OPERATIONS: '1', MAX_QUEUED_OPERATIONS: '1', MAX_QUEUE_WAIT_MS: '5000' } });
});

afterAll(async () => {
  await subgraph?.close();
  await sandboxes?.close();
});

const LOYALTY = JSON.stringify({ query: '{ member(id: "M1001") { loyalty { firstName } } }' });
const post = () => fetch(subgraph.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: LOYALTY });

describe('admission control in the subgraph', () => {
  it('serves one request at a time, queues one, and refuses the next with SERVICE_OVERLOADED, counted in /metrics', async () => {
    sandboxes.kognitiv!.sandbox.setLatency(300);
    try {
      const first = post();
      const second = post();
      await new Promise((resolve) => setTimeout(resolve, 100));
      const third = await post();

      expect(third.status).toBe(503);
      expect(third.headers.get('retry-after')).toBe('1');
      expect(((await third.json()) as { errors: { extensions: unknown }[] }).errors[0]!.extensions).toEqual({ code: 'SERVICE_OVERLOADED', retryable: true, retryAfter: 1 });
      const served = await Promise.all([first, second]);
      expect(served.map((r) => r.status)).toEqual([200, 200]);
      expect(((await served[1]!.json()) as { data: { member: { loyalty: { firstName: string } } } }).data.member.loyalty.firstName).toBe('Aroha');
    } finally {
      sandboxes.kognitiv!.sandbox.setLatency(0);
    }
    const metrics = await (await fetch(new URL('/metrics', subgraph.url))).text();
    expect(metrics).toMatch(/graphql_requests_shed_total\{reason="queue-full"\} 1\b/);
    expect(metrics).toMatch(/graphql_requests_in_flight 0\b/);
    expect(metrics).toMatch(/graphql_requests_queued 0\b/);
  });

  it('counts the wait for admission against the request deadline', async () => {
    const strict = await startSubgraph(sandboxes, { env: { MAX_CONCURRENT_OPERATIONS: '1', REQUEST_DEADLINE_MS: '450', VENDOR_READ_ATTEMPTS: '1' } });
    sandboxes.kognitiv!.sandbox.setLatency(300);
    try {
      const ask = () => strict.request('{ member(id: "M1001") { loyalty { firstName } } }');
      const [first, second] = await Promise.all([ask(), ask()]);

      // The first is served in ~300 ms; the second waits ~300 ms, so its own 300 ms call would end past 450 ms.
      expect(first.errors).toBeUndefined();
      expect(second.errors?.[0]?.extensions).toMatchObject({ code: 'VENDOR_UNAVAILABLE', reason: 'TIMEOUT' });
    } finally {
      sandboxes.kognitiv!.sandbox.setLatency(0);
      await strict.close();
    }
  });
});

