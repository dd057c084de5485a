import type { ResultOf, TypedDocumentNode, VariablesOf } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import { describe, expect, it } from 'vitest';
import {
  EnterPromotionDocument,
  LoginDocument,
  MemberDocument,
  RecordInteractionDocument,
  SavePhoneDocument,
} from '../../generated/graphql/graphql.js';
import type { MemberErrorCode } from '../../generated/schema-enums.js';
import { useSandboxedSubgraph } from '../support/test-stack.js';

/**
 * The README's example operations, as GraphQL Code Generator types them for a front end
 * (`operations/*.graphql` → `generated/`): a schema change that breaks one breaks the type check here.
 */
const stack = useSandboxedSubgraph();

async function run<D extends TypedDocumentNode<any, any>>(document: D, variables: VariablesOf<D>) {
  return stack.subgraph.request<ResultOf<D>>(print(document), variables as Record<string, unknown>);
}

/** What a front end does with the generated MemberErrorCode union: a misspelt case would not compile. */
function userMessage(code: MemberErrorCode): string {
  switch (code) {
    case 'INVALID_CREDENTIALS':
      return 'Check your member number and password.';
    case 'LOGIN_THROTTLED':
      return 'Too many attempts, try again later.';
    default:
      return 'Something went wrong.';
  }
}

describe('example operations through their generated typed documents', () => {
  it('Member', async () => {
    const { data } = await run(MemberDocument, { id: 'M1001' });

    expect(data?.member?.loyalty?.firstName).toBe('Aroha');
    expect(data?.member?.billingAccounts?.[0]?.accountId).toBe('880001');
  });

  it('SavePhone', async () => {
    const { data } = await run(SavePhoneDocument, { input: { memberId: 'M1001', type: 'MOBILE', number: '+64 21 987 6543', preferred: true } });

    expect(data?.savePhone.billing?.status).toBe('SUCCEED');
    expect(data?.savePhone.loyalty?.savedPhoneNumber).toBe('+64219876543');
  });

  it('EnterPromotion', async () => {
    const { data } = await run(EnterPromotionDocument, { input: { phoneNumber: '+64 9 301 2345', productCode: 'PROTEIN-BAR' } });

    expect(data?.enterPromotion.firstName).toBe('James');
  });

  it('Login, with an error code a front end switches on', async () => {
    const ok = await run(LoginDocument, { input: { accountId: 'M1001', password: 'correct-horse' } });
    const refused = await run(LoginDocument, { input: { accountId: 'M1001', password: 'nope' } });

    expect(ok.data?.login.member.id).toBe('M1001');
    expect(userMessage(refused.errors?.[0]?.extensions?.code as MemberErrorCode)).toBe('Check your member number and password.');
  });

  it('RecordInteraction', async () => {
    const { data } = await run(RecordInteractionDocument, { input: { memberId: 'M1001', type: 'CLUB-VISIT', note: 'Front desk check-in' } });

    expect(data?.recordInteraction.interactionId).toBeGreaterThan(0);
  });
});
