import { afterEach, describe, expect, it } from 'vitest';
import type { Fault } from '../../src/sandbox/shared/faults.js';
import { errorAt, useSandboxedSubgraph } from '../support/test-stack.js';

/**
 * Vendor answers that break their contract in one value: a flag that is not an int, a number that is not one, an
 * element the contract has once written many times. Each is an answer we cannot use (VENDOR_UNAVAILABLE with reason
 * MALFORMED_RESPONSE), never a guess at what the vendor meant.
 */
const LOYALTY = 'query($id: ID!) { member(id: $id) { loyalty { memberId firstName isEmployee isSuspended isLocked } } }';
const POINTS = 'query($id: ID!) { member(id: $id) { points { available } } }';
const PROMOTION = 'mutation($input: EnterPromotionInput!) { enterPromotion(input: $input) { message points { available } } }';
const SAVE_PHONE =
  'mutation($input: SavePhoneInput!) { savePhone(input: $input) { loyalty { savedPhoneNumber } billing { status messageId notes { code } } } }';

const stack = useSandboxedSubgraph(() => ({ env: { VENDOR_RETRY_DELAY_MS: '0', BREAKER_THRESHOLD: '1000' } }));
const kognitiv = () => stack.sandboxes.kognitiv!.sandbox;
const debitsuccess = () => stack.sandboxes.debitsuccess!.sandbox;

afterEach(() => {
  kognitiv().clearFaults();
  debitsuccess().clearFaults();
});

const element = (name: string, change: { text?: string; times?: number }): Fault => ({ kind: 'element', name, ...change });

const MALFORMED = { code: 'VENDOR_UNAVAILABLE', reason: 'MALFORMED_RESPONSE' };

describe('a Kognitiv flag or number that is not what the contract says', () => {
  it.each([
    ['IsSuspended', 'NaN'],
    ['IsSuspended', 'yes'],
    ['IsSuspended', 'true'],
    ['IsEmployee', ''],
    ['IsLocked', '1.5'],
    ['IsLocked', '2147483648'],
    ['MemberId', '1001abc'],
  ])('%s %j is MALFORMED_RESPONSE, not a value', async (name, text) => {
    kognitiv().injectFault(element(name, { text }));

    const response = await stack.subgraph.request(LOYALTY, { id: 'M1001' });

    expect(errorAt(response, ['member', 'loyalty']).extensions).toMatchObject({ ...MALFORMED, operation: 'FetchLoyaltyMemberCore' });
    expect(response.data?.member.loyalty).toBeNull();
  });

  it('a balance written as hex (0x10) is MALFORMED_RESPONSE, not 16', async () => {
    kognitiv().injectFault(element('MemberPointsAvailable', { text: '0x10' }));

    const response = await stack.subgraph.request(POINTS, { id: 'M1001' });

    expect(errorAt(response, ['member', 'points']).extensions).toMatchObject({ ...MALFORMED, operation: 'FetchMemberPointBalances' });
  });

  it('valid flags still read right, with or without surrounding spaces', async () => {
    kognitiv().injectFault(element('IsEmployee', { text: ' 1 ' }));

    const [aroha, suspended] = await Promise.all([
      stack.subgraph.request(LOYALTY, { id: 'M1001' }),
      stack.subgraph.request(LOYALTY, { id: 'M1003' }),
    ]);

    expect(aroha.errors).toBeUndefined();
    expect(aroha.data?.member.loyalty).toMatchObject({ firstName: 'Aroha', isEmployee: true, isSuspended: false, isLocked: false });
    expect(suspended.data?.member.loyalty).toMatchObject({ isSuspended: true });
  });
});

describe('a Kognitiv element the contract has once, repeated', () => {
  it('40,000 <FirstName> elements are MALFORMED_RESPONSE, answered within the response size bound and quickly', async () => {
    // 40,000 × `<FirstName>A</FirstName>` (24 bytes) is 960,000 bytes: under MAX_VENDOR_RESPONSE_BYTES (1 MiB), so
    // the size bound lets it through and the decoder is what refuses it.
    kognitiv().injectFault(element('FirstName', { text: 'A', times: 40_000 }));
    const started = performance.now();

    const response = await stack.subgraph.request(LOYALTY, { id: 'M1001' });

    const elapsedMs = performance.now() - started;
    expect(errorAt(response, ['member', 'loyalty']).extensions).toMatchObject({ ...MALFORMED, operation: 'FetchLoyaltyMemberCore' });
    expect(elapsedMs).toBeLessThan(3_000);
  });

  it('in a write: a repeated balance in ProductPromotionEntry is MALFORMED_RESPONSE, not 0 points', async () => {
    kognitiv().injectFault(element('PointsAvailable', { times: 2 }));

    const response = await stack.subgraph.request(PROMOTION, { input: { phoneNumber: '+64 21 123 4567', productCode: 'SMOOTHIE' } });

    expect(errorAt(response, ['enterPromotion']).extensions).toMatchObject({ ...MALFORMED, operation: 'ProductPromotionEntry' });
  });

  it('in a write: a repeated SavedPhoneNumber is MALFORMED_RESPONSE, not the number as sent', async () => {
    kognitiv().injectFault(element('SavedPhoneNumber', { times: 2 }));

    const response = await stack.subgraph.request(SAVE_PHONE, { input: { memberId: 'M1001', type: 'WORK', number: '+64 4 470 9876' } });

    expect(errorAt(response, ['savePhone', 'loyalty']).extensions).toMatchObject({ ...MALFORMED, operation: 'SaveAccountPhone' });
    expect(response.data?.savePhone.billing).toMatchObject({ status: 'SUCCEED' });
  });
});

describe('a Debitsuccess SOAP answer with an element the contract has once, repeated', () => {
  it.each([
    ['the message Id', 'Id'],
    ["a note's Code", 'Code'],
    ['the notes list', 'ResponseNotes'],
  ])('%s repeated is MALFORMED_RESPONSE', async (_case, name) => {
    debitsuccess().injectFault(element(name, { times: 2 }));

    const response = await stack.subgraph.request(SAVE_PHONE, { input: { memberId: 'M1001', type: 'HOME', number: '+64 4 470 5555' } });

    expect(errorAt(response, ['savePhone', 'billing']).extensions).toMatchObject({ ...MALFORMED, operation: 'UpdateClientPhoneNumber' });
    expect(response.data?.savePhone.loyalty).toMatchObject({ savedPhoneNumber: expect.any(String) });
  });

  it('a valid answer still reads right', async () => {
    const response = await stack.subgraph.request(SAVE_PHONE, { input: { memberId: 'M1001', type: 'HOME', number: '+64 4 470 5556' } });

    expect(response.errors).toBeUndefined();
    expect(response.data?.savePhone.billing).toEqual({ status: 'SUCCEED', messageId: expect.any(String), notes: [{ code: '00' }] });
  });
});
