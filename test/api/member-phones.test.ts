import { describe, expect, it } from 'vitest';
import { EXAMPLE_OPERATIONS } from '../support/documents.js';
import { errorAt, startSubgraph, useSandboxedSubgraph } from '../support/test-stack.js';

const PHONES_CALL = 'GET /customers/{id}/phoneNumbers';
const PHONES = 'query($id: ID!) { member(id: $id) { billingPhones { id customerId type number preferred } } }';
const PHONES_AND_ACCOUNTS = 'query($id: ID!) { member(id: $id) { billingAccounts { accountId } billingPhones { number } } }';

const stack = useSandboxedSubgraph();
const debitsuccess = () => stack.sandboxes.debitsuccess!.sandbox;

describe('Member.billingPhones', () => {
  it('reads the numbers Debitsuccess holds for the customer behind the billing account (the example operation)', async () => {
    const response = await stack.subgraph.request(EXAMPLE_OPERATIONS.memberPhones, { id: 'M1001' });

    expect(response.errors).toBeUndefined();
    expect(response.data?.member).toEqual({
      id: 'M1001',
      billingPhones: [
        { type: 'MOBILE', countryCode: '+64', areaCode: '21', number: '123 4567', name: null, preferred: true },
        { type: 'HOME', countryCode: '+64', areaCode: '09', number: '301 2345', name: null, preferred: false },
      ],
    });
  });

  it('answers [] for a member without billing accounts, reading no phones', async () => {
    debitsuccess().resetCallCounts();

    const response = await stack.subgraph.request(PHONES, { id: 'M1002' });

    expect(response.data?.member.billingPhones).toEqual([]);
    expect(debitsuccess().callCount(PHONES_CALL)).toBe(0);
  });

  it('reads no phones unless selected', async () => {
    debitsuccess().resetCallCounts();

    const response = await stack.subgraph.request('query { member(id: "M1001") { billingAccounts { accountId } } }');

    expect(response.data?.member.billingAccounts).toEqual([{ accountId: '880001' }]);
    expect(debitsuccess().callCount('GET /accounts')).toBe(1);
    expect(debitsuccess().callCount(PHONES_CALL)).toBe(0);
  });

  it('reads each customer once per request: two accounts of one customer, one member asked twice, two members', async () => {
    debitsuccess().resetCallCounts();

    const response = await stack.subgraph.request(
      `query {
        a: member(id: "M1009") { billingAccounts { customerId } billingPhones { type name } }
        b: member(id: "M1009") { billingPhones { number } }
        c: member(id: "M1001") { billingPhones { number } }
      }`,
    );

    expect(response.errors).toBeUndefined();
    expect(response.data?.a).toEqual({
      billingAccounts: [{ customerId: '770009' }, { customerId: '770009' }],
      billingPhones: [
        { type: 'WORK', name: null },
        { type: 'EMERGENCY', name: 'Alex Twoaccounts' },
      ],
    });
    expect(response.data?.b.billingPhones).toHaveLength(2);
    expect(response.data?.c.billingPhones).toHaveLength(2);
    expect(debitsuccess().callCount('GET /accounts')).toBe(2);
    expect(debitsuccess().callCount(PHONES_CALL)).toBe(2);
  });

  it('follows every page of a customer with more than 50 numbers, in order, one token for the chain', async () => {
    const sandboxes = stack.sandboxes;
    for (let i = 0; i < 118; i++)
      sandboxes.debitsuccess!.sandbox.state.addPhone('770003', {
        phoneType: 'work',
        phoneName: `Desk ${i}`,
        countryCode: '+64',
        areaCode: '09',
        phoneNumber: `300 ${String(i).padStart(4, '0')}`,
        isPrimary: false,
      });
    debitsuccess().resetCallCounts();

    const response = await stack.subgraph.request(PHONES, { id: 'M1003' });

    expect(response.errors).toBeUndefined();
    const numbers = (response.data?.member.billingPhones as { number: string }[]).map((p) => p.number);
    expect(numbers).toEqual(Array.from({ length: 118 }, (_, i) => `300 ${String(i).padStart(4, '0')}`));
    expect(debitsuccess().callCount(PHONES_CALL)).toBe(3);
  });

  it('refuses a customer with more pages than MAX_PHONE_PAGES on that field only, never a list cut short', async () => {
    const bounded = await startSubgraph(stack.sandboxes, { env: { MAX_PHONE_PAGES: '2' } });
    try {
      debitsuccess().resetCallCounts();

      const response = await bounded.request(PHONES_AND_ACCOUNTS, { id: 'M1003' });

      expect(response.data?.member).toEqual({ billingAccounts: [{ accountId: '880003' }], billingPhones: null });
      expect(errorAt(response, ['member', 'billingPhones']).extensions).toMatchObject({
        code: 'VENDOR_UNAVAILABLE',
        vendor: 'DEBITSUCCESS',
        operation: 'GET /customers/{customerId}/phoneNumbers',
        reason: 'MALFORMED_RESPONSE',
      });
      expect(debitsuccess().callCount(PHONES_CALL)).toBe(2);
    } finally {
      await bounded.close();
    }
  });

  it('shows a number savePhone wrote on the next read, in place of the number of that type', async () => {
    const saved = await stack.subgraph.request(EXAMPLE_OPERATIONS.savePhone, {
      phoneInput: { memberId: 'M1001', type: 'HOME', number: '+64 9 555 0123', areaCode: '09' },
    });
    expect(saved.data?.savePhone.billing.status).toBe('SUCCEED');

    const response = await stack.subgraph.request('query { member(id: "M1001") { billingPhones { type areaCode number } } }');

    expect(response.data?.member.billingPhones).toEqual([
      { type: 'MOBILE', areaCode: '21', number: '123 4567' },
      { type: 'HOME', areaCode: '09', number: '95550123' },
    ]);
  });
});

describe('Member.billingPhones when Debitsuccess fails the read', () => {
  const failing = useSandboxedSubgraph();
  const sandbox = () => failing.sandboxes.debitsuccess!.sandbox;

  it.each([
    ['401 (after one new token)', { kind: 'status', status: 401 } as const, { code: 'VENDOR_CONFIGURATION', vendorCode: '401' }],
    ['403', { kind: 'status', status: 403 } as const, { code: 'VENDOR_CONFIGURATION', vendorCode: '403' }],
    ['a truncated page', { kind: 'truncated' } as const, { code: 'VENDOR_UNAVAILABLE', reason: 'MALFORMED_RESPONSE' }],
    ['an HTML page', { kind: 'html', status: 200 } as const, { code: 'VENDOR_UNAVAILABLE', reason: 'MALFORMED_RESPONSE' }],
    [
      'an answer over MAX_VENDOR_RESPONSE_BYTES',
      { kind: 'oversized', bytes: 2 * 1024 * 1024 } as const,
      { code: 'VENDOR_UNAVAILABLE', reason: 'MALFORMED_RESPONSE' },
    ],
    // Last: a 429 closes the rate-limit gate for its Retry-After.
    ['429', { kind: 'status', status: 429, retryAfter: 1 } as const, { code: 'VENDOR_UNAVAILABLE', vendorCode: '429', retryAfter: 1 }],
  ])('nulls only billingPhones on %s, with the typed error', async (_, fault, extensions) => {
    sandbox().clearFaults();
    sandbox().injectPhoneNumbersFault(fault);
    try {
      const response = await failing.subgraph.request(PHONES_AND_ACCOUNTS, { id: 'M1001' });

      expect(response.data?.member).toEqual({ billingAccounts: [{ accountId: '880001' }], billingPhones: null });
      expect(errorAt(response, ['member', 'billingPhones']).extensions).toMatchObject({
        vendor: 'DEBITSUCCESS',
        operation: 'GET /customers/{customerId}/phoneNumbers',
        ...extensions,
      });
    } finally {
      sandbox().clearFaults();
    }
  });
});
