import { afterEach, describe, expect, it } from 'vitest';
import { useSandboxedSubgraph } from '../support/test-stack.js';

/** Call counts are deterministic, so they are asserted; timings never are (see `npm run bench`). */
const stack = useSandboxedSubgraph();

afterEach(() => {
  stack.sandboxes.kognitiv!.sandbox.setLatency(0);
  stack.sandboxes.debitsuccess!.sandbox.setLatency(0);
});

function resetCounts(): void {
  stack.sandboxes.kognitiv!.sandbox.resetCallCounts();
  stack.sandboxes.debitsuccess!.sandbox.resetCallCounts();
}

const MEMBERS = ['M1001', 'M1002', 'M1003', 'M1004', 'M1006', 'M1007', 'M1008', 'M1009', 'NO-SUCH-1', 'NO-SUCH-2'];

describe('vendor calls per operation', () => {
  it('makes exactly one call per distinct member and vendor read for _entities of 50 with 10 members', async () => {
    const representations = Array.from({ length: 50 }, (_, i) => ({ __typename: 'Member', id: MEMBERS[i % MEMBERS.length] }));
    resetCounts();

    const response = await stack.subgraph.request(
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Member { id loyalty { firstName } points { available } billingAccounts { accountId } } } }',
      { r: representations },
    );

    expect(response.data?._entities).toHaveLength(50);
    expect(response.data?._entities.map((e: { id: string }) => e.id)).toEqual(representations.map((r) => r.id));
    expect(response.errors?.map((e) => e.path)).toContainEqual(['_entities', 8, 'loyalty']);
    expect(stack.sandboxes.kognitiv!.sandbox.callCount('FetchLoyaltyMemberCore')).toBe(10);
    expect(stack.sandboxes.kognitiv!.sandbox.callCount('FetchMemberPointBalances')).toBe(10);
    expect(stack.sandboxes.debitsuccess!.sandbox.callCount('GET /accounts')).toBe(10);
  });

  it('resolves the MemberId once for two savePhone writes to one member, and reuses it for the payload', async () => {
    resetCounts();

    const response = await stack.subgraph.request(`mutation {
      a: savePhone(input: { memberId: "M1001", type: HOME, number: "+64 9 300 1001" }) { loyalty { savedPhoneNumber } member { loyalty { firstName } } }
      b: savePhone(input: { memberId: "M1001", type: WORK, number: "+64 9 300 1002" }) { loyalty { savedPhoneNumber } }
    }`);

    expect(response.errors).toBeUndefined();
    expect(stack.sandboxes.kognitiv!.sandbox.callCount('FetchLoyaltyMemberCore')).toBe(1);
    expect(stack.sandboxes.kognitiv!.sandbox.callCount('SaveAccountPhone')).toBe(2);
    expect(stack.sandboxes.debitsuccess!.sandbox.callCount('UpdateClientPhoneNumber')).toBe(2);
  });

  it('fans a full member out to all three vendor reads at once', async () => {
    stack.sandboxes.kognitiv!.sandbox.setLatency(150);
    stack.sandboxes.debitsuccess!.sandbox.setLatency(150);
    await stack.subgraph.request('{ member(id: "M1001") { billingAccounts { accountId } } }'); // token fetched beforehand
    resetCounts();

    await stack.subgraph.request('{ member(id: "M1001") { loyalty { firstName } points { available } billingAccounts { accountId } } }');

    const spans = [...stack.sandboxes.kognitiv!.sandbox.spans(), ...stack.sandboxes.debitsuccess!.sandbox.spans()];
    expect(spans).toHaveLength(3);
    // Every call started before any of them finished: one round-trip of wall time, not three.
    expect(Math.max(...spans.map((s) => s.start))).toBeLessThan(Math.min(...spans.map((s) => s.end)));
  });

  it("runs savePhone's two vendor writes at once", async () => {
    stack.sandboxes.kognitiv!.sandbox.setLatency(150);
    stack.sandboxes.debitsuccess!.sandbox.setLatency(150);
    resetCounts();

    await stack.subgraph.request(
      'mutation { savePhone(input: { memberId: "M1008", type: HOME, number: "+64 9 300 1008" }) { loyalty { savedPhoneNumber } billing { status } } }',
    );

    // The MemberId lookup is the only step before the Kognitiv write; the Debitsuccess write does not wait for it.
    const [lookup] = stack.sandboxes.kognitiv!.sandbox.spans();
    const [billingWrite] = stack.sandboxes.debitsuccess!.sandbox.spans();
    expect(billingWrite!.start).toBeLessThan(lookup!.end);
  });
});
