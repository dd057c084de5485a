import InMemoryLRUCache from '@graphql-mesh/cache-inmemory-lru';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hiveGatewayConfig, startHiveGateway, type HiveGatewayConfig, type RunningGateway } from '../support/hive-gateway.js';
import { askGateway, signedInAs, signedInUser, STAFF, useSupergraphStack } from '../support/supergraph-stack.js';

/**
 * The cache session docs/deploy.md gives Hive Gateway's response cache: the verified caller (here the test's
 * stand-in for the gateway's sign-in check), so that an answer is only ever served again to whoever it was for.
 */
function callerSession(request: Request): string | null {
  const user = signedInUser(request.headers.get('authorization'));
  if (user?.memberId) return `member:${user.memberId}`;
  return user?.scope ? 'staff' : null;
}

function cachingGatewayConfig(supergraph: string): HiveGatewayConfig {
  return {
    ...hiveGatewayConfig(supergraph),
    cache: new InMemoryLRUCache(), // what the `hive-gateway` command uses when its config names none
    // As docs/deploy.md has it: no `ttl` of its own, so each answer lives as long as our subgraph's Cache-Control says.
    // The metadata (`extensions.responseCache`) lets the tests read what the cache did; production leaves it off.
    responseCaching: { session: callerSession, includeExtensionMetadata: true },
  };
}

const stack = useSupergraphStack();
let gateway: RunningGateway;

beforeAll(async () => {
  gateway = await startHiveGateway(stack, cachingGatewayConfig);
});
afterAll(async () => {
  await gateway?.stop();
});

const PROFILE = '{ member(id: "M1001") { loyalty { firstName } billingAccounts { accountId } } }';
const PHONES = '{ member(id: "M1001") { billingPhones { type number } } }';
const POINTS = '{ member(id: "M1001") { points { earned } } }';
const ask = (query: string, headers: Record<string, string> = signedInAs('M1001')) => askGateway(gateway.url, query, headers);

/** Reads `query` as M1001 twice, so that its answer is in the gateway's cache; the vendors' counts start after it. */
async function cachedRead(query: string) {
  await ask(query);
  const again = await ask(query);
  expect(again.body.extensions).toMatchObject({ responseCache: { hit: true } });
  stack.forget();
  return again;
}

describe("Hive Gateway's response cache in front of the subgraph", () => {
  it("serves a member's repeated read from the cache, for as long as the subgraph's max-age, without a vendor call", async () => {
    stack.forget();

    const first = await ask(PROFILE);
    const vendorCallsForFirst = stack.vendorCalls();
    const second = await ask(PROFILE);

    expect(first.body.data).toEqual({ member: { loyalty: { firstName: 'Aroha' }, billingAccounts: [{ accountId: '880001' }] } });
    expect(first.body.extensions).toMatchObject({ responseCache: { didCache: true, ttl: 60_000 } }); // CACHE_*_SECONDS
    expect(vendorCallsForFirst).toBeGreaterThan(0);
    expect(second.body.data).toEqual(first.body.data);
    expect(second.body.extensions).toMatchObject({ responseCache: { hit: true } });
    expect(stack.vendorCalls()).toBe(vendorCallsForFirst);
  });

  it("never gives one caller's cached answer to another: each is asked of the subgraph as that caller", async () => {
    await cachedRead(PROFILE);

    const otherMember = await ask(PROFILE, signedInAs('M1002'));
    const staff = await ask(PROFILE, STAFF);
    const ownRead = await ask('{ member(id: "M1002") { loyalty { firstName } } }', signedInAs('M1002'));

    expect(otherMember.body.data?.member).toBeNull();
    expect(otherMember.body.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    expect(staff.body.extensions).toMatchObject({ responseCache: { hit: false } });
    expect(ownRead.body.data).toEqual({ member: { loyalty: { firstName: 'James' } } });
    expect(stack.sandboxes.kognitiv!.sandbox.callCount('FetchLoyaltyMemberCore')).toBe(2); // staff's read and M1002's own
  });

  it('does not keep what the subgraph says may not be cached (points, by default)', async () => {
    stack.forget();

    await ask(POINTS);
    const again = await ask(POINTS);

    expect(again.body.data).toEqual({ member: { points: { earned: expect.any(Number) } } });
    expect(again.body.extensions).toMatchObject({ responseCache: { hit: false, didCache: false } });
    expect(stack.sandboxes.kognitiv!.sandbox.callCount('FetchMemberPointBalances')).toBe(2);
  });

  const mutations = [
    ['savePhone', 'savePhone(input: { memberId: "M1001", type: HOME, number: "+64 9 555 0101" }) { member { id } billing { status } }'],
    ['recordInteraction', 'recordInteraction(input: { memberId: "M1001", type: "CLUB-VISIT" }) { interactionId member { id } }'],
    ['login', 'login(input: { memberId: "M1001", password: "correct-horse" }) { firstName member { id } }'],
  ] as const;
  it.each(mutations)("drops the member's cached reads when %s for that member returns the Member entity", async (_name, mutation) => {
    await cachedRead(PROFILE);
    await cachedRead(PHONES);

    const changed = await ask(`mutation { ${mutation} }`);
    stack.forget(); // savePhone reads the profile itself
    const profile = await ask(PROFILE);
    const phones = await ask(PHONES);

    expect(changed.body.errors).toBeUndefined();
    expect(changed.body.extensions).toMatchObject({ responseCache: { invalidatedEntities: [{ typename: 'Member', id: 'M1001' }] } });
    expect(profile.body.extensions).toMatchObject({ responseCache: { hit: false } });
    expect(phones.body.extensions).toMatchObject({ responseCache: { hit: false } });
    expect(stack.sandboxes.kognitiv!.sandbox.callCount('FetchLoyaltyMemberCore')).toBe(1);
  });

  it('shows the phone savePhone wrote on the next read, not the cached list', async () => {
    await cachedRead(PHONES);

    await ask(`mutation { ${mutations[0][1].replace('+64 9 555 0101', '+64 9 555 0202')} }`);
    const phones = await ask(PHONES);

    expect(phones.body.data?.member.billingPhones).toContainEqual({ type: 'HOME', number: '95550202' });
  });

  it("shows enterPromotion's points on the next read: points are not cached, since its answer cannot name the member", async () => {
    await ask(POINTS);
    const before = await ask(POINTS);

    const entry = await ask(
      'mutation { enterPromotion(input: { phoneNumber: "+64 21 123 4567", productCode: "SMOOTHIE" }) { programName } }',
    );
    const after = await ask(POINTS);

    expect(entry.body.errors).toBeUndefined();
    expect(after.body.data?.member.points.earned).toBe(before.body.data?.member.points.earned + 25);
  });
});

describe('once the max-age has passed', () => {
  const shortLived = useSupergraphStack({ CACHE_MEMBER_SECONDS: '1', CACHE_LOYALTY_SECONDS: '1', CACHE_BILLING_SECONDS: '1' });
  let shortGateway: RunningGateway;
  beforeAll(async () => {
    shortGateway = await startHiveGateway(shortLived, cachingGatewayConfig);
  });
  afterAll(async () => {
    await shortGateway?.stop();
  });

  it('asks the subgraph again', async () => {
    const read = () => askGateway(shortGateway.url, PROFILE, signedInAs('M1001'));
    await read();
    const cached = await read();
    await sleep(1_200);
    shortLived.forget();

    const expired = await read();

    expect(cached.body.extensions).toMatchObject({ responseCache: { hit: true } });
    expect(expired.body.extensions).toMatchObject({ responseCache: { hit: false, didCache: true, ttl: 1_000 } });
    expect(shortLived.sandboxes.kognitiv!.sandbox.callCount('FetchLoyaltyMemberCore')).toBe(1);
  });
});
