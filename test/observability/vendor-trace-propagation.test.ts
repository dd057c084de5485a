import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxVendors } from '../../src/sandbox/start-sandbox-vendors.js';
import { startHeaderRecordingRelay, viaOrigin, type HeaderRecordingRelay } from '../support/header-recording-relay.js';
import { startOtlpReceiver, type OtlpReceiver } from '../support/otlp-receiver.js';
import { startSandboxes, startSubgraph, type Subgraph } from '../support/test-stack.js';

let receiver: OtlpReceiver;
let sandboxes: SandboxVendors;
let relay: HeaderRecordingRelay;
let subgraph: Subgraph;

beforeAll(async () => {
  receiver = await startOtlpReceiver();
  sandboxes = await startSandboxes();
  const debitsuccess = sandboxes.debitsuccess!.settings;
  relay = await startHeaderRecordingRelay(debitsuccess.apiUrl);
  const relayed = (url: string) => viaOrigin(url, relay.origin);
  subgraph = await startSubgraph(sandboxes, {
    env: { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, VENDOR_TRACE_PROPAGATION: 'on' },
    debitsuccess: {
      soapUrl: relayed(debitsuccess.soapUrl),
      apiUrl: relayed(debitsuccess.apiUrl),
      tokenUrl: relayed(debitsuccess.tokenUrl),
    },
  });
});

afterAll(async () => {
  await subgraph?.close();
  await relay?.close();
  await sandboxes?.close();
  await receiver?.close();
});

describe('VENDOR_TRACE_PROPAGATION=on', () => {
  it('sends each vendor exchange the trace context of its own HTTP span', async () => {
    const traceId = randomBytes(16).toString('hex');

    await subgraph.request(
      '{ member(id: "M1001") { billingAccounts { accountId } } }',
      {},
      { traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01` },
    );
    await subgraph.request(
      'mutation { savePhone(input: { memberId: "M1001", type: MOBILE, number: "+64 21 555 0101" }) { billing { status } } }',
      {},
      { traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01` },
    );
    await subgraph.flushTraces();

    expect(relay.headers.some((headers) => headers.soapaction !== undefined)).toBe(true);
    const clientSpans = new Set(receiver.spans.filter((span) => span.traceId === traceId && span.kind === 3).map((span) => span.spanId));
    for (const headers of relay.headers) {
      const [, sentTrace, sentSpan] = String(headers.traceparent).split('-');
      expect(sentTrace).toBe(traceId);
      expect(clientSpans.has(sentSpan!)).toBe(true);
    }
  });
});
