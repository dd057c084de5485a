import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxVendors } from '../../src/sandbox/start-sandbox-vendors.js';
import { startOtlpReceiver, type OtlpReceiver } from '../support/otlp-receiver.js';
import { captureLog, startSandboxes, startSubgraph, type Subgraph } from '../support/test-stack.js';

/**
 * Secrets with runs of digits (which the personal-data mask rewrites) and long enough to be cut inside. The vendors
 * refuse them (wrong credentials), which does not matter: the echoing faults quote whatever they receive.
 */
const SECRETS = {
  kognitivToken: 'kogTok-314-159-265-ZqWv',
  debitsuccessPassword: 'dsPass-271-828-182-XyZw',
  debitsuccessClientSecret: 'dsCliS-161-803-398-QpXr',
  routerSecret: 'rtrSec-141-421-356-LmNo',
};
const FRAGMENT = 6;

/** Every piece of `secret` of FRAGMENT characters or more that `text` holds. */
function fragmentsIn(text: string, secret: string): string[] {
  const found: string[] = [];
  for (let start = 0; start + FRAGMENT <= secret.length; start++) {
    const piece = secret.slice(start, start + FRAGMENT);
    if (text.includes(piece)) found.push(piece);
  }
  return found;
}

/**
 * Padding steps shorter than any secret, up to past every place a vendor's text may be cut: at some step, each
 * secret straddles each cut, whatever its offset.
 */
const STEP = 11;
const PADS = Array.from({ length: Math.ceil(1_300 / STEP) }, (_, i) => i * STEP);

let sandboxes: SandboxVendors;
let receiver: OtlpReceiver;
let subgraph: Subgraph;
const log = captureLog();

beforeAll(async () => {
  receiver = await startOtlpReceiver();
  sandboxes = await startSandboxes();
  subgraph = await startSubgraph(sandboxes, {
    env: {
      ROUTER_SECRET: SECRETS.routerSecret,
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      VENDOR_READ_ATTEMPTS: '1',
      BREAKER_THRESHOLD: '1000000',
    },
    kognitiv: { securityToken: SECRETS.kognitivToken },
    debitsuccess: { password: SECRETS.debitsuccessPassword, clientSecret: SECRETS.debitsuccessClientSecret },
    log: { level: 'debug', destination: log.destination },
  });
});

afterAll(async () => {
  await subgraph?.close();
  await sandboxes?.close();
  await receiver?.close();
});

describe('vendor text quoting a secret across a cut', () => {
  it('logs and exports no fragment of any configured secret, from Kognitiv SOAP, Debitsuccess SOAP and the token endpoint', async () => {
    const headers = { 'router-authorization': SECRETS.routerSecret };
    // The vendor quotes every configured secret (the router secret too: the one we never send it) ahead of our request.
    const quoted = Object.values(SECRETS).join(' ');
    const exchanges = [
      {
        inject: (before: string) => sandboxes.kognitiv!.sandbox.injectFault({ kind: 'echo-request', before }, 1),
        query: '{ member(id: "M1001") { loyalty { firstName } } }',
      },
      {
        inject: (before: string) => sandboxes.debitsuccess!.sandbox.injectFault({ kind: 'echo-request', before }, 1),
        query: 'mutation { savePhone(input: { memberId: "M1001", type: MOBILE, number: "+64 21 555 0101" }) { billing { status } } }',
      },
      {
        inject: (before: string) => sandboxes.debitsuccess!.sandbox.injectTokenFault({ kind: 'echo-request', before }, 1),
        query: '{ member(id: "M1001") { billingAccounts { accountId } } }',
      },
    ];

    for (const { inject, query } of exchanges) {
      for (const pad of PADS) {
        inject(`${'.'.repeat(pad)}${quoted} `);
        const answer = await subgraph.request(query, {}, headers);
        expect(answer.errors?.length).toBeGreaterThan(0);
      }
    }
    await subgraph.flushTraces();

    const text = log.text();
    // The echoes were logged, as vendor text is (censored), once per request.
    expect(text.match(/Server was unable to process request/g)?.length).toBeGreaterThanOrEqual(exchanges.length * PADS.length);
    const exported = receiver.bodies.join('\n');
    expect(receiver.spans.length).toBeGreaterThan(0);
    const leaked = Object.values(SECRETS).flatMap((secret) => [...fragmentsIn(text, secret), ...fragmentsIn(exported, secret)]);
    expect(leaked).toEqual([]);
    expect(text).toContain('[secret]');
  }, 120_000);
});
