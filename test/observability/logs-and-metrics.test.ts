import { pino } from 'pino';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxVendors } from '../../src/sandbox/start-sandbox-vendors.js';
import { startSandboxes, startSubgraph, type Subgraph } from '../support/test-stack.js';

let sandboxes: SandboxVendors;
let subgraph: Subgraph;
const lines: Record<string, unknown>[] = [];

beforeAll(async () => {
  sandboxes = await startSandboxes();
  const capture = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  subgraph = await startSubgraph(sandboxes, { logger: pino({ level: 'debug' }, capture) });
});

afterAll(async () => {
  await subgraph?.close();
  await sandboxes?.close();
});

describe('structured logs', () => {
  it('writes one line per request with operation, duration, outcome, error codes and the correlation id', async () => {
    await subgraph.request('query Profile { member(id: "NO-SUCH") { loyalty { firstName } } }', {}, { 'x-request-id': 'req-123' });

    expect(lines).toContainEqual(
      expect.objectContaining({
        msg: 'graphql request',
        correlationId: 'req-123',
        operation: 'Profile',
        rootFields: 'member',
        outcome: 'partial',
        errorCodes: ['MEMBER_NOT_FOUND'],
        durationMs: expect.any(Number),
      }),
    );
  });

  it('writes one line per vendor call with vendor, operation, duration, return code, attempt and breaker state', async () => {
    await subgraph.request('{ member(id: "M1005") { loyalty { firstName } } }');

    expect(lines).toContainEqual(
      expect.objectContaining({
        msg: 'vendor call',
        vendor: 'KOGNITIV',
        operation: 'FetchLoyaltyMemberCore',
        outcome: 'code:312',
        attempt: 1,
        breaker: 'closed',
        durationMs: expect.any(Number),
      }),
    );
  });

  it('logs a member outcome at debug, an outage at warn and a configuration error at error', async () => {
    await subgraph.request('{ member(id: "NO-SUCH-2") { loyalty { firstName } } }');
    sandboxes.kognitiv!.sandbox.injectFault({ kind: 'html', status: 502 }, 3);
    await subgraph.request('{ member(id: "M1002") { loyalty { firstName } } }');
    sandboxes.kognitiv!.sandbox.clearFaults();
    await subgraph.request('{ member(id: "RC-100") { loyalty { firstName } } }');

    const levelOf = (code: string) => lines.find((l) => l.msg === 'vendor error' && l.code === code)?.level;
    // pino's numeric levels: debug 20, warn 40, error 50.
    expect([levelOf('MEMBER_NOT_FOUND'), levelOf('VENDOR_UNAVAILABLE'), levelOf('VENDOR_CONFIGURATION')]).toEqual([20, 40, 50]);
  });
});

describe('/metrics', () => {
  it('exposes vendor latency, GraphQL requests by error code, breaker state and event-loop lag', async () => {
    await subgraph.request('query Profile { member(id: "M1001") { loyalty { firstName } } }');

    const text = await (await fetch(new URL('/metrics', subgraph.url))).text();

    expect(text).toMatch(/vendor_call_duration_seconds_count\{vendor="KOGNITIV",operation="FetchLoyaltyMemberCore",outcome="ok"\} \d+/);
    expect(text).toMatch(/graphql_requests_total\{operation="member",code="none"\} \d+/);
    expect(text).toMatch(/vendor_circuit_state\{breaker="KOGNITIV:LoyaltyMember.asmx",state="closed"\} 1/);
    expect(text).toContain('nodejs_eventloop_lag_seconds');
  });

  it('keeps the operation label set bounded whatever names callers send', async () => {
    const metricsText = async () => (await fetch(new URL('/metrics', subgraph.url))).text();
    const before = await metricsText();

    // 300 distinct names (plus one that is far too long), in batches so that no single request is large.
    const names = [...Array.from({ length: 300 }, (_, i) => `Op${i}`), `Long${'x'.repeat(5000)}`];
    for (let i = 0; i < names.length; i += 25) {
      await Promise.all(names.slice(i, i + 25).map((name) => subgraph.request(`query ${name} { __typename }`)));
    }
    const after = await metricsText();

    const operations = new Set([...after.matchAll(/graphql_requests_total\{operation="([^"]*)"/g)].map((m) => m[1]));
    // Labels come from the schema's root fields: these 301 names add none beyond `__typename`.
    expect(operations.size).toBeLessThanOrEqual(10);
    expect(after).not.toContain('xxxxxxxxxx');
    expect(after).not.toContain('Op299');
    // Unbounded, these 301 names added 22 kB here (one series each, for ever); bounded, under 6 kB.
    expect(after.length - before.length).toBeLessThan(10_000);
  });

  it('keeps a label for a real operation however many invented names came first', async () => {
    for (let i = 0; i < 100; i += 25) {
      await Promise.all(Array.from({ length: 25 }, (_, j) => subgraph.request(`query Junk${i + j} { __typename }`)));
    }

    await subgraph.request('query GetMember { member(id: "M1001") { loyalty { firstName } } }');
    const text = await (await fetch(new URL('/metrics', subgraph.url))).text();

    // Counted under its own label (its name or its root field), never the catch-all.
    expect(text).toMatch(/graphql_requests_total\{operation="(GetMember|member)",code="none"\} [1-9]/);
    expect(text).not.toContain('Junk');
  });
});

describe('log lines', () => {
  it('bound every field a caller writes: a 90 kB operation name (or a long alias) writes no line over 4 kB', async () => {
    const from = lines.length;
    // Together under MAX_BODY_BYTES (100 kB), so that the request is read and runs.
    const name = `Op${'n'.repeat(90_000)}`;
    const alias = `a${'l'.repeat(5_000)}`;

    await subgraph.request(`query ${name} { ${alias}: member(id: "NO-SUCH-90K") { loyalty { firstName } } }`);

    const written = lines.slice(from).map((line) => JSON.stringify(line));
    expect(written.some((line) => line.includes('graphql request'))).toBe(true);
    expect(written.some((line) => line.includes('vendor error'))).toBe(true);
    expect(written.map((line) => line.length).filter((length) => length > 4_096)).toEqual([]);
  });
});
