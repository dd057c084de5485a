import autocannon from 'autocannon';
import { randomUUID } from 'node:crypto';

export interface LoadResult {
  requests: number;
  reqPerSec: number;
  p50: number;
  p99: number;
  /** Mean latency, in fractions of a ms (autocannon's percentiles are whole ms): for differences under 1 ms. */
  mean?: number;
  failures: number;
}

/**
 * Drives one URL with a fixed body at `connections` concurrent connections for `seconds`, or for `amount` requests
 * when given (then no request is left in flight at the end); each `[<id>]` in it becomes a fresh id per request.
 */
export async function drive(
  url: string,
  options: { body: string; connections: number; seconds: number; amount?: number; headers?: Record<string, string> },
): Promise<LoadResult> {
  const result = await autocannon({
    url,
    method: 'POST',
    connections: options.connections,
    duration: options.seconds,
    ...(options.amount !== undefined && { amount: options.amount }),
    headers: { 'content-type': 'application/json', ...options.headers },
    body: options.body,
    ...(options.body.includes('[<id>]') && {
      requests: [{ setupRequest: (request) => ({ ...request, body: options.body.replaceAll('[<id>]', randomUUID()) }) }],
    }),
  });
  return {
    requests: result.requests.total,
    reqPerSec: result.requests.total / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    mean: result.latency.mean,
    failures: result.errors + result.non2xx,
  };
}

/** The same measures for a loop of async calls (the node-soap client floor): `connections` loops in parallel. */
export async function driveCalls(call: () => Promise<unknown>, options: { connections: number; seconds: number }): Promise<LoadResult> {
  const latencies: number[] = [];
  let failures = 0;
  const end = performance.now() + options.seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: options.connections }, async () => {
      while (performance.now() < end) {
        const t0 = performance.now();
        try {
          await call();
        } catch {
          failures += 1;
        }
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return { requests: latencies.length, reqPerSec: latencies.length / elapsed, p50: at(0.5), p99: at(0.99), failures };
}
