import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SANDBOX_CREDENTIALS } from '../../src/sandbox/seed.js';
import { ancestorsOf, CLIENT, SERVER, type ExportedSpan } from '../support/otlp-receiver.js';
import { captureLog } from '../support/test-stack.js';
import { useTracedSubgraph } from '../support/traced-stack.js';

const MEMBER = 'M1001';
const QUERY = `query GetMember($id: ID!) { member(id: $id) { loyalty { firstName lastName } points { available } billingAccounts { accountId } } }`;

const log = captureLog();
const stack = useTracedSubgraph({ env: { VENDOR_RETRY_DELAY_MS: '0' }, log: { level: 'debug', destination: log.destination } });

describe('distributed tracing', () => {
  it('continues the router trace: operation span, vendor attempts (a retry among them) and their HTTP exchanges, no personal data', async () => {
    const traceId = randomBytes(16).toString('hex');
    const routerSpanId = randomBytes(8).toString('hex');
    // The first Kognitiv call fails as an overloaded vendor does; the read is retried.
    stack.sandboxes.kognitiv!.sandbox.injectFault({ kind: 'status', status: 503 }, 1);

    const response = await stack.subgraph.request(
      QUERY,
      { id: MEMBER },
      { traceparent: `00-${traceId}-${routerSpanId}-01`, tracestate: 'router=1' },
    );
    const spans = await stack.spansOf(traceId);

    expect(response.errors).toBeUndefined();
    const ancestors = (span: ExportedSpan) => ancestorsOf(span, spans);

    const operation = spans.find((span) => span.kind === SERVER);
    expect(operation).toMatchObject({
      name: 'query member',
      parentSpanId: routerSpanId,
      attributes: { 'graphql.operation.type': 'query', 'graphql.operation.name': 'GetMember' },
    });

    const attempts = spans.filter((span) => span.attributes['vendor.attempt'] !== undefined);
    // Every vendor attempt lies under the operation span, with its HTTP exchanges beneath it (a REST call's first one
    // fetches the OAuth token too).
    for (const attempt of attempts) {
      expect(ancestors(attempt)).toContain(operation);
      const exchanges = spans.filter((span) => span.parentSpanId === attempt.spanId && span.kind === CLIENT);
      expect(exchanges.length, attempt.name).toBeGreaterThan(0);
      for (const exchange of exchanges) expect(exchange.attributes['http.response.status_code']).toBeTypeOf('number');
    }
    expect(new Set(attempts.map((span) => span.attributes['vendor.name']))).toEqual(new Set(['KOGNITIV', 'DEBITSUCCESS']));
    for (const attempt of attempts) {
      expect(attempt.attributes).toMatchObject({
        'vendor.service': expect.any(String),
        'vendor.operation': expect.any(String),
        'vendor.outcome': expect.any(String),
        'vendor.breaker_state': 'closed',
      });
    }
    const ok = attempts.filter((span) => span.attributes['vendor.outcome'] === 'ok');
    expect(ok.every((span) => Number(span.attributes['vendor.response_bytes']) > 0)).toBe(true);

    // The retried read: two attempts of one operation, the first failed, the second (a span of its own) succeeded.
    const failed = attempts.filter((span) => span.attributes['vendor.outcome'] !== 'ok');
    expect(failed).toHaveLength(1);
    const retried = attempts.filter((span) => span.attributes['vendor.operation'] === failed[0]!.attributes['vendor.operation']);
    expect(retried.map((span) => [span.attributes['vendor.attempt'], span.attributes['vendor.outcome']])).toEqual([
      [1, failed[0]!.attributes['vendor.outcome']],
      [2, 'ok'],
    ]);

    // The DataLoader batches are spans too, with the attempts of their keys beneath.
    const batches = spans.filter((span) => span.name.startsWith('dataloader '));
    expect(batches.length).toBeGreaterThan(0);
    expect(attempts.every((attempt) => ancestors(attempt).some((span) => batches.includes(span)))).toBe(true);

    // No personal data or secret in anything exported: not the account id, the member's name, nor a credential.
    const loyalty = (response.data as { member: { loyalty: { firstName: string; lastName: string } } }).member.loyalty;
    const exported = stack.receiver.bodies.join('\n');
    for (const forbidden of [
      MEMBER,
      loyalty.firstName,
      loyalty.lastName,
      SANDBOX_CREDENTIALS.kognitivSecurityToken,
      SANDBOX_CREDENTIALS.debitsuccessPassword,
      SANDBOX_CREDENTIALS.debitsuccessClientSecret,
    ]) {
      expect(exported).not.toContain(forbidden);
    }
    expect(exported).not.toMatch(/Bearer|accountExternalId/);

    // Log lines written during the request join the trace.
    expect(log.lines().some((line) => line.trace_id === traceId && typeof line.span_id === 'string')).toBe(true);
  });

  it('exports nothing of the variables or the phone number of a mutation', async () => {
    const traceId = randomBytes(16).toString('hex');
    const phone = '+64 21 555 0101';

    await stack.subgraph.request(
      'mutation Save($phone: String!) { savePhone(input: { memberId: "M1002", type: MOBILE, number: $phone }) { loyalty { savedPhoneNumber } } }',
      { phone },
      {
        traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01`,
      },
    );
    const spans = await stack.spansOf(traceId);

    expect(spans.some((span) => span.name === 'mutation savePhone')).toBe(true);
    expect(spans.some((span) => span.attributes['vendor.name'] !== undefined)).toBe(true);
    // All a span says but its random ids and clock readings, which contain any four digits by chance now and then.
    const exported = JSON.stringify(spans, (key, value: unknown) => (/Id$|UnixNano$/.test(key) ? undefined : value));
    for (const forbidden of ['M1002', phone, '5550101', '555 0101', '0101']) expect(exported).not.toContain(forbidden);
  });

  it('sends the vendors no trace headers (VENDOR_TRACE_PROPAGATION is off by default)', async () => {
    const traceparent = `00-${randomBytes(16).toString('hex')}-${randomBytes(8).toString('hex')}-01`;
    stack.debitsuccessRelay.requests.length = 0;

    await stack.subgraph.request(QUERY, { id: MEMBER }, { traceparent });
    await stack.subgraph.request(
      'mutation { savePhone(input: { memberId: "M1001", type: MOBILE, number: "+64 21 555 0101" }) { billing { status } } }',
      {},
      { traceparent },
    );

    // The token, the account look-up (REST) and the phone update (SOAP) all reached the vendor, none with a trace header.
    expect(stack.debitsuccessRelay.requests.length).toBeGreaterThanOrEqual(2);
    expect(stack.debitsuccessRelay.requests.some(({ headers }) => headers.soapaction !== undefined)).toBe(true);
    expect(
      stack.debitsuccessRelay.requests.filter(({ headers }) => headers.traceparent !== undefined || headers.tracestate !== undefined),
    ).toEqual([]);
  });

  it("names a batched request's span as a batch", async () => {
    const traceId = randomBytes(16).toString('hex');

    const answer = await fetch(stack.subgraph.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01` },
      body: JSON.stringify([{ query: 'query One { member(id: "M1001") { id } }' }, { query: 'query Two { member(id: "M1002") { id } }' }]),
    });
    const spans = await stack.spansOf(traceId);

    expect(answer.status).toBe(200);
    expect(spans.filter((span) => span.kind === SERVER).map((span) => span.name)).toEqual(['graphql batch']);
  });

  it("records a vendor's return code on the attempt it ended", async () => {
    const traceId = randomBytes(16).toString('hex');

    await stack.subgraph.request(
      'query Missing { member(id: "NO-SUCH") { loyalty { firstName } } }',
      {},
      { traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01` },
    );
    const spans = await stack.spansOf(traceId);

    const attempt = spans.find((span) => span.attributes['vendor.name'] === 'KOGNITIV');
    expect(attempt?.attributes).toMatchObject({
      'vendor.attempt': 1,
      'vendor.return_code': expect.any(String),
      'vendor.outcome': `code:${String(attempt?.attributes['vendor.return_code'])}`,
    });
    expect(JSON.stringify(spans)).not.toContain('NO-SUCH');
  });

  it('still answers the inline trace (ftv1) a router asks for', async () => {
    const response = (await stack.subgraph.request(QUERY, { id: MEMBER }, { 'apollo-federation-include-trace': 'ftv1' })) as {
      extensions?: { ftv1?: unknown };
    };

    expect(response.extensions?.ftv1).toBeTypeOf('string');
  });
});
