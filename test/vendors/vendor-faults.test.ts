import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Fault } from '../../src/sandbox/shared/faults.js';
import { closedPortUrl } from '../support/fake-vendor.js';
import { errorAt, startSubgraph, type Subgraph, useSandboxedSubgraph } from '../support/test-stack.js';
import { RECORD_INTERACTION } from '../support/documents.js';

const LOYALTY = 'query($id: ID!) { member(id: $id) { loyalty { firstName } } }';
const FULL = 'query($id: ID!) { member(id: $id) { loyalty { firstName } points { available } billingAccounts { accountId } } }';

// Short timeouts and no retry delay keep the suite fast; the breaker stays out of the way here.
const FAST_FAILURES = {
  kognitiv: { timeoutMs: 300 },
  debitsuccess: { timeoutMs: 300 },
  env: { VENDOR_RETRY_DELAY_MS: '0', BREAKER_THRESHOLD: '1000' },
};

const stack = useSandboxedSubgraph(() => FAST_FAILURES);

afterEach(() => {
  stack.sandboxes.kognitiv!.sandbox.clearFaults();
  stack.sandboxes.debitsuccess!.sandbox.clearFaults();
  stack.sandboxes.kognitiv!.sandbox.resetCallCounts();
  stack.sandboxes.debitsuccess!.sandbox.resetCallCounts();
});

const READ_FAULTS: [string, Fault, string][] = [
  ['a delay past the timeout', { kind: 'delay', ms: 1_000 }, 'TIMEOUT'],
  ['a connection dropped mid-answer', { kind: 'reset' }, 'CONNECTION'],
  ['an HTTP 500 SOAP fault', { kind: 'soap-fault' }, 'SOAP_FAULT'],
  ['an HTML page with status 200', { kind: 'html', status: 200 }, 'MALFORMED_RESPONSE'],
  ['an HTML 502 page', { kind: 'html', status: 502 }, 'HTTP_STATUS'],
  ['truncated XML', { kind: 'truncated' }, 'MALFORMED_RESPONSE'],
  ['an oversized body', { kind: 'oversized', bytes: 2 * 1024 * 1024 }, 'MALFORMED_RESPONSE'],
];

describe('a Kognitiv read that keeps failing', () => {
  it.each(READ_FAULTS)('reports %s as VENDOR_UNAVAILABLE/%s, raw text kept out', async (_case, fault, reason) => {
    stack.sandboxes.kognitiv!.sandbox.injectFault(fault);

    const response = await stack.subgraph.request(LOYALTY, { id: 'M1001' });

    const error = errorAt(response, ['member', 'loyalty']);
    expect(error.extensions).toMatchObject({ code: 'VENDOR_UNAVAILABLE', reason, vendor: 'KOGNITIV', operation: 'FetchLoyaltyMemberCore' });
    expect(JSON.stringify(response)).not.toMatch(/SqlException|IIS|<html|soap:/);
  });

  it('is retried a bounded number of times, then recovers when the vendor does', async () => {
    stack.sandboxes.kognitiv!.sandbox.injectFault({ kind: 'html', status: 503 }, 2);

    const response = await stack.subgraph.request(LOYALTY, { id: 'M1001' });

    expect(response.errors).toBeUndefined();
    expect(response.data?.member.loyalty.firstName).toBe('Aroha');
    expect(stack.sandboxes.kognitiv!.sandbox.callCount('FetchLoyaltyMemberCore')).toBe(3);
  });

  it('keeps serving other requests meanwhile', async () => {
    stack.sandboxes.kognitiv!.sandbox.injectFault({ kind: 'delay', ms: 1_000 }, 3);

    const [slow, billing] = await Promise.all([
      stack.subgraph.request(LOYALTY, { id: 'M1001' }),
      stack.subgraph.request('query { member(id: "M1001") { billingAccounts { accountId } } }'),
    ]);

    expect(errorAt(slow, ['member', 'loyalty']).extensions?.reason).toBe('TIMEOUT');
    expect(billing.data?.member.billingAccounts).toEqual([{ accountId: '880001' }]);
  });
});

describe('a Debitsuccess read that keeps failing', () => {
  it.each([
    ['an oversized body', { kind: 'oversized', bytes: 2 * 1024 * 1024 } as Fault, 'MALFORMED_RESPONSE'],
    ['an HTML page with status 200', { kind: 'html', status: 200 } as Fault, 'MALFORMED_RESPONSE'],
    ['a connection dropped mid-answer', { kind: 'reset' } as Fault, 'CONNECTION'],
    ['a delay past the timeout', { kind: 'delay', ms: 1_000 } as Fault, 'TIMEOUT'],
  ])('reports %s as VENDOR_UNAVAILABLE/%s, loyalty unaffected', async (_case, fault, reason) => {
    stack.sandboxes.debitsuccess!.sandbox.injectFault(fault);

    const response = await stack.subgraph.request(FULL, { id: 'M1001' });

    expect(errorAt(response, ['member', 'billingAccounts']).extensions).toMatchObject({
      code: 'VENDOR_UNAVAILABLE',
      reason,
      vendor: 'DEBITSUCCESS',
    });
    expect(response.data?.member.loyalty.firstName).toBe('Aroha');
  });
});

describe('a vendor write that may have arrived', () => {
  it.each([
    ['timed out', { kind: 'delay', ms: 1_000 } as Fault, 'TIMEOUT'],
    ['lost its connection mid-answer', { kind: 'reset' } as Fault, 'CONNECTION'],
  ])('is VENDOR_OUTCOME_UNKNOWN when it %s, and reached the vendor exactly once', async (_case, fault, reason) => {
    stack.sandboxes.kognitiv!.sandbox.injectFault(fault);
    const before = stack.sandboxes.kognitiv!.sandbox.state.interactions.length;

    const response = await stack.subgraph.request(RECORD_INTERACTION, { input: { memberId: 'M1001', type: 'CLUB-VISIT' } });

    expect(errorAt(response, ['recordInteraction']).extensions).toMatchObject({
      code: 'VENDOR_OUTCOME_UNKNOWN',
      reason,
      retryable: false,
      operation: 'RecordInteraction',
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(stack.sandboxes.kognitiv!.sandbox.callCount('RecordInteraction')).toBe(1);
    expect(stack.sandboxes.kognitiv!.sandbox.state.interactions.length).toBe(before + 1);
  });

  it('is VENDOR_UNAVAILABLE and retryable when the connection was refused before sending', async () => {
    const refused = await startSubgraph(stack.sandboxes, { kognitiv: { url: await closedPortUrl(), wsdl: 'bundled' } });
    try {
      const response = await refused.request(RECORD_INTERACTION, { input: { memberId: 'M1001', type: 'CLUB-VISIT' } });

      expect(errorAt(response, ['recordInteraction']).extensions).toMatchObject({
        code: 'VENDOR_UNAVAILABLE',
        reason: 'CONNECTION',
        retryable: true,
      });
    } finally {
      await refused.close();
    }
  });

  it('is never retried: a Debitsuccess write that timed out reached it once', async () => {
    stack.sandboxes.debitsuccess!.sandbox.injectFault({ kind: 'delay', ms: 1_000 });

    const response = await stack.subgraph.request(
      'mutation { savePhone(input: { memberId: "M1001", type: WORK, number: "+64 4 470 9999" }) { loyalty { savedPhoneNumber } billing { status } } }',
    );

    expect(errorAt(response, ['savePhone', 'billing']).extensions).toMatchObject({ code: 'VENDOR_OUTCOME_UNKNOWN', reason: 'TIMEOUT' });
    expect(response.data?.savePhone.loyalty.savedPhoneNumber).toBe('+6444709999');
    expect(stack.sandboxes.debitsuccess!.sandbox.callCount('UpdateClientPhoneNumber')).toBe(1);
  });
});

describe('Debitsuccess rate limits', () => {
  it('passes Retry-After on, then fails fast without calling until the reset', async () => {
    stack.sandboxes.debitsuccess!.sandbox.injectFault({ kind: 'status', status: 429, retryAfter: 30 }, 1);

    const first = await stack.subgraph.request('query { member(id: "M1001") { billingAccounts { accountId } } }');
    const second = await stack.subgraph.request('query { member(id: "M1003") { billingAccounts { accountId } } }');

    for (const response of [first, second]) {
      expect(errorAt(response, ['member', 'billingAccounts']).extensions).toMatchObject({
        code: 'VENDOR_UNAVAILABLE',
        reason: 'HTTP_STATUS',
        vendorCode: '429',
        retryable: true,
      });
    }
    expect(errorAt(second, ['member', 'billingAccounts']).extensions?.retryAfter).toBeGreaterThan(0);
    expect(stack.sandboxes.debitsuccess!.sandbox.callCount('GET /accounts')).toBe(1);
  });
});

// One parser reads every vendor's Retry-After: a value that is not delta-seconds or an HTTP-date never reaches a client.
describe('a vendor Retry-After', () => {
  const VENDORS = [
    ['KOGNITIV', LOYALTY, ['member', 'loyalty']],
    ['DEBITSUCCESS', 'query($id: ID!) { member(id: $id) { billingAccounts { accountId } } }', ['member', 'billingAccounts']],
  ] as const;
  const sandboxOf = (vendor: string) => (vendor === 'KOGNITIV' ? stack.sandboxes.kognitiv! : stack.sandboxes.debitsuccess!).sandbox;
  // A subgraph of its own: the rate-limit test above leaves the shared one's Debitsuccess gate closed for 30 s.
  let own: Subgraph;
  beforeAll(async () => {
    own = await startSubgraph(stack.sandboxes, FAST_FAILURES);
  });
  afterAll(() => own?.close());
  const cases = VENDORS.flatMap(([vendor, query, path]) =>
    ['-30', '1e9', '0x10', '2.5', 'soon'].map((value) => [vendor, value, query, path] as const),
  );

  it.each(cases)('from %s is not passed on when it is %s', async (vendor, retryAfter, query, path) => {
    sandboxOf(vendor).injectFault({ kind: 'status', status: 503, retryAfter });

    const response = await own.request(query, { id: 'M1001' });

    const error = errorAt(response, [...path]);
    expect(error.extensions).toMatchObject({ code: 'VENDOR_UNAVAILABLE', reason: 'HTTP_STATUS', vendor, retryable: true });
    expect(error.extensions).not.toHaveProperty('retryAfter');
  });

  it.each(VENDORS)('from %s, as an HTTP-date, is passed on as the seconds until then', async (vendor, query, path) => {
    sandboxOf(vendor).injectFault({ kind: 'status', status: 503, retryAfter: new Date(Date.now() + 60_000).toUTCString() });

    const response = await own.request(query, { id: 'M1001' });

    const { retryAfter } = errorAt(response, [...path]).extensions as { retryAfter: number };
    expect(retryAfter).toBeGreaterThan(30);
    expect(retryAfter).toBeLessThanOrEqual(60);
  });
});

describe('circuit breakers', () => {
  it('open after a run of failures, fail fast, degrade only their own fields, and close after the cool-down', async () => {
    const guarded = await startSubgraph(stack.sandboxes, {
      env: { BREAKER_THRESHOLD: '2', BREAKER_COOLDOWN_MS: '300', VENDOR_READ_ATTEMPTS: '1' },
    });
    try {
      stack.sandboxes.debitsuccess!.sandbox.injectFault({ kind: 'html', status: 502 });
      await guarded.request(FULL, { id: 'M1001' });
      await guarded.request(FULL, { id: 'M1001' });
      const callsWhenOpened = stack.sandboxes.debitsuccess!.sandbox.callCount('GET /accounts');

      const open = await guarded.request(FULL, { id: 'M1001' });

      expect(errorAt(open, ['member', 'billingAccounts']).extensions).toMatchObject({
        code: 'VENDOR_UNAVAILABLE',
        reason: 'CIRCUIT_OPEN',
        retryable: true,
      });
      expect(open.data?.member.loyalty.firstName).toBe('Aroha');
      expect(open.data?.member.points.available).toBe(1000.25);
      expect(stack.sandboxes.debitsuccess!.sandbox.callCount('GET /accounts')).toBe(callsWhenOpened);

      stack.sandboxes.debitsuccess!.sandbox.clearFaults();
      await new Promise((resolve) => setTimeout(resolve, 350));
      const recovered = await guarded.request(FULL, { id: 'M1001' });

      expect(recovered.errors).toBeUndefined();
      expect(recovered.data?.member.billingAccounts).toEqual([{ accountId: '880001' }]);
    } finally {
      await guarded.close();
    }
  });
});

describe('the request deadline', () => {
  it('ends a request whose vendors are slower than REQUEST_DEADLINE_MS', async () => {
    const hurried = await startSubgraph(stack.sandboxes, { env: { REQUEST_DEADLINE_MS: '200' } });
    try {
      stack.sandboxes.kognitiv!.sandbox.setLatency(2_000);

      const response = await hurried.request(LOYALTY, { id: 'M1001' });

      expect(errorAt(response, ['member', 'loyalty']).extensions).toMatchObject({ code: 'VENDOR_UNAVAILABLE', reason: 'TIMEOUT' });
    } finally {
      stack.sandboxes.kognitiv!.sandbox.setLatency(0);
      await hurried.close();
    }
  });
});
