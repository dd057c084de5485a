import { composeServices as composeWithApollo } from '@apollo/composition';
import { composeServices as composeWithGuild } from '@theguild/federation-composition';
import { federateSubgraphs } from '@wundergraph/composition';
import { buildSchema, Kind, parse, print, type ObjectTypeDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { FIELD_COSTS, costWeight } from '../../src/schema/shared/field-cost.js';
import { COMPANION_SDL } from '../../bench/companion-subgraph.js';
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

/** The demand control directives a router estimates by (Federation 2.9 `@cost`, `@listSize`), kept in the supergraph. */
function expectCostDirectives(supergraphSdl: string): void {
  const arguments_ = (type: string, field: string, directive: string) => {
    const definition = parse(supergraphSdl).definitions.find(
      (d): d is ObjectTypeDefinitionNode => d.kind === Kind.OBJECT_TYPE_DEFINITION && d.name.value === type,
    );
    const applied = definition?.fields?.find((f) => f.name.value === field)?.directives?.find((d) => d.name.value === directive);
    return applied && Object.fromEntries(applied.arguments?.map((a) => [a.name.value, print(a.value)]) ?? []);
  };
  for (const [type, field, cost] of COSTED_FIELDS) {
    expect(arguments_(type, field, 'cost')).toEqual({ weight: String(costWeight(cost)) });
    const listSize = 'listSize' in cost ? { assumedSize: String(cost.listSize), requireOneSlicingArgument: 'false' } : undefined;
    expect(arguments_(type, field, 'listSize')).toEqual(listSize);
  }
}

const COSTED_FIELDS = [
  ['Member', 'loyalty', FIELD_COSTS.loyalty],
  ['Member', 'billingAccounts', FIELD_COSTS.billingAccounts],
  ['Member', 'billingPhones', FIELD_COSTS.billingPhones],
  ['Mutation', 'savePhone', FIELD_COSTS.savePhone],
] as const;

describe('composing the subgraph with a companion that references Member', () => {
  it('composes with @apollo/composition (Rover, Apollo Router, @apollo/gateway)', () => {
    const result = composeWithApollo(SUBGRAPHS.map(({ name, url, sdl }) => ({ name, url, typeDefs: parse(sdl) })));

    expect(result.errors).toBeUndefined();
    expectBothWays(result.schema!.toAPISchema().toGraphQLJSSchema());
    expectOldNamesDeprecated(result.schema!.toAPISchema().toGraphQLJSSchema());
    expectAuthenticatedOnMemberData(result.supergraphSdl!);
    expectCostDirectives(result.supergraphSdl!);
  });

  it('composes with @theguild/federation-composition (Hive, Hive Gateway)', () => {
    const result = composeWithGuild(SUBGRAPHS.map(({ name, url, sdl }) => ({ name, url, typeDefs: parse(sdl) })));

    expect(result.errors).toBeUndefined();
    expectBothWays(buildSchema(result.publicSdl!));
    expectOldNamesDeprecated(buildSchema(result.publicSdl!));
    expectAuthenticatedOnMemberData(result.supergraphSdl!);
    expectCostDirectives(result.supergraphSdl!);
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

  it("composes with @wundergraph/composition (Cosmo), whose router config carries the subgraph's costs and list sizes", () => {
    const result = federateSubgraphs({ subgraphs: SUBGRAPHS.map(({ name, url, sdl }) => ({ name, url, definitions: parse(sdl) })) });

    if (!result.success) throw new AggregateError(result.errors, 'composition failed');
    const costs = result.subgraphConfigBySubgraphName.get('members')?.costs;
    for (const [type, field, cost] of COSTED_FIELDS) {
      expect(costs?.fieldWeights.get(`${type}.${field}`)?.weight).toBe(costWeight(cost));
      expect(costs?.listSizes.get(`${type}.${field}`)?.assumedSize).toBe('listSize' in cost ? cost.listSize : undefined);
    }
  });
});
