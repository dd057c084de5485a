import 'reflect-metadata';
import type { GraphQLObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { buildMemberSubgraphSchema } from '../../src/schema/build-subgraph-schema.js';

const schema = await buildMemberSubgraphSchema();
const resolverOf = (type: string, field: string) => (schema.getType(type) as GraphQLObjectType).getFields()[field]!.resolve;

// A field of every result costs per field only what it declares: a plain property with no declared step is read by
// graphql-js's default resolver, not through type-graphql's middleware runner (an object and a closure per field).
describe('field resolvers', () => {
  it('leaves plain properties to the default resolver', () => {
    for (const [type, field] of [
      ['Member', 'id'],
      ['LoyaltyProfile', 'firstName'],
      ['PointBalance', 'available'],
      ['BillingAccount', 'accountId'],
    ] as const) {
      expect(resolverOf(type, field), `${type}.${field}`).toBeUndefined();
    }
  });

  it('keeps the resolver of every field with a resolver method or declared steps', () => {
    for (const [type, field] of [
      ['Query', 'member'],
      ['Member', 'loyalty'],
      ['Member', 'points'],
      ['Member', 'billingAccounts'],
      ['Mutation', 'savePhone'],
    ] as const) {
      expect(resolverOf(type, field), `${type}.${field}`).toBeTypeOf('function');
    }
  });
});
