import type { ResultOf, TypedDocumentNode, VariablesOf } from '@graphql-typed-document-node/core';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  EnterPromotionDocument,
  LoginDocument,
  MemberDocument,
  MemberPhonesDocument,
  RecordInteractionDocument,
  SavePhoneDocument,
} from '../../generated/graphql/graphql.js';
import { useSandboxedSubgraph } from '../support/test-stack.js';

/**
 * The example operations in `operations/` (the README's, and what Apollo Sandbox preloads), each sent as its file
 * says through the API against the sandbox vendors. Variables and answers are typed by the documents GraphQL Code
 * Generator makes of those files, so a schema change that breaks an example breaks the type check here too.
 */
const stack = useSandboxedSubgraph();

interface Example<D extends TypedDocumentNode<any, any>> {
  document: D;
  variables: VariablesOf<D>;
  data: ResultOf<D>;
}
const example = <D extends TypedDocumentNode<any, any>>(e: Example<D>) => e;

const EXAMPLES: Record<string, Example<TypedDocumentNode<any, any>>> = {
  'member.graphql': example({
    document: MemberDocument,
    variables: { id: 'M1001' },
    data: {
      member: {
        id: 'M1001',
        loyalty: {
          kognitivMemberId: 5001,
          firstName: 'Aroha',
          lastName: 'Ngata',
          birthDate: '1988-03-14',
          gender: 'FEMALE',
          isSuspended: false,
        },
        points: { earned: 1250.5, used: 200, available: 1000.25 },
        billingAccounts: [{ accountId: '880001', overdueStatus: 0, overdueAmount: 0, nextBillingDate: '2026-12-01', closed: false }],
      },
    },
  }),
  'member-phones.graphql': example({
    document: MemberPhonesDocument,
    variables: { id: 'M1001' },
    data: {
      member: {
        id: 'M1001',
        billingPhones: [
          { type: 'MOBILE', countryCode: '+64', areaCode: '21', number: '123 4567', name: null, preferred: true },
          { type: 'HOME', countryCode: '+64', areaCode: '09', number: '301 2345', name: null, preferred: false },
        ],
      },
    },
  }),
  'save-phone.graphql': example({
    document: SavePhoneDocument,
    variables: { phoneInput: { memberId: 'M1001', type: 'MOBILE', number: '+64 21 987 6543', preferred: true } },
    data: {
      savePhone: {
        member: { id: 'M1001' },
        loyalty: { savedPhoneNumber: '+64219876543' },
        billing: {
          status: 'SUCCEED',
          messageId: expect.stringMatching(/^[0-9a-f-]{36}$/),
          notes: [{ code: '00', note: 'Success', type: 'INFO' }],
        },
      },
    },
  }),
  'enter-promotion.graphql': example({
    document: EnterPromotionDocument,
    variables: { promotionInput: { phoneNumber: '+64 9 301 2345', productCode: 'PROTEIN-BAR' } },
    data: {
      enterPromotion: {
        message: 'Thanks James! 50 points have been added to your account.',
        firstName: 'James',
        lastName: 'Smith',
        programName: 'Club Rewards',
        points: { earned: 350, available: 300 },
      },
    },
  }),
  'login.graphql': example({
    document: LoginDocument,
    variables: { loginInput: { accountId: 'M1001', password: 'correct-horse' } },
    data: { login: { firstName: 'Aroha', lastName: 'Ngata', member: { id: 'M1001' } } },
  }),
  'record-interaction.graphql': example({
    document: RecordInteractionDocument,
    variables: { interactionInput: { memberId: 'M1001', type: 'CLUB-VISIT', note: 'Front desk check-in' } },
    data: { recordInteraction: { interactionId: expect.any(Number), member: { id: 'M1001' } } },
  }),
};

const operation = (file: string) => readFileSync(new URL(`../../operations/${file}`, import.meta.url), 'utf8');

describe('the example operations in operations/', () => {
  it('each have an example here', () => {
    expect(readdirSync(new URL('../../operations/', import.meta.url)).sort()).toEqual(Object.keys(EXAMPLES).sort());
  });

  it.each(Object.entries(EXAMPLES))('%s answers as documented', async (file, { variables, data }) => {
    const response = await stack.subgraph.request(operation(file), variables);

    expect(response.errors).toBeUndefined();
    expect(response.data).toEqual(data);
  });

  it('login.graphql with a wrong password answers INVALID_CREDENTIALS, not retryable, and no data', async () => {
    const response = await stack.subgraph.request(operation('login.graphql'), {
      loginInput: { accountId: 'M1001', password: 'not-the-password' },
    });

    expect(response.data).toBeNull();
    expect(response.errors).toEqual([
      expect.objectContaining({
        message: 'The account id or password is not correct.',
        path: ['login'],
        extensions: expect.objectContaining({ code: 'INVALID_CREDENTIALS', retryable: false }),
      }),
    ]);
  });
});
