import { describe, expect, it } from 'vitest';
import { freePort } from '../../bench/processes.js';
import { startSandboxes, startSubgraph, useSandboxedSubgraph, type Subgraph } from '../support/test-stack.js';

const LOYALTY = 'KOGNITIV:LoyaltyMember.asmx';
const metricsOf = async (subgraph: Subgraph, url = subgraph.url) => (await fetch(new URL('/metrics', url))).text();
/** The value of the one series `name{labels}` in a scrape, undefined when it is absent. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('graphql_request_duration_seconds', () => {
  const stack = useSandboxedSubgraph(() => ({ env: { VENDOR_RETRY_DELAY_MS: '0', BREAKER_THRESHOLD: '1000' } }));

  it('times each request by root-field operation and outcome class: ok, request, vendor', async () => {
    const { subgraph, sandboxes } = stack;
    await subgraph.request('query Profile { member(id: "M1001") { loyalty { firstName } } }');
    await subgraph.request('{ member(id: "NO-SUCH") { loyalty { firstName } } }');
    sandboxes.kognitiv!.sandbox.injectFault({ kind: 'html', status: 502 }, 3);
    await subgraph.request('{ member(id: "M1002") { loyalty { firstName } } }');
    sandboxes.kognitiv!.sandbox.clearFaults();

    const text = await metricsOf(subgraph);

    expect(sample(text, 'graphql_request_duration_seconds_count{operation="member",outcome="ok"}')).toBe(1);
    // MEMBER_NOT_FOUND: the request's own outcome, not something to page anyone for.
    expect(sample(text, 'graphql_request_duration_seconds_count{operation="member",outcome="request"}')).toBe(1);
    expect(sample(text, 'graphql_request_duration_seconds_count{operation="member",outcome="vendor"}')).toBe(1);
    expect(sample(text, 'graphql_request_duration_seconds_bucket{le="+Inf",operation="member",outcome="ok"}')).toBe(1);
    expect(sample(text, 'graphql_request_duration_seconds_sum{operation="member",outcome="ok"}')).toBeGreaterThan(0);
  });
});

describe('vendor_circuit_state', () => {
  const stack = useSandboxedSubgraph(() => ({
    env: { BREAKER_THRESHOLD: '2', BREAKER_COOLDOWN_MS: '60000', VENDOR_READ_ATTEMPTS: '1' },
  }));

  it('is 1 for the state each breaker is in and 0 for the others', async () => {
    const { subgraph, sandboxes } = stack;
    // A breaker exists from its service's first call.
    await subgraph.request('{ member(id: "M1001") { loyalty { firstName } } }');
    const closed = await metricsOf(subgraph);
    sandboxes.kognitiv!.sandbox.injectFault({ kind: 'html', status: 502 }, 2);
    await subgraph.request('{ member(id: "M1001") { loyalty { firstName } } }');
    await subgraph.request('{ member(id: "M1002") { loyalty { firstName } } }');
    sandboxes.kognitiv!.sandbox.clearFaults();

    const open = await metricsOf(subgraph);

    expect(sample(closed, `vendor_circuit_state{breaker="${LOYALTY}",state="closed"}`)).toBe(1);
    expect(sample(closed, `vendor_circuit_state{breaker="${LOYALTY}",state="open"}`)).toBe(0);
    expect(sample(open, `vendor_circuit_state{breaker="${LOYALTY}",state="closed"}`)).toBe(0);
    expect(sample(open, `vendor_circuit_state{breaker="${LOYALTY}",state="open"}`)).toBe(1);
    expect(sample(open, `vendor_circuit_state{breaker="${LOYALTY}",state="half-open"}`)).toBe(0);
  });
});

describe('state_store_available', () => {
  describe('in memory', () => {
    const stack = useSandboxedSubgraph();

    it('is 1', async () => {
      expect(sample(await metricsOf(stack.subgraph), 'state_store_available{store="memory"}')).toBe(1);
    });
  });

  describe('on a Redis that does not answer', () => {
    // Nothing listens on port 1 of loopback: every connection is refused.
    const stack = useSandboxedSubgraph(() => ({ env: { REDIS_URL: 'redis://127.0.0.1:1' } }));

    it('is 0', async () => {
      expect(sample(await metricsOf(stack.subgraph), 'state_store_available{store="redis"}')).toBe(0);
    });
  });
});

describe('METRICS_PORT', () => {
  it('serves /metrics, /health and /ready on that port only, apart from /graphql, and closes it on stop', async () => {
    const metricsPort = await freePort();
    const sandboxes = await startSandboxes();
    const subgraph = await startSubgraph(sandboxes, { env: { METRICS_PORT: String(metricsPort) } });
    const onMetricsPort = (path: string) => fetch(`http://127.0.0.1:${metricsPort}${path}`);
    const onMainPort = (path: string) => fetch(new URL(path, subgraph.url));
    try {
      const there = await Promise.all(['/metrics', '/health', '/ready'].map(onMetricsPort));
      const onMain = await Promise.all(['/metrics', '/health', '/ready'].map(onMainPort));
      const graphqlThere = await onMetricsPort('/graphql');

      expect(there.map((response) => response.status)).toEqual([200, 200, 200]);
      expect(await there[0]!.text()).toContain('graphql_requests_in_flight');
      expect(onMain.map((response) => response.status)).toEqual([404, 404, 404]);
      expect(graphqlThere.status).toBe(404);
      expect((await subgraph.request('{ __typename }')).data).toEqual({ __typename: 'Query' });
    } finally {
      await subgraph.close();
      await sandboxes.close();
    }

    await expect(onMetricsPort('/health')).rejects.toThrow();
  });
});

describe('METRICS_PORT during a drain', () => {
  it('keeps answering there, /ready saying 503 stopping, until the requests in flight are answered', async () => {
    const metricsPort = await freePort();
    const sandboxes = await startSandboxes();
    const subgraph = await startSubgraph(sandboxes, { env: { METRICS_PORT: String(metricsPort) } });
    const kognitiv = sandboxes.kognitiv!.sandbox;
    try {
      kognitiv.setLatency(1_000);
      const inFlight = subgraph.request('{ member(id: "M1001") { loyalty { firstName } } }');
      while (kognitiv.spans().length === 0) await new Promise((resolve) => setTimeout(resolve, 10));

      const closed = subgraph.close();
      const ready = await fetch(`http://127.0.0.1:${metricsPort}/ready`);

      expect(ready.status).toBe(503);
      expect(await ready.json()).toMatchObject({ status: 'stopping' });
      expect((await inFlight).data).toEqual({ member: { loyalty: { firstName: 'Aroha' } } });
      await closed;
    } finally {
      await sandboxes.close();
    }
  });
});
