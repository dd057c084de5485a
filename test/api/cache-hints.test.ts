import 'reflect-metadata';
import { buildSchema, Field, ObjectType, Query, Resolver } from 'type-graphql';
import { describe, expect, it } from 'vitest';
import { OpenToAnyone } from '../../src/schema/auth/access.js';
import { CacheHint, checkCacheHints } from '../../src/schema/shared/cache-hint.js';
import { useSandboxedSubgraph, type Subgraph } from '../support/test-stack.js';

/** The `Cache-Control` our subgraph answers `query` with, as a router reads it. */
async function cacheControl(subgraph: Subgraph, query: string): Promise<string | null> {
  const response = await fetch(subgraph.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  return response.headers.get('cache-control');
}

describe('cache hints with the default settings', () => {
  const stack = useSandboxedSubgraph();

  it('lets loyalty and billing be cached briefly, privately', async () => {
    expect(await cacheControl(stack.subgraph, '{ member(id: "M1001") { loyalty { firstName } billingAccounts { accountId } } }')).toBe(
      'max-age=60, private',
    );
  });

  it('never caches points (by default), mutations or an answer with an error, saying so in a way every router reads', async () => {
    const uncacheable = [
      '{ member(id: "M1001") { loyalty { firstName } points { available } } }',
      'mutation { recordInteraction(input: { memberId: "M1001", type: "CLUB-VISIT" }) { interactionId } }',
      '{ member(id: "NO-SUCH-MEMBER") { loyalty { firstName } } }',
    ];
    for (const query of uncacheable) expect(await cacheControl(stack.subgraph, query)).toBe('no-store, max-age=0');
  });
});

describe("cache hints: each field's row", () => {
  const env = { CACHE_MEMBER_SECONDS: '50', CACHE_LOYALTY_SECONDS: '40', CACHE_POINTS_SECONDS: '30', CACHE_BILLING_SECONDS: '20' };
  const stack = useSandboxedSubgraph(() => ({ env }));

  it("gives each cached field its own setting's max-age, private, and an answer the shortest of its fields'", async () => {
    const headers = {
      '{ member(id: "M1001") { id } }': 'max-age=50, private',
      '{ member(id: "M1001") { loyalty { firstName } } }': 'max-age=40, private',
      '{ member(id: "M1001") { points { available } } }': 'max-age=30, private',
      '{ member(id: "M1001") { billingAccounts { accountId } } }': 'max-age=20, private',
      '{ member(id: "M1001") { billingPhones { number } } }': 'max-age=20, private',
      '{ _entities(representations: [{ __typename: "Member", id: "M1001" }]) { ... on Member { id } } }': 'max-age=50, private',
    };
    for (const [query, header] of Object.entries(headers))
      expect([query, await cacheControl(stack.subgraph, query)]).toEqual([query, header]);
  });
});

@Resolver()
class MisplacedHintResolver {
  @OpenToAnyone()
  @CacheHint('Member.loyalty')
  @Query(() => String, { description: "A new field that copied another field's cache hint." })
  copied(): string {
    return 'member data';
  }
}

describe('the table of cache hints', () => {
  it('refuses to build a schema where a field declares another field’s row, or a row has no field, naming them', async () => {
    const schema = await buildSchema({ resolvers: [MisplacedHintResolver], validate: false });

    expect(() => checkCacheHints(schema)).toThrow(/Query\.copied declares Member\.loyalty;.*Query\.member is not declared by its field/);
  });
});

@ObjectType({ description: 'Data a new field adds below a cached field.' })
class Detail {
  @Field({ description: 'A value.' })
  value!: string;
}

@ObjectType({ description: 'A cached answer with an object field of its own.' })
class CachedWithDetail {
  @Field(() => Detail, { description: 'An object field with no row of its own.' })
  detail!: Detail;
}

@Resolver()
class UncoveredFieldResolver {
  @OpenToAnyone()
  @CacheHint('Query.member')
  @Query(() => CachedWithDetail, { description: 'Stands in for `member`.' })
  member(): CachedWithDetail {
    return { detail: { value: 'x' } };
  }
}

describe('the table of cache hints, below a cached field', () => {
  it('refuses an object field with no row under a field that has one, naming it (the policy counts only rows)', async () => {
    const schema = await buildSchema({ resolvers: [UncoveredFieldResolver], validate: false });

    expect(() => checkCacheHints(schema)).toThrow(/CachedWithDetail\.detail returns Detail below a cached field and has no row/);
  });
});
