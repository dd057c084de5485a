import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxVendors } from '../../src/sandbox/start-sandbox-vendors.js';
import { startSandboxes, startSubgraph, type Subgraph } from '../support/test-stack.js';

const MEMBERS = ['M1001', 'M1002', 'M1003', 'M1004', 'M1006', 'M1007', 'M1008', 'M1009'];
const ENTITIES = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Member { loyalty { firstName } points { available } } } }';

let sandboxes: SandboxVendors;
const subgraphs: Subgraph[] = [];

beforeAll(async () => {
  sandboxes = await startSandboxes();
});

afterAll(async () => {
  for (const subgraph of subgraphs) await subgraph.close();
  await sandboxes?.close();
});

/** Most Kognitiv calls in flight at one instant while one `_entities` of 8 members resolves (16 reads). */
async function peakKognitivConcurrency(env: Record<string, string>): Promise<number> {
  const subgraph = await startSubgraph(sandboxes, { env });
  subgraphs.push(subgraph);
  const kognitiv = sandboxes.kognitiv!.sandbox;
  kognitiv.setLatency(100);
  try {
    kognitiv.resetCallCounts();
    const response = await subgraph.request(ENTITIES, { r: MEMBERS.map((id) => ({ __typename: 'Member', id })) });
    expect(response.errors).toBeUndefined();
  } finally {
    kognitiv.setLatency(0);
  }
  const spans = kognitiv.spans();
  expect(spans).toHaveLength(16);
  return Math.max(...spans.map((s) => spans.filter((o) => o.start <= s.start && s.start < o.end).length));
}

describe('vendor concurrency', () => {
  it('never has more than VENDOR_CONCURRENCY calls in flight to one vendor for one request', async () => {
    expect(await peakKognitivConcurrency({ VENDOR_CONCURRENCY: '3' })).toBe(3);
  });

  it('never has more calls in flight to one vendor than MAX_SOCKETS_PER_VENDOR, whatever the request allows', async () => {
    expect(await peakKognitivConcurrency({ MAX_SOCKETS_PER_VENDOR: '2' })).toBe(2);
  });

  it('by default sends a batch of 8 members (16 Kognitiv reads) in one wave', async () => {
    expect(await peakKognitivConcurrency({})).toBe(16);
  });
});
