import { describe, expect, it } from 'vitest';
import { EXAMPLE_OPERATIONS } from '../support/documents.js';
import { errorAt, useSandboxedSubgraph } from '../support/test-stack.js';

const { savePhone: SAVE_PHONE, enterPromotion: ENTER_PROMOTION, recordInteraction: RECORD_INTERACTION } = EXAMPLE_OPERATIONS;
// login.graphql does not ask for the Kognitiv member id, which these tests check.
const LOGIN = /* GraphQL */ `
  mutation Login($input: LoginInput!) {
    login(input: $input) {
      firstName
      lastName
      member {
        id
        loyalty {
          memberId
        }
      }
    }
  }
`;

describe('savePhone', () => {
  // Each group starts from the seed: the sandboxes keep what earlier tests wrote.
  const stack = useSandboxedSubgraph();

  it('writes the number to both vendors', async () => {
    const response = await stack.subgraph.request(SAVE_PHONE, {
      phoneInput: { memberId: 'M1001', type: 'MOBILE', number: '+64 21 987 6543', preferred: true },
    });

    expect(response.errors).toBeUndefined();
    expect(response.data?.savePhone).toEqual({
      member: { id: 'M1001' },
      loyalty: { savedPhoneNumber: '+64219876543' },
      billing: { status: 'SUCCEED', messageId: expect.any(String), notes: [{ code: '00', note: expect.any(String), type: 'INFO' }] },
    });
    expect(stack.sandboxes.debitsuccess!.sandbox.phoneNumbersOf('M1001')).toContainEqual(
      expect.objectContaining({ phoneType: 'mobile', phoneNumber: '219876543', isPrimary: true }),
    );
  });

  it('makes the saved number usable for a promotion entry', async () => {
    const response = await stack.subgraph.request(ENTER_PROMOTION, {
      promotionInput: { phoneNumber: '+64 21 987 6543', productCode: 'SMOOTHIE' },
    });

    expect(response.errors).toBeUndefined();
    expect(response.data?.enterPromotion).toMatchObject({ firstName: 'Aroha', lastName: 'Ngata', programName: expect.any(String) });
  });

  it('passes the area code and contact name of an emergency contact to Debitsuccess', async () => {
    const response = await stack.subgraph.request(SAVE_PHONE, {
      phoneInput: { memberId: 'M1001', type: 'EMERGENCY', number: '+64 9 555 1234', areaCode: '09', contactName: 'Hemi Ngata' },
    });

    expect(response.errors).toBeUndefined();
    expect(stack.sandboxes.debitsuccess!.sandbox.phoneNumbersOf('M1001')).toContainEqual(
      expect.objectContaining({ phoneType: 'emergency', phoneName: 'Hemi Ngata', areaCode: '09', phoneNumber: '95551234' }),
    );
  });

  it('keeps the loyalty part when the member has no billing record', async () => {
    const response = await stack.subgraph.request(SAVE_PHONE, {
      phoneInput: { memberId: 'M1002', type: 'WORK', number: '+64 4 470 1234' },
    });

    expect(response.data?.savePhone.loyalty).toEqual({ savedPhoneNumber: '+6444701234' });
    expect(response.data?.savePhone.billing).toBeNull();
    expect(errorAt(response, ['savePhone', 'billing']).extensions).toMatchObject({
      code: 'MEMBER_NOT_FOUND',
      vendor: 'DEBITSUCCESS',
      vendorCode: '08',
      operation: 'UpdateClientPhoneNumber',
    });
  });

  it('keeps the billing part when Kognitiv refuses', async () => {
    const response = await stack.subgraph.request(SAVE_PHONE, {
      phoneInput: { memberId: 'M1001', type: 'HOME', number: '+64 9 301 2345' },
    });

    expect(response.data?.savePhone.loyalty).toBeNull();
    expect(errorAt(response, ['savePhone', 'loyalty']).extensions).toMatchObject({
      code: 'DUPLICATE_PHONE_NUMBER',
      vendorCode: '315',
      operation: 'SaveAccountPhone',
    });
    expect(response.data?.savePhone.billing.status).toBe('SUCCEED');
  });

  it('returns both errors when both vendors refuse', async () => {
    const response = await stack.subgraph.request(SAVE_PHONE, {
      phoneInput: { memberId: 'NOBODY', type: 'HOME', number: '+64 9 300 0000' },
    });

    expect(response.data?.savePhone).toEqual({ member: { id: 'NOBODY' }, loyalty: null, billing: null });
    expect(errorAt(response, ['savePhone', 'loyalty']).extensions).toMatchObject({ code: 'MEMBER_NOT_FOUND', vendorCode: '300' });
    expect(errorAt(response, ['savePhone', 'billing']).extensions).toMatchObject({ code: 'MEMBER_NOT_FOUND', vendorCode: '08' });
  });

  it('reports warning 14030 as a note of a successful billing result', async () => {
    const response = await stack.subgraph.request(SAVE_PHONE, {
      phoneInput: { memberId: 'M1008', type: 'MOBILE', number: '+64 21 246 8024', preferred: true },
    });

    expect(response.errors).toBeUndefined();
    expect(response.data?.savePhone.billing.notes).toContainEqual(expect.objectContaining({ code: '14030', type: 'WARNING' }));
  });

  it.each([
    ['a number without country code', { number: '021 123 4567' }, 'input.number'],
    ['a number that cannot exist', { number: '+64 1' }, 'input.number'],
    ['a member id over 50 characters', { memberId: 'z'.repeat(51) }, 'input.memberId'],
    ['an area code over 4 characters', { areaCode: '12345' }, 'input.areaCode'],
    ['a contact name over 50 characters', { contactName: 'n'.repeat(51) }, 'input.contactName'],
    ['an emergency number without contact name', { type: 'EMERGENCY' }, 'input.contactName'],
  ])('refuses %s before calling any vendor', async (_case, change, field) => {
    stack.sandboxes.kognitiv!.sandbox.resetCallCounts();
    stack.sandboxes.debitsuccess!.sandbox.resetCallCounts();

    const response = await stack.subgraph.request(SAVE_PHONE, {
      phoneInput: { memberId: 'M1001', type: 'MOBILE', number: '+64 21 123 4567', ...change },
    });

    expect(response.data).toBeNull();
    expect(errorAt(response, ['savePhone']).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(stack.sandboxes.kognitiv!.sandbox.callCount() + stack.sandboxes.debitsuccess!.sandbox.callCount()).toBe(0);
  });
});

describe('enterPromotion', () => {
  // Each group starts from the seed: the sandboxes keep what earlier tests wrote.
  const stack = useSandboxedSubgraph();

  it('adds the product points and returns the totals', async () => {
    const response = await stack.subgraph.request(ENTER_PROMOTION, {
      promotionInput: { phoneNumber: '+64 (21) 123-4567', productCode: 'PROTEIN-BAR' },
    });

    expect(response.errors).toBeUndefined();
    expect(response.data?.enterPromotion).toMatchObject({ message: expect.any(String), firstName: 'Aroha', lastName: 'Ngata' });
    expect(response.data?.enterPromotion.points.earned).toBeGreaterThanOrEqual(1300.5);
  });

  it('passes the message Kognitiv wrote for a rejected entry', async () => {
    const response = await stack.subgraph.request(ENTER_PROMOTION, {
      promotionInput: { phoneNumber: '+64 21 123 4567', productCode: 'NOT-A-PRODUCT' },
    });

    const error = errorAt(response, ['enterPromotion']);
    expect(error.extensions).toMatchObject({ code: 'PROMOTION_REJECTED', vendorCode: '1001', operation: 'ProductPromotionEntry' });
    expect(error.message).toContain('NOT-A-PRODUCT');
  });

  it('refuses an empty product code', async () => {
    const response = await stack.subgraph.request(ENTER_PROMOTION, {
      promotionInput: { phoneNumber: '+64 21 123 4567', productCode: ' ' },
    });

    expect(errorAt(response, ['enterPromotion']).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.productCode' });
  });
});

describe('login', () => {
  // Each group starts from the seed: the sandboxes keep what earlier tests wrote.
  const stack = useSandboxedSubgraph();

  it('returns the names and the member', async () => {
    const response = await stack.subgraph.request(LOGIN, { input: { accountId: 'M1001', password: 'correct-horse' } });

    expect(response.errors).toBeUndefined();
    expect(response.data?.login).toEqual({ firstName: 'Aroha', lastName: 'Ngata', member: { id: 'M1001', loyalty: { memberId: 5001 } } });
  });

  it('refuses an empty password before calling Kognitiv', async () => {
    const response = await stack.subgraph.request(LOGIN, { input: { accountId: 'M1001', password: '' } });

    expect(errorAt(response, ['login']).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.password' });
  });

  it('never echoes the password in an error', async () => {
    const response = await stack.subgraph.request(LOGIN, { input: { accountId: 'M1001', password: 'wrong-secret-pw' } });

    expect(errorAt(response, ['login']).extensions?.code).toBe('INVALID_CREDENTIALS');
    expect(JSON.stringify(response)).not.toContain('wrong-secret-pw');
  });
});

describe('recordInteraction', () => {
  // Each group starts from the seed: the sandboxes keep what earlier tests wrote.
  const stack = useSandboxedSubgraph();

  it('records the interaction and returns its id', async () => {
    const response = await stack.subgraph.request(RECORD_INTERACTION, {
      interactionInput: { memberId: 'M1002', type: 'CLASS-BOOKING', note: 'Spin class 6am' },
    });

    expect(response.errors).toBeUndefined();
    expect(response.data?.recordInteraction).toEqual({ interactionId: expect.any(Number), member: { id: 'M1002' } });
    expect(response.data?.recordInteraction.interactionId).toBeGreaterThan(0);
  });

  it('gives each interaction its own id', async () => {
    const first = await stack.subgraph.request(RECORD_INTERACTION, { interactionInput: { memberId: 'M1002', type: 'CLUB-VISIT' } });
    const second = await stack.subgraph.request(RECORD_INTERACTION, { interactionInput: { memberId: 'M1002', type: 'CLUB-VISIT' } });

    expect(second.data?.recordInteraction.interactionId).not.toBe(first.data?.recordInteraction.interactionId);
  });

  it('refuses a note over 256 characters', async () => {
    const response = await stack.subgraph.request(RECORD_INTERACTION, {
      interactionInput: { memberId: 'M1002', type: 'CLUB-VISIT', note: 'n'.repeat(257) },
    });

    expect(errorAt(response, ['recordInteraction']).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.note' });
  });
});
