import { describe, expect, it } from 'vitest';
import { MEMBER_ERROR_CODES } from '../../src/schema/errors/member-error-code.js';
import { errorAt, startSubgraph, useSandboxedSubgraph } from '../support/test-stack.js';

const ROUTER_SECRET = 'router-shared-secret-for-tests';
const ROUTER = { 'router-authorization': ROUTER_SECRET };
const AS_MEMBER = (id: string) => ({ ...ROUTER, 'x-member-id': id });
const AS_STAFF = { ...ROUTER, 'x-staff-scopes': 'profile members:manage' };

const stack = useSandboxedSubgraph(() => ({
  env: { ROUTER_SECRET, AUTHORIZATION: 'on', LOGIN_MAX_FAILURES: '3', MAX_BODY_BYTES: '20000', MAX_BATCH_OPERATIONS: '3' },
}));

function vendorCalls(): number {
  return stack.sandboxes.kognitiv!.sandbox.callCount() + stack.sandboxes.debitsuccess!.sandbox.callCount();
}

async function post(body: string, headers: Record<string, string> = ROUTER) {
  const response = await fetch(stack.subgraph.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  return { status: response.status, text: await response.text() };
}

describe('router-only access', () => {
  it.each([
    ['no secret', {}],
    ['a wrong secret', { 'router-authorization': 'guess' }],
    ['a secret of another length', { 'router-authorization': `${ROUTER_SECRET}x` }],
  ])('refuses %s with HTTP 401 before executing', async (_case, headers) => {
    const before = vendorCalls();

    const { status, text } = await post(JSON.stringify({ query: '{ member(id: "M1001") { loyalty { firstName } } }' }), headers);

    expect(status).toBe(401);
    expect(text).not.toContain(ROUTER_SECRET);
    expect(vendorCalls()).toBe(before);
  });

  it('serves the router', async () => {
    expect((await stack.subgraph.request('{ _service { sdl } }', {}, ROUTER)).data?._service.sdl).toContain('type Member');
  });

  it('leaves /health and /ready open', async () => {
    const origin = new URL(stack.subgraph.url).origin;

    expect((await fetch(`${origin}/health`)).status).toBe(200);
    expect((await fetch(`${origin}/ready`)).status).toBe(200);
  });
});

describe('member-level authorization', () => {
  const LOYALTY = 'query($id: ID!) { member(id: $id) { loyalty { firstName } } }';

  it('lets a member read their own profile', async () => {
    expect((await stack.subgraph.request(LOYALTY, { id: 'M1001' }, AS_MEMBER('M1001'))).data?.member.loyalty.firstName).toBe('Aroha');
  });

  it('lets staff read any member', async () => {
    expect((await stack.subgraph.request(LOYALTY, { id: 'M1002' }, AS_STAFF)).data?.member.loyalty.firstName).toBe('James');
  });

  it.each([
    ['UNAUTHENTICATED', 'no identity', ROUTER],
    ['FORBIDDEN', "another member's identity", AS_MEMBER('M1002')],
  ])('answers %s to %s, before any vendor call', async (code, _case, headers) => {
    const before = vendorCalls();

    const response = await stack.subgraph.request(LOYALTY, { id: 'M1001' }, headers);

    expect(response.data?.member).toBeNull();
    expect(errorAt(response, ['member']).extensions?.code).toBe(code);
    expect(vendorCalls()).toBe(before);
  });

  it('checks each _entities representation on its own', async () => {
    const response = await stack.subgraph.request(
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Member { id loyalty { firstName } } } }',
      {
        r: [
          { __typename: 'Member', id: 'M1001' },
          { __typename: 'Member', id: 'M1002' },
        ],
      },
      AS_MEMBER('M1001'),
    );

    expect(response.data?._entities[0]).toEqual({ id: 'M1001', loyalty: { firstName: 'Aroha' } });
    expect(response.data?._entities[1]).toBeNull();
    expect(errorAt(response, ['_entities', 1]).extensions?.code).toBe('FORBIDDEN');
  });

  it.each([
    ['savePhone', 'mutation { savePhone(input: { memberId: "M1002", type: HOME, number: "+64 9 300 1111" }) { member { id } } }'],
    ['recordInteraction', 'mutation { recordInteraction(input: { memberId: "M1002", type: "CLUB-VISIT" }) { interactionId } }'],
  ])("refuses %s on another member's account without calling a vendor", async (field, mutation) => {
    const before = vendorCalls();

    const response = await stack.subgraph.request(mutation, {}, AS_MEMBER('M1001'));

    expect(errorAt(response, [field]).extensions?.code).toBe('FORBIDDEN');
    expect(vendorCalls()).toBe(before);
  });

  it('lets anyone log in, and any signed-in caller enter a promotion', async () => {
    const login = await stack.subgraph.request(
      'mutation { login(input: { accountId: "M1002", password: "correct-horse" }) { firstName } }',
      {},
      ROUTER,
    );
    const anonymousPromotion = await stack.subgraph.request(
      'mutation { enterPromotion(input: { phoneNumber: "+64 21 123 4567", productCode: "SMOOTHIE" }) { message } }',
      {},
      ROUTER,
    );
    const memberPromotion = await stack.subgraph.request(
      'mutation { enterPromotion(input: { phoneNumber: "+64 21 123 4567", productCode: "SMOOTHIE" }) { message } }',
      {},
      AS_MEMBER('M1002'),
    );

    expect(login.data?.login.firstName).toBe('James');
    expect(errorAt(anonymousPromotion, ['enterPromotion']).extensions?.code).toBe('UNAUTHENTICATED');
    expect(memberPromotion.errors).toBeUndefined();
  });
});

describe("enterPromotion and other members' data", () => {
  const ENTER =
    'mutation($phone: String!) { enterPromotion(input: { phoneNumber: $phone, productCode: "SMOOTHIE" }) { message firstName lastName programName points { earned available } } }';
  const AROHA_M1001_PHONE = '+64 21 123 4567';
  const JAMES_M1002_PHONE = '+64 9 301 2345';
  /** What a member is told on entering any phone: the programme, nothing of whoever owns the phone. */
  const NOTHING_OF_THE_PHONE_OWNER = { message: null, firstName: null, lastName: null, programName: 'Club Rewards', points: null };
  /** Kognitiv rejects the entry (1001) with a text of its own. */
  const REJECTED =
    'mutation($phone: String!, $key: String) { enterPromotion(input: { phoneNumber: $phone, productCode: "NOT-A-PRODUCT", idempotencyKey: $key }) { message } }';

  it("gives a member none of another member's names, points or message", async () => {
    const response = await stack.subgraph.request(ENTER, { phone: AROHA_M1001_PHONE }, AS_MEMBER('M1002'));

    expect(response.errors).toBeUndefined();
    expect(response.data?.enterPromotion).toEqual(NOTHING_OF_THE_PHONE_OWNER);
    expect(JSON.stringify(response)).not.toMatch(/Aroha|Ngata/);
  });

  it('gives a member entering their own phone the same: Kognitiv does not say whose phone it is', async () => {
    const response = await stack.subgraph.request(ENTER, { phone: JAMES_M1002_PHONE }, AS_MEMBER('M1002'));

    expect(response.data?.enterPromotion).toEqual(NOTHING_OF_THE_PHONE_OWNER);
  });

  it("gives a member Kognitiv's rejection of an entry as PROMOTION_REJECTED without its text, which is about the phone's owner", async () => {
    const response = await stack.subgraph.request(REJECTED, { phone: AROHA_M1001_PHONE }, AS_MEMBER('M1002'));

    const error = errorAt(response, ['enterPromotion']);
    expect(error.extensions).toMatchObject({ code: 'PROMOTION_REJECTED', vendorCode: '1001' });
    expect(error.message).toBe(MEMBER_ERROR_CODES.PROMOTION_REJECTED);
    expect(JSON.stringify(response)).not.toContain('NOT-A-PRODUCT');
  });

  it("gives staff Kognitiv's text of a rejected entry", async () => {
    const response = await stack.subgraph.request(REJECTED, { phone: AROHA_M1001_PHONE }, AS_STAFF);

    const error = errorAt(response, ['enterPromotion']);
    expect(error.extensions).toMatchObject({ code: 'PROMOTION_REJECTED', vendorCode: '1001' });
    expect(error.message).toContain('NOT-A-PRODUCT');
  });

  it('replays the rejection to a member with the same key as it was first told, without the text', async () => {
    const first = await stack.subgraph.request(REJECTED, { phone: AROHA_M1001_PHONE, key: 'rejected-once' }, AS_MEMBER('M1002'));
    const again = await stack.subgraph.request(REJECTED, { phone: AROHA_M1001_PHONE, key: 'rejected-once' }, AS_MEMBER('M1002'));

    expect(errorAt(again, ['enterPromotion']).extensions).toMatchObject({ code: 'PROMOTION_REJECTED', replayed: true });
    expect(errorAt(first, ['enterPromotion']).message).toBe(MEMBER_ERROR_CODES.PROMOTION_REJECTED);
    expect(errorAt(again, ['enterPromotion']).message).toBe(MEMBER_ERROR_CODES.PROMOTION_REJECTED);
  });

  it('gives staff the member behind the phone', async () => {
    const response = await stack.subgraph.request(ENTER, { phone: AROHA_M1001_PHONE }, AS_STAFF);

    expect(response.data?.enterPromotion).toMatchObject({
      message: expect.stringContaining('Aroha'),
      firstName: 'Aroha',
      lastName: 'Ngata',
      points: { earned: expect.any(Number) },
    });
  });
});

describe('cost limits', () => {
  it('refuses 60 aliases of member with QUERY_TOO_COSTLY before any vendor call', async () => {
    const query = `{ ${Array.from({ length: 60 }, (_, i) => `m${i}: member(id: "M1001") { loyalty { firstName } }`).join(' ')} }`;
    const before = vendorCalls();

    const response = await stack.subgraph.request(query, {}, AS_STAFF);

    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COSTLY' });
    expect(vendorCalls()).toBe(before);
  });

  it("refuses 500 _entities representations, and passes the router's batches of 50", async () => {
    const query = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Member { id } } }';
    const reps = (n: number) => Array.from({ length: n }, (_, i) => ({ __typename: 'Member', id: `M${i}` }));

    expect((await stack.subgraph.request(query, { r: reps(500) }, AS_STAFF)).errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COSTLY');
    expect((await stack.subgraph.request(query, { r: reps(50) }, AS_STAFF)).data?._entities).toHaveLength(50);
  });

  it('refuses a query deeper than the limit', async () => {
    const shallow = await startSubgraph(stack.sandboxes, { env: { MAX_QUERY_DEPTH: '2' } });
    try {
      expect((await shallow.request('{ member(id: "M1001") { id } }')).errors).toBeUndefined();
      expect((await shallow.request('{ member(id: "M1001") { loyalty { firstName } } }')).errors?.[0]?.extensions).toMatchObject({
        code: 'QUERY_TOO_COSTLY',
        limit: 'depth',
        actual: 3,
        max: 2,
      });
    } finally {
      await shallow.close();
    }
  });

  it('caps batched HTTP operations', async () => {
    const operation = { query: '{ __typename }' };

    expect((await post(JSON.stringify([operation, operation]))).status).toBe(200);
    const refused = await post(JSON.stringify([operation, operation, operation, operation]));
    expect(JSON.parse(refused.text).errors[0].extensions).toMatchObject({ code: 'QUERY_TOO_COSTLY', limit: 'batchOperations' });
  });

  it('keeps CSRF prevention on: a simple cross-site request is refused', async () => {
    const response = await fetch(`${stack.subgraph.url}?query=${encodeURIComponent('{ __typename }')}`, { headers: ROUTER });

    expect(response.status).toBe(400);
    expect(await response.text()).toContain('CSRF');
  });

  it('refuses a body over the size limit with HTTP 413', async () => {
    const { status } = await post(JSON.stringify({ query: `{ __typename } # ${'x'.repeat(30_000)}` }));

    expect(status).toBe(413);
  });
});

describe('login abuse', () => {
  const login = (password: string, address: string) =>
    stack.subgraph.request(
      `mutation { login(input: { accountId: "M1001", password: "${password}" }) { firstName } }`,
      {},
      { ...ROUTER, 'x-forwarded-for': address },
    );

  it('throttles one caller after repeated wrong passwords, without calling Kognitiv, and not others', async () => {
    for (let i = 0; i < 3; i += 1)
      expect(errorAt(await login('wrong', '203.0.113.7'), ['login']).extensions?.code).toBe('INVALID_CREDENTIALS');
    const before = stack.sandboxes.kognitiv!.sandbox.callCount('ExternalLogin');

    const throttled = await login('correct-horse', '203.0.113.7');
    const elsewhere = await login('correct-horse', '198.51.100.2');

    expect(errorAt(throttled, ['login']).extensions).toMatchObject({
      code: 'LOGIN_THROTTLED',
      retryable: true,
      retryAfter: expect.any(Number),
    });
    expect(elsewhere.data?.login.firstName).toBe('Aroha');
    expect(stack.sandboxes.kognitiv!.sandbox.callCount('ExternalLogin')).toBe(before + 1);
  });

  // The load balancer appends the address it saw; everything to its left is whatever the client sent.
  const loginAs = (accountId: string, password: string, forwardedFor: string) =>
    stack.subgraph.request(
      'mutation($id: ID!, $pw: String!) { login(input: { accountId: $id, password: $pw }) { firstName } }',
      { id: accountId, pw: password },
      { ...ROUTER, 'x-forwarded-for': forwardedFor },
    );

  it('still throttles an attacker who forges a fresh first X-Forwarded-For entry on every attempt', async () => {
    for (let i = 0; i < 3; i += 1)
      expect(errorAt(await loginAs('M1001', 'wrong', `10.66.0.${i}, 203.0.113.20`), ['login']).extensions?.code).toBe(
        'INVALID_CREDENTIALS',
      );
    const before = stack.sandboxes.kognitiv!.sandbox.callCount('ExternalLogin');

    const fresh = await loginAs('M1001', 'correct-horse', '10.66.0.99, 203.0.113.20');

    expect(errorAt(fresh, ['login']).extensions?.code).toBe('LOGIN_THROTTLED');
    expect(stack.sandboxes.kognitiv!.sandbox.callCount('ExternalLogin')).toBe(before);
  });

  it("lets no attacker elsewhere lock a member out by forging the member's address", async () => {
    const member = '203.0.113.30';
    for (let i = 0; i < 5; i += 1) await loginAs('M1001', 'wrong', `${member}, 198.51.100.66`);
    const before = stack.sandboxes.kognitiv!.sandbox.callCount('ExternalLogin');

    const own = await loginAs('M1001', 'correct-horse', member);

    expect(own.data?.login.firstName).toBe('Aroha');
    expect(stack.sandboxes.kognitiv!.sandbox.callCount('ExternalLogin')).toBe(before + 1);
  });

  it('reads the address as many hops from the right as TRUST_PROXY_HOPS says', async () => {
    const behindTwoProxies = await startSubgraph(stack.sandboxes, {
      env: { ROUTER_SECRET, AUTHORIZATION: 'on', LOGIN_MAX_FAILURES: '2', TRUST_PROXY_HOPS: '2' },
    });
    const attempt = (forwardedFor: string) =>
      behindTwoProxies.request(
        'mutation { login(input: { accountId: "M1001", password: "wrong" }) { firstName } }',
        {},
        { ...ROUTER, 'x-forwarded-for': forwardedFor },
      );
    try {
      await attempt('10.66.1.1, 203.0.113.50, 10.0.0.9');
      await attempt('10.66.1.2, 203.0.113.50, 10.0.0.8');

      expect(errorAt(await attempt('10.66.1.3, 203.0.113.50, 10.0.0.9'), ['login']).extensions?.code).toBe('LOGIN_THROTTLED');
      expect(errorAt(await attempt('203.0.113.51, 10.0.0.9'), ['login']).extensions?.code).toBe('INVALID_CREDENTIALS');
    } finally {
      await behindTwoProxies.close();
    }
  });

  it('counts case, space and full-width variants of an account id against one budget', async () => {
    for (const variant of ['m1001', ' M1001', 'M1001 '])
      expect(errorAt(await loginAs(variant, 'wrong', '203.0.113.40'), ['login']).extensions?.code).toBe('INVALID_CREDENTIALS');
    const before = stack.sandboxes.kognitiv!.sandbox.callCount('ExternalLogin');

    const canonical = await loginAs('M1001', 'correct-horse', '203.0.113.40');
    const fullWidth = await loginAs('\uFF2D\uFF11\uFF10\uFF10\uFF11', 'wrong', '203.0.113.40');

    expect(errorAt(canonical, ['login']).extensions?.code).toBe('LOGIN_THROTTLED');
    expect(errorAt(fullWidth, ['login']).extensions?.code).toBe('LOGIN_THROTTLED');
    expect(stack.sandboxes.kognitiv!.sandbox.callCount('ExternalLogin')).toBe(before);
  });
});
