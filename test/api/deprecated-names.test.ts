import { describe, expect, it } from 'vitest';
import { errorAt, useSandboxedSubgraph, type Subgraph } from '../support/test-stack.js';

/**
 * One name per id (README, "One name per id"): the club account id is `memberId` in every input, and Kognitiv's
 * internal integer is `kognitivMemberId`. The old names stay, deprecated, and behave exactly as the new ones:
 * composed clients that still send or select them keep working.
 */

const LOGIN = 'mutation($input: LoginInput!) { login(input: $input) { firstName member { id } } }';
const KOGNITIV_IDS = 'query($id: ID!) { member(id: $id) { loyalty { kognitivMemberId memberId } } }';
const DEPRECATIONS = /* GraphQL */ `
  {
    login: __type(name: "LoginInput") {
      inputFields(includeDeprecated: true) {
        name
        isDeprecated
        deprecationReason
        type {
          kind
        }
      }
    }
    profile: __type(name: "LoyaltyProfile") {
      fields(includeDeprecated: true) {
        name
        isDeprecated
        deprecationReason
      }
    }
  }
`;

const login = (subgraph: Subgraph, input: Record<string, unknown>, forwardedFor = '198.51.100.1') =>
  subgraph.request(LOGIN, { input }, { 'x-forwarded-for': forwardedFor });

describe('login: the club account id as memberId, and as the deprecated accountId', () => {
  const stack = useSandboxedSubgraph(() => ({ env: { LOGIN_MAX_FAILURES: '3' } }));
  const externalLogins = () => stack.sandboxes.kognitiv!.sandbox.callCount('ExternalLogin');

  it('signs in by memberId', async () => {
    const response = await login(stack.subgraph, { memberId: 'M1001', password: 'correct-horse' });

    expect(response.errors).toBeUndefined();
    expect(response.data?.login).toEqual({ firstName: 'Aroha', member: { id: 'M1001' } });
  });

  it('signs in by accountId as before, with the same answer', async () => {
    const response = await login(stack.subgraph, { accountId: 'M1001', password: 'correct-horse' });

    expect(response.errors).toBeUndefined();
    expect(response.data?.login).toEqual({ firstName: 'Aroha', member: { id: 'M1001' } });
  });

  it('takes both names when they agree', async () => {
    const response = await login(stack.subgraph, { memberId: 'M1001', accountId: 'M1001', password: 'correct-horse' });

    expect(response.errors).toBeUndefined();
    expect(response.data?.login.member).toEqual({ id: 'M1001' });
  });

  it('gives the same error under either name', async () => {
    const byMemberId = await login(stack.subgraph, { memberId: 'M1002', password: 'not-it' }, '198.51.100.2');
    const byAccountId = await login(stack.subgraph, { accountId: 'M1002', password: 'not-it' }, '198.51.100.3');

    expect(errorAt(byMemberId, ['login']).extensions).toMatchObject({ code: 'INVALID_CREDENTIALS', retryable: false });
    expect(errorAt(byAccountId, ['login'])).toEqual(errorAt(byMemberId, ['login']));
  });

  it('refuses neither name, naming memberId, before calling Kognitiv', async () => {
    const before = externalLogins();
    const response = await login(stack.subgraph, { password: 'correct-horse' });

    expect(errorAt(response, ['login']).extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'input.memberId', retryable: false });
    expect(externalLogins()).toBe(before);
  });

  it('refuses two different ids, naming accountId, before calling Kognitiv', async () => {
    const before = externalLogins();
    const response = await login(stack.subgraph, { memberId: 'M1001', accountId: 'M1002', password: 'correct-horse' });

    expect(errorAt(response, ['login']).extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'input.accountId', retryable: false });
    expect(externalLogins()).toBe(before);
  });

  it('counts failures under either name against one throttled account', async () => {
    const caller = '198.51.100.77';
    for (const input of [{ accountId: 'M1001' }, { memberId: 'M1001' }, { accountId: 'M1001' }]) {
      const failed = await login(stack.subgraph, { ...input, password: 'wrong' }, caller);
      expect(errorAt(failed, ['login']).extensions?.code).toBe('INVALID_CREDENTIALS');
    }

    const throttled = await login(stack.subgraph, { memberId: 'M1001', password: 'correct-horse' }, caller);
    expect(errorAt(throttled, ['login']).extensions).toMatchObject({ code: 'LOGIN_THROTTLED', retryable: true });
  });
});

describe("LoyaltyProfile: Kognitiv's internal id as kognitivMemberId, and as the deprecated memberId", () => {
  const stack = useSandboxedSubgraph();

  it('answers both names with the same id', async () => {
    const response = await stack.subgraph.request(KOGNITIV_IDS, { id: 'M1001' });

    expect(response.errors).toBeUndefined();
    expect(response.data?.member.loyalty).toEqual({ kognitivMemberId: 5001, memberId: 5001 });
  });
});

describe('the schema marks each old name deprecated, with its replacement', () => {
  const stack = useSandboxedSubgraph();

  it('publishes the deprecations, and both login ids are optional', async () => {
    const response = await stack.subgraph.request(DEPRECATIONS);
    const named = (list: { name: string }[], name: string) => list.find((item) => item.name === name);

    expect(response.errors).toBeUndefined();
    const { login: loginInput, profile } = response.data as Record<string, { inputFields?: []; fields?: [] }>;
    expect(named(loginInput!.inputFields!, 'accountId')).toEqual({
      name: 'accountId',
      isDeprecated: true,
      deprecationReason: 'Use memberId.',
      type: { kind: 'SCALAR' },
    });
    expect(named(loginInput!.inputFields!, 'memberId')).toEqual({
      name: 'memberId',
      isDeprecated: false,
      deprecationReason: null,
      type: { kind: 'SCALAR' },
    });
    expect(named(profile!.fields!, 'memberId')).toEqual({
      name: 'memberId',
      isDeprecated: true,
      deprecationReason: 'Use kognitivMemberId.',
    });
    expect(named(profile!.fields!, 'kognitivMemberId')).toEqual({ name: 'kognitivMemberId', isDeprecated: false, deprecationReason: null });
  });
});
