import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** The subgraph's Prometheus metrics, in a registry of its own (one per server, so tests do not collide). */
export class SubgraphMetrics {
  readonly registry = new Registry();

  readonly vendorCalls = new Histogram({
    name: 'vendor_call_duration_seconds',
    help: 'Vendor call latency by vendor, operation and outcome (ok, a return code, or a failure reason).',
    labelNames: ['vendor', 'operation', 'outcome'] as const,
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  readonly graphqlRequests = new Counter({
    name: 'graphql_requests_total',
    help: 'GraphQL requests by operation name and error code (`none` when there was no error).',
    labelNames: ['operation', 'code'] as const,
    registers: [this.registry],
  });

  constructor(breakerStates: () => Record<string, string>) {
    collectDefaultMetrics({ register: this.registry }); // includes nodejs_eventloop_lag_seconds
    new Gauge({
      name: 'vendor_circuit_open',
      help: '1 while a vendor service circuit breaker is open (failing fast), else 0.',
      labelNames: ['breaker'] as const,
      registers: [this.registry],
      collect() {
        this.reset();
        for (const [breaker, state] of Object.entries(breakerStates())) this.set({ breaker }, state === 'open' ? 1 : 0);
      },
    });
  }
}
