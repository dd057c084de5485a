import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withKognitivBug } from '../support/kognitiv-bug.js';
import { captureLog, errorAt, startSubgraph, type Subgraph, useSandboxedSubgraph } from '../support/test-stack.js';

const ENTITIES = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Member { id } } }';

const stack = useSandboxedSubgraph(() => ({ env: { VENDOR_RETRY_DELAY_MS: '0' } }));

describe('malformed _entities representations', () => {
  it('refuses each as BAD_USER_INPUT naming what is wrong, and resolves the well-formed ones', async () => {
    const representations = [
      { __typename: 'Member', id: 'M1001' },
      { __typename: 'Member', id: 5001 },
      { __typename: 'Member' },
      { __typename: 'NoSuchType', id: 'M1001' },
      { id: 'M1001' },
      { __typename: ['Member'], id: 'M1001' },
      'M1001',
    ];

    const response = await stack.subgraph.request(ENTITIES, { r: representations });

    expect(response.data?._entities).toEqual([{ id: 'M1001' }, null, null, null, null, null, null]);
    const fields = representations.slice(1).map((_, i) => errorAt(response, ['_entities', i + 1]).extensions);
    expect(fields).toEqual([
      expect.objectContaining({ code: 'BAD_USER_INPUT', retryable: false, field: 'representations[1].id' }),
      expect.objectContaining({ code: 'BAD_USER_INPUT', retryable: false, field: 'representations[2].id' }),
      expect.objectContaining({ code: 'BAD_USER_INPUT', retryable: false, field: 'representations[3].__typename' }),
      expect.objectContaining({ code: 'BAD_USER_INPUT', retryable: false, field: 'representations[4].__typename' }),
      expect.objectContaining({ code: 'BAD_USER_INPUT', retryable: false, field: 'representations[5].__typename' }),
      expect.objectContaining({ code: 'BAD_USER_INPUT', retryable: false, field: 'representations[6]' }),
    ]);
    // Nothing of our internals (today: `value.trim is not a function`) or of the caller's typename is echoed.
    expect(JSON.stringify(response.errors)).not.toMatch(/trim|is not a function|NoSuchType/);
  });
});

describe('vendor values our schema cannot carry', () => {
  it.each([
    [
      'a Kognitiv MemberId over 2^31-1',
      () => (stack.sandboxes.kognitiv!.sandbox.state.byAccountId('M1002')!.kognitivMemberId = 2 ** 31),
      '{ member(id: "M1002") { loyalty { memberId } } }',
      ['member', 'loyalty'],
    ],
    [
      'a Kognitiv MemberId below -2^31',
      () => (stack.sandboxes.kognitiv!.sandbox.state.byAccountId('M1006')!.kognitivMemberId = -(2 ** 31) - 1),
      '{ member(id: "M1006") { loyalty { memberId } } }',
      ['member', 'loyalty'],
    ],
    [
      'an infinite Kognitiv point balance',
      () => (stack.sandboxes.kognitiv!.sandbox.state.byAccountId('M1003')!.points.earned = Number.POSITIVE_INFINITY),
      '{ member(id: "M1003") { points { earned } } }',
      ['member', 'points'],
    ],
    [
      'a Debitsuccess overdueStatus over 2^31-1',
      () =>
        ((stack.sandboxes.debitsuccess!.sandbox.state.accountsByExternalId.get('M1001')![0] as { overdueStatus: number }).overdueStatus =
          2 ** 31),
      '{ member(id: "M1001") { billingAccounts { overdueStatus } } }',
      ['member', 'billingAccounts'],
    ],
  ] as const)('reports %s as a malformed vendor answer', async (_name, arrange, query, path) => {
    arrange();

    const response = await stack.subgraph.request(query);

    expect(errorAt(response, [...path]).extensions).toMatchObject({ code: 'VENDOR_UNAVAILABLE', reason: 'MALFORMED_RESPONSE' });
    expect(JSON.stringify(response.errors)).not.toContain('cannot represent');
  });
});

describe('an error nobody raised on purpose', () => {
  const log = captureLog();
  let buggy: Subgraph;
  const BUG = "Cannot read properties of undefined (reading 'MemberId') at SqlConnection sblp-db-07";

  /** A datasource with a bug: what a client and the operator see of it is what this test is about. */
  const withBug = withKognitivBug('fetchLoyaltyMemberCore', BUG);

  beforeAll(async () => {
    buggy = await startSubgraph(stack.sandboxes, { wrapVendors: withBug, log: { level: 'info', destination: log.destination } });
  });

  afterAll(async () => {
    await buggy?.close();
  });

  it('reaches the client masked, with the correlation id the operator finds it by in an error log line with the details', async () => {
    const response = await buggy.request('{ member(id: "M1001") { loyalty { firstName } } }', {}, { 'x-request-id': 'req-bug-1' });

    expect(errorAt(response, ['member', 'loyalty'])).toEqual({
      message: 'Internal server error.',
      path: ['member', 'loyalty'],
      locations: expect.any(Array),
      extensions: { code: 'INTERNAL_SERVER_ERROR', retryable: false, correlationId: 'req-bug-1' },
    });
    expect(JSON.stringify(response)).not.toContain('MemberId');
    expect(log.lines()).toContainEqual(
      expect.objectContaining({
        level: 50,
        msg: 'unexpected error',
        correlationId: 'req-bug-1',
        path: ['member', 'loyalty'],
        err: expect.objectContaining({ name: 'TypeError', message: BUG, stack: expect.stringContaining('TypeError') }),
      }),
    );
  });
});
