import { buildSubgraphSchema, type GraphQLResolverMap } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { GraphQLSchema, parse, printType } from 'graphql';
import { buildSchema, createResolversMap } from 'type-graphql';
import { checkEntityRepresentations } from './entity-representations.js';
import { MemberErrorCodeEnum } from './errors/member-error-code.enum.js';
import { RecordInteractionResolver } from './interaction/record-interaction.resolver.js';
import { LoginResolver } from './login/login.resolver.js';
import { MemberResolver, resolveMemberReference } from './member/member.resolver.js';
import { SavePhoneResolver } from './phone/save-phone.resolver.js';
import { EnterPromotionResolver } from './promotion/enter-promotion.resolver.js';

export const FEDERATION_LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@authenticated"])';

/**
 * type-graphql builds the schema from the decorated classes; `buildSubgraphSchema` then adds the
 * federation pieces (`_service`, `_entities`) around the same SDL and resolvers.
 */
export async function buildMemberSubgraphSchema(): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers: [MemberResolver, SavePhoneResolver, EnterPromotionResolver, LoginResolver, RecordInteractionResolver],
    validate: false,
  });
  const typeDefs = parse([FEDERATION_LINK, printSchemaWithDirectives(schema), printType(MemberErrorCodeEnum)].join('\n\n'));
  const resolvers = createResolversMap(schema) as GraphQLResolverMap<unknown>;
  // `__resolveReference` is not a schema field, so type-graphql cannot declare it: it joins the map here.
  resolvers.Member = { ...(resolvers.Member as object), __resolveReference: resolveMemberReference } as GraphQLResolverMap<unknown>[string];
  // A list of modules: since 2.15 a lone `{ typeDefs, resolvers }` object is taken for a bare SDL document.
  const subgraph = buildSubgraphSchema([{ typeDefs, resolvers }]);
  checkEntityRepresentations(subgraph);
  return subgraph;
}
