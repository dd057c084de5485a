import { describe, expect, it } from 'vitest';
import { errorAt, startSubgraph, useSandboxedSubgraph } from '../support/test-stack.js';
import { AROHA_M1001_LOYALTY } from '../support/seeded-members.js';

const FULL_MEMBER = /* GraphQL */ `
  query FullMember($id: ID!) {
    member(id: $id) {
      id
      loyalty {
        memberId
        firstName
        middleName
        lastName
        suffix
        nickName
        birthDate
        gender
        isEmployee
        isSuspended
        isLocked
      }
      points {
        earned
        used
        deducted
        expired
        locked
        available
      }
      billingAccounts {
        accountId
        customerId
        overdueStatus
        overdueAmount
        overdueFees
        suspended
        paymentStopped
        nextBillingDate
        closed
      }
    }
  }
`;

const stack = useSandboxedSubgraph();

describe('member(id)', () => {
  it('resolves a member across both vendors', async () => {
    const response = await stack.subgraph.request(FULL_MEMBER, { id: 'M1001' });

    expect(response.errors).toBeUndefined();
    expect(response.data?.member).toEqual({
      id: 'M1001',
      loyalty: AROHA_M1001_LOYALTY,
      points: { earned: 1250.5, used: 200, deducted: 10.25, expired: 40, locked: 0, available: 1000.25 },
      billingAccounts: [
        {
          accountId: '880001',
          customerId: '770001',
          overdueStatus: 0,
          overdueAmount: 0,
          overdueFees: 0,
          suspended: false,
          paymentStopped: false,
          nextBillingDate: '2026-12-01',
          closed: false,
        },
      ],
    });
  });

  it('reads empty vendor values as null and int flags as booleans', async () => {
    const response = await stack.subgraph.request(FULL_MEMBER, { id: 'M1002' });

    expect(response.errors).toBeUndefined();
    expect(response.data?.member.loyalty).toMatchObject({
      birthDate: null,
      middleName: null,
      nickName: null,
      suffix: 'Jr',
      gender: 'MALE',
      isEmployee: true,
    });
    expect(response.data?.member.billingAccounts).toEqual([]);
  });

  it('maps overdue, suspended and closed billing accounts', async () => {
    const suspended = await stack.subgraph.request(FULL_MEMBER, { id: 'M1003' });
    const closed = await stack.subgraph.request(FULL_MEMBER, { id: 'M1004' });

    expect(suspended.data?.member.billingAccounts[0]).toMatchObject({
      overdueStatus: 3,
      overdueAmount: 129.9,
      overdueFees: 15,
      suspended: true,
      paymentStopped: true,
      nextBillingDate: null,
      closed: false,
    });
    expect(closed.data?.member.billingAccounts[0]).toMatchObject({ closed: true, nextBillingDate: null });
  });

  it('returns a member for an unknown id, with MEMBER_NOT_FOUND at each Kognitiv field', async () => {
    const response = await stack.subgraph.request(FULL_MEMBER, { id: 'NO-SUCH-MEMBER' });

    expect(response.data?.member).toEqual({ id: 'NO-SUCH-MEMBER', loyalty: null, points: null, billingAccounts: [] });
    expect(errorAt(response, ['member', 'loyalty']).extensions).toMatchObject({
      code: 'MEMBER_NOT_FOUND',
      vendor: 'KOGNITIV',
      vendorCode: '300',
      operation: 'FetchLoyaltyMemberCore',
      retryable: false,
    });
    expect(errorAt(response, ['member', 'points']).extensions).toMatchObject({
      code: 'MEMBER_NOT_FOUND',
      vendor: 'KOGNITIV',
      vendorCode: '300',
      operation: 'FetchMemberPointBalances',
    });
    expect(response.errors).toHaveLength(2);
  });

  it('fetches only the selected vendor fields', async () => {
    stack.sandboxes.kognitiv!.sandbox.resetCallCounts();
    stack.sandboxes.debitsuccess!.sandbox.resetCallCounts();

    const response = await stack.subgraph.request('query { member(id: "M1001") { id points { available } } }');

    expect(response.data?.member).toEqual({ id: 'M1001', points: { available: 1000.25 } });
    expect(stack.sandboxes.kognitiv!.sandbox.callCount('FetchMemberPointBalances')).toBe(1);
    expect(stack.sandboxes.kognitiv!.sandbox.callCount('FetchLoyaltyMemberCore')).toBe(0);
    expect(stack.sandboxes.debitsuccess!.sandbox.callCount()).toBe(0);
  });

  it('makes no vendor call for `member { id }`', async () => {
    stack.sandboxes.kognitiv!.sandbox.resetCallCounts();
    stack.sandboxes.debitsuccess!.sandbox.resetCallCounts();

    const response = await stack.subgraph.request('query { member(id: "ANYTHING") { id } }');

    expect(response.data?.member).toEqual({ id: 'ANYTHING' });
    expect(stack.sandboxes.kognitiv!.sandbox.callCount() + stack.sandboxes.debitsuccess!.sandbox.callCount()).toBe(0);
  });

  it('fetches the same member once when asked twice through aliases', async () => {
    stack.sandboxes.kognitiv!.sandbox.resetCallCounts();

    const response = await stack.subgraph.request(
      'query { a: member(id: "M1001") { loyalty { firstName } } b: member(id: "M1001") { loyalty { lastName } } }',
    );

    expect(response.data).toEqual({ a: { loyalty: { firstName: 'Aroha' } }, b: { loyalty: { lastName: 'Ngata' } } });
    expect(stack.sandboxes.kognitiv!.sandbox.callCount('FetchLoyaltyMemberCore')).toBe(1);
  });

  it('refuses an id over 60 characters as BAD_USER_INPUT', async () => {
    const response = await stack.subgraph.request('query($id: ID!) { member(id: $id) { id } }', { id: 'x'.repeat(61) });

    expect(response.data?.member).toBeNull();
    expect(errorAt(response, ['member']).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
  });

  it('gives an id of 51 to 60 characters no billing record, without calling Debitsuccess', async () => {
    stack.sandboxes.debitsuccess!.sandbox.resetCallCounts();

    const response = await stack.subgraph.request('query($id: ID!) { member(id: $id) { billingAccounts { accountId } } }', {
      id: 'y'.repeat(55),
    });

    expect(response.data?.member.billingAccounts).toEqual([]);
    expect(stack.sandboxes.debitsuccess!.sandbox.callCount()).toBe(0);
  });

  it('keeps loyalty and points when Debitsuccess is unreachable', async () => {
    const closedPort = 'http://127.0.0.1:9';
    const degraded = await startSubgraph(stack.sandboxes, {
      debitsuccess: { apiUrl: `${closedPort}/CustomerServices/v1.0`, tokenUrl: `${closedPort}/identity/connect/token` },
    });
    try {
      const response = await degraded.request(FULL_MEMBER, { id: 'M1001' });

      expect(response.data?.member.loyalty.firstName).toBe('Aroha');
      expect(response.data?.member.points.available).toBe(1000.25);
      expect(response.data?.member.billingAccounts).toBeNull();
      expect(errorAt(response, ['member', 'billingAccounts']).extensions).toMatchObject({
        code: 'VENDOR_UNAVAILABLE',
        vendor: 'DEBITSUCCESS',
        reason: 'CONNECTION',
        retryable: true,
      });
    } finally {
      await degraded.close();
    }
  });
});
