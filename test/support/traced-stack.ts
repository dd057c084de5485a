import { afterAll, beforeAll } from 'vitest';
import type { SandboxVendors } from '../../src/sandbox/start-sandbox-vendors.js';
import { startOtlpReceiver, type ExportedSpan, type OtlpReceiver } from './otlp-receiver.js';
import { startRecordingRelay, viaOrigin, type RecordingRelay } from './recording-relay.js';
import { startSandboxes, startSubgraph, type Subgraph, type SubgraphOverrides } from './test-stack.js';

export interface TracedStack {
  readonly receiver: OtlpReceiver;
  readonly sandboxes: SandboxVendors;
  readonly subgraph: Subgraph;
  /** Debitsuccess (SOAP and REST) is reached through it: what the vendor is sent. */
  readonly debitsuccessRelay: RecordingRelay;
  /** Spans of `traceId` once the subgraph has exported them. */
  spansOf(traceId: string): Promise<ExportedSpan[]>;
}

/**
 * An OTLP receiver, sandboxes, and a subgraph (with `overrides`) exporting its traces to the receiver and reaching
 * Debitsuccess through a recording relay, for the enclosing file.
 */
export function useTracedSubgraph(overrides: Pick<SubgraphOverrides, 'env' | 'log'> = {}): TracedStack {
  const started = {} as Omit<TracedStack, 'spansOf'>;
  beforeAll(async () => {
    const receiver = await startOtlpReceiver();
    const sandboxes = await startSandboxes();
    const debitsuccess = sandboxes.debitsuccess!.settings;
    const debitsuccessRelay = await startRecordingRelay(debitsuccess.apiUrl);
    const relayed = (url: string) => viaOrigin(url, debitsuccessRelay.origin);
    Object.assign(started, { receiver, sandboxes, debitsuccessRelay });
    const subgraph = await startSubgraph(sandboxes, {
      ...overrides,
      env: { ...overrides.env, OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url },
      debitsuccess: {
        soapUrl: relayed(debitsuccess.soapUrl),
        apiUrl: relayed(debitsuccess.apiUrl),
        tokenUrl: relayed(debitsuccess.tokenUrl),
      },
    });
    Object.assign(started, { subgraph });
  });
  afterAll(async () => {
    await started.subgraph?.close();
    await started.debitsuccessRelay?.close();
    await started.sandboxes?.close();
    await started.receiver?.close();
  });
  return Object.assign(started, {
    async spansOf(traceId: string) {
      await started.subgraph.flushTraces();
      return started.receiver.spans.filter((span) => span.traceId === traceId);
    },
  });
}
