import { describe, expect, it } from 'vitest';
import { MEMBER_ERROR_CODES } from '../../src/schema/errors/member-error-code.js';
import { AS_MEMBER, AS_STAFF, ROUTER, ROUTER_SECRET, useRouterOnlySubgraph } from '../support/router-only-subgraph.js';
import { errorAt } from '../support/test-stack.js';

const { stack, vendorCalls, post } = useRouterOnlySubgraph();

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
