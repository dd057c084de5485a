import { composeServices as composeWithApollo } from '@apollo/composition';
import { composeServices as composeWithGuild } from '@theguild/federation-composition';
import { federateSubgraphs } from '@wundergraph/composition';
import { buildSchema, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { COMPANION_SDL } from '../support/companion-subgraph.js';
import { MEMBERS_SDL } from '../support/supergraph-stack.js';

// Composition reads SDL only; the routing URLs are never called here.
const SUBGRAPHS = [
  { name: 'members', url: 'http://member-subgraph:4001/graphql', sdl: MEMBERS_SDL },
  { name: 'bookings', url: 'http://bookings:4002/graphql', sdl: COMPANION_SDL },
];
const PROTECTED_MEMBER_FIELDS = ['loyalty', 'points', 'billingAccounts'];

/** Just what these checks read of a GraphQLSchema, which each library builds with its own copy of graphql. */
interface ComposedApi {
  getType(name: string): unknown;
}

/** A field's type name without list and non-null wrappers, e.g. `Member` for `[Member!]!`. */
function fieldTypeName(api: ComposedApi, type: string, name: string): string | undefined {
  const fields = (api.getType(type) as { getFields?(): Record<string, { type: object }> } | undefined)?.getFields?.();
  return fields?.[name] && String(fields[name].type).replace(/[[\]!]/g, '');
}

/** What a client of the composed graph can ask for: both subgraphs' halves of Member, reached from either side. */
function expectBothWays(api: ComposedApi): void {
  expect(fieldTypeName(api, 'Booking', 'member')).toBe('Member');
  expect(fieldTypeName(api, 'Member', 'bookings')).toBe('Booking');
  for (const name of ['id', ...PROTECTED_MEMBER_FIELDS]) expect(fieldTypeName(api, 'Member', name)).toBeDefined();
  expect(fieldTypeName(api, 'Query', 'member')).toBe('Member');
  expect(fieldTypeName(api, 'Mutation', 'login')).toBe('LoginPayload');
  expect(api.getType('MemberErrorCode')).toBeDefined();
}

/** The renamed ids reach the composed graph's clients under both names, the old one deprecated (README, "One name per id"). */
function expectOldNamesDeprecated(api: ComposedApi): void {
  const field = (type: string, name: string) =>
    (api.getType(type) as { getFields(): Record<string, { deprecationReason?: string | null; type: object }> }).getFields()[name];
  expect(field('LoginInput', 'accountId')?.deprecationReason).toBe('Use memberId.');
  expect(String(field('LoginInput', 'memberId')?.type)).toBe('ID');
  expect(field('LoyaltyProfile', 'memberId')?.deprecationReason).toBe('Use kognitivMemberId.');
  expect(field('LoyaltyProfile', 'kognitivMemberId')?.deprecationReason ?? null).toBeNull();
}

/** The supergraph carries @authenticated where the member data is, for the router to enforce. */
function expectAuthenticatedOnMemberData(supergraphSdl: string): void {
  const member = /type Member[^{]*\{([^}]*)\}/.exec(supergraphSdl)?.[1] ?? '';
  for (const name of PROTECTED_MEMBER_FIELDS) expect(member).toMatch(new RegExp(`\\b${name}: [^\\n]*@authenticated`));
  expect(member).not.toMatch(/\bid: [^\n]*@authenticated/);
}

describe('composing the subgraph with a companion that references Member', () => {
  it('composes with @apollo/composition (Rover, Apollo Router, @apollo/gateway)', () => {
    const result = composeWithApollo(SUBGRAPHS.map(({ name, url, sdl }) => ({ name, url, typeDefs: parse(sdl) })));

    expect(result.errors).toBeUndefined();
    expectBothWays(result.schema!.toAPISchema().toGraphQLJSSchema());
    expectOldNamesDeprecated(result.schema!.toAPISchema().toGraphQLJSSchema());
    expectAuthenticatedOnMemberData(result.supergraphSdl!);
  });

  it('composes with @theguild/federation-composition (Hive, Hive Gateway)', () => {
    const result = composeWithGuild(SUBGRAPHS.map(({ name, url, sdl }) => ({ name, url, typeDefs: parse(sdl) })));

    expect(result.errors).toBeUndefined();
    expectBothWays(buildSchema(result.publicSdl!));
    expectOldNamesDeprecated(buildSchema(result.publicSdl!));
    expectAuthenticatedOnMemberData(result.supergraphSdl!);
  });

  it('composes with @wundergraph/composition (Cosmo), whose router config marks the member data as needing a signed-in caller', () => {
    const result = federateSubgraphs({ subgraphs: SUBGRAPHS.map(({ name, url, sdl }) => ({ name, url, definitions: parse(sdl) })) });

    if (!result.success) throw new AggregateError(result.errors, 'composition failed');
    expectBothWays(result.federatedGraphClientSchema);
    expectOldNamesDeprecated(result.federatedGraphClientSchema);
    const needsSignIn = (typeName: string, fieldName: string) =>
      result.fieldConfigurations.find((f) => f.typeName === typeName && f.fieldName === fieldName)?.requiresAuthentication ?? false;
    for (const name of PROTECTED_MEMBER_FIELDS) expect(needsSignIn('Member', name)).toBe(true);
    expect(needsSignIn('Query', 'member')).toBe(true);
    expect(needsSignIn('Member', 'id')).toBe(false);
    expect(needsSignIn('LoginPayload', 'member')).toBe(false);
    expect(needsSignIn('Mutation', 'login')).toBe(false);
  });
});
