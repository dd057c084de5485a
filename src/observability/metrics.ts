import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { BREAKER_STATES } from '../vendors/resilience/vendor-policies.js';
import { UNRESOLVED_OPERATION } from './operation-labels.js';

/** What the gauges read when scraped: plain functions, so metrics depend on no other part of the app. */
export interface MetricReadings {
  /** Each vendor service breaker's state, by `vendor:service`. */
  breakerStates(): Record<string, string>;
  /** GraphQL requests admitted and being worked on. */
  inFlight(): number;
  /** GraphQL requests waiting for admission. */
  queued(): number;
  /** How the vendors' WSDLs differ from their contracts (`vendors/kognitiv/contract-drift.ts`). */
  contractDrift(): readonly { vendor: string; service: string; item: string; change: string }[];
  /** The state store's kind and whether it answers now (its connection is up). */
  stateStore(): { kind: string; available: boolean };
}

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
    help:
      `GraphQL requests by operation (the root fields it selects, joined by +; \`${UNRESOLVED_OPERATION}\` when none ran) ` +
      'and error code (`none` when there was no error).',
    labelNames: ['operation', 'code'] as const,
    registers: [this.registry],
  });

  readonly graphqlRequestDuration = new Histogram({
    name: 'graphql_request_duration_seconds',
    help:
      'GraphQL request duration from arrival (admission wait and body read included) to the answer, by operation (as in ' +
      'graphql_requests_total) and outcome: ok, request (the request or the member: refused input, not found, …), ' +
      'vendor (a VENDOR_* code: outage or misconfiguration) or internal (a bug); the worst when there are several.',
    labelNames: ['operation', 'outcome'] as const,
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 15],
    registers: [this.registry],
  });

  readonly operationsShed = new Counter({
    name: 'graphql_requests_shed_total',
    help: 'GraphQL requests refused with 503 by admission control: queue-full or waited-too-long.',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });

  readonly stateStoreCalls = new Histogram({
    name: 'state_store_call_duration_seconds',
    help: 'State store (Redis, or memory) call latency by call and outcome (ok or error: failed or timed out).',
    labelNames: ['call', 'outcome'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5],
    registers: [this.registry],
  });

  readonly idempotentReplays = new Counter({
    name: 'idempotent_replays_total',
    help: 'Keyed mutations answered from their stored outcome, without calling a vendor, by mutation.',
    labelNames: ['operation'] as const,
    registers: [this.registry],
  });

  readonly loginThrottleStoreFailures = new Counter({
    name: 'login_throttle_store_failures_total',
    help:
      "Login throttle calls the state store could not answer: a slot is then taken in this replica's memory, " +
      'or one not given back stays taken until its window ends.',
    registers: [this.registry],
  });

  constructor(read: MetricReadings) {
    const { breakerStates, inFlight, queued, contractDrift, stateStore } = read;
    collectDefaultMetrics({ register: this.registry }); // includes nodejs_eventloop_lag_seconds
    new Gauge({
      name: 'vendor_circuit_state',
      help:
        "A vendor service circuit breaker's state: 1 on the series of the state it is in (closed; open: failing fast; " +
        'half-open: letting one call try), 0 on the others.',
      labelNames: ['breaker', 'state'] as const,
      registers: [this.registry],
      collect() {
        this.reset();
        for (const [breaker, current] of Object.entries(breakerStates())) {
          for (const state of BREAKER_STATES) this.set({ breaker, state }, state === current ? 1 : 0);
        }
      },
    });
    new Gauge({
      name: 'state_store_available',
      help:
        '1 while the state store (redis, or memory: always 1) answers, else 0: keyed mutations are then refused and the ' +
        "login throttle counts in each replica's memory.",
      labelNames: ['store'] as const,
      registers: [this.registry],
      collect() {
        this.reset();
        const { kind, available } = stateStore();
        this.set({ store: kind }, available ? 1 : 0);
      },
    });
    new Gauge({
      name: 'vendor_contract_drift',
      help: "1 for each operation or element the product uses that the vendor's WSDL lacks, types otherwise or namespaces otherwise.",
      labelNames: ['vendor', 'service', 'item', 'change'] as const,
      registers: [this.registry],
      collect() {
        this.reset();
        for (const { vendor, service, item, change } of contractDrift()) this.set({ vendor, service, item, change }, 1);
      },
    });
    new Gauge({
      name: 'graphql_requests_in_flight',
      help: 'GraphQL requests admitted and being worked on (at most MAX_CONCURRENT_OPERATIONS).',
      registers: [this.registry],
      collect() {
        this.set(inFlight());
      },
    });
    new Gauge({
      name: 'graphql_requests_queued',
      help: 'GraphQL requests waiting for admission.',
      registers: [this.registry],
      collect() {
        this.set(queued());
      },
    });
  }
}
