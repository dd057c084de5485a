import { buildSubgraphSchema, type GraphQLResolverMap } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { GraphQLSchema, type GraphQLObjectType, parse, printType, type GraphQLFieldResolver, type GraphQLResolveInfo } from 'graphql';
import { buildSchema, createResolversMap, getMetadataStorage } from 'type-graphql';
import { checkDeclaredAccess } from './auth/access.js';
import { checkCacheHints } from './shared/cache-hint.js';
import { checkEntityRepresentations } from './entity-representations.js';
import { MemberErrorCodeEnum } from './errors/member-error-code.enum.js';
import { RecordInteractionResolver } from './interaction/record-interaction.resolver.js';
import { LoginResolver } from './login/login.resolver.js';
import { LoyaltyProfileResolver } from './member/loyalty-profile.resolver.js';
import { MemberResolver } from './member/member.resolver.js';
import { SavePhoneResolver } from './phone/save-phone.resolver.js';
import { EnterPromotionResolver } from './promotion/enter-promotion.resolver.js';

// 2.9 defines @cost and @listSize (schema/shared/field-cost.ts).
export const FEDERATION_LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key", "@authenticated", "@cost", "@listSize"])';

/**
 * The schema type-graphql builds from the decorated classes; refused when a Query or Mutation field declares no access,
 * or a cache hint is not where its row says.
 */
export async function buildMemberSchema(): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers: [
      MemberResolver,
      LoyaltyProfileResolver,
      SavePhoneResolver,
      EnterPromotionResolver,
      LoginResolver,
      RecordInteractionResolver,
    ],
    validate: false,
  });
  checkDeclaredAccess(schema);
  checkCacheHints(schema);
  return schema;
}

/**
 * type-graphql gives every field a resolver that runs its middlewares, even a plain property that has none: for each
 * field of each result, an object and a closure around `root[name]`. Those fields are left to graphql-js's default
 * resolver, which reads the same property; a field with a resolver method, declared steps (middlewares), roles or
 * arguments, or a schema name other than its property's, keeps type-graphql's.
 */
function leavePlainPropertiesToDefaultResolver(schema: GraphQLSchema): void {
  const storage = getMetadataStorage();
  const typeNameOf = new Map(storage.objectTypes.map((type) => [type.target, type.name]));
  for (const field of storage.fields) {
    // By name, not `instanceof`: type-graphql's graphql module may be another copy (its CommonJS build) than ours.
    const type = schema.getType(typeNameOf.get(field.target) ?? '') as GraphQLObjectType | undefined;
    if (type?.[Symbol.toStringTag] !== 'GraphQLObjectType') continue;
    const plain =
      field.name === field.schemaName &&
      !field.middlewares?.length &&
      field.roles === undefined &&
      !field.params?.length &&
      !storage.fieldResolvers.some((resolver) => resolver.getObjectType?.() === field.target && resolver.methodName === field.name);
    const schemaField = type.getFields()[field.schemaName];
    if (plain && schemaField !== undefined) schemaField.resolve = undefined;
  }
}

/**
 * `buildSubgraphSchema` adds the federation pieces (`_service`, `_entities`) around the SDL and resolvers
 * of the type-graphql schema.
 */
export async function buildMemberSubgraphSchema(): Promise<GraphQLSchema> {
  const schema = await buildMemberSchema();
  leavePlainPropertiesToDefaultResolver(schema);
  const typeDefs = parse([FEDERATION_LINK, printSchemaWithDirectives(schema), printType(MemberErrorCodeEnum)].join('\n\n'));
  const resolvers = createResolversMap(schema) as GraphQLResolverMap<unknown>;
  // A reference is the `member` query reached through `_entities`: the same validation, declared access check
  // and cache hint. `__resolveReference` is not a schema field, so type-graphql cannot declare it: it joins the
  // map here. Async on purpose: @apollo/subgraph fails the whole `_entities` list on a synchronous throw, but
  // only the one item on a rejected promise.
  const memberQuery = (resolvers.Query as Record<string, GraphQLFieldResolver<unknown, unknown>>).member!;
  const resolveMemberReference = async (reference: { id: string }, context: unknown, info: GraphQLResolveInfo) =>
    memberQuery(undefined, { id: reference.id }, context, info);
  resolvers.Member = { ...(resolvers.Member as object), __resolveReference: resolveMemberReference } as GraphQLResolverMap<unknown>[string];
  // A list of modules: since 2.15 a lone `{ typeDefs, resolvers }` object is taken for a bare SDL document.
  const subgraph = buildSubgraphSchema([{ typeDefs, resolvers }]);
  checkEntityRepresentations(subgraph);
  return subgraph;
}
