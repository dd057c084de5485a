import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CLIENT } from '../support/otlp-receiver.js';
import { useTracedSubgraph } from '../support/traced-stack.js';

const stack = useTracedSubgraph({ env: { VENDOR_TRACE_PROPAGATION: 'on' } });

describe('VENDOR_TRACE_PROPAGATION=on', () => {
  it('sends each vendor exchange the trace context of its own HTTP span', async () => {
    const traceId = randomBytes(16).toString('hex');

    await stack.subgraph.request(
      '{ member(id: "M1001") { billingAccounts { accountId } } }',
      {},
      { traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01` },
    );
    await stack.subgraph.request(
      'mutation { savePhone(input: { memberId: "M1001", type: MOBILE, number: "+64 21 555 0101" }) { billing { status } } }',
      {},
      { traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01` },
    );
    const spans = await stack.spansOf(traceId);

    expect(stack.debitsuccessRelay.requests.some(({ headers }) => headers.soapaction !== undefined)).toBe(true);
    const clientSpans = new Set(spans.filter((span) => span.kind === CLIENT).map((span) => span.spanId));
    for (const { headers } of stack.debitsuccessRelay.requests) {
      const [, sentTrace, sentSpan] = String(headers.traceparent).split('-');
      expect(sentTrace).toBe(traceId);
      expect(clientSpans.has(sentSpan!)).toBe(true);
    }
  });
});
