import { describe, expect, it } from 'vitest';
import { useSandboxedSubgraph, type Subgraph } from '../support/test-stack.js';

/** The `Cache-Control` our subgraph answers one operation (or a batch of them) with, and whether it answered with errors. */
async function answer(subgraph: Subgraph, body: unknown): Promise<{ header: string | null; errors: boolean }> {
  const response = await fetch(subgraph.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json = (await response.json()) as { errors?: unknown } | { errors?: unknown }[];
  const errors = (Array.isArray(json) ? json : [json]).some((one) => one.errors !== undefined);
  return { header: response.headers.get('cache-control'), errors };
}

const UNCACHEABLE = 'no-store, max-age=0';

/**
 * Which fields of an operation decide its `Cache-Control`, as Apollo's cache-control plugin decides it: every root field
 * that ran, whatever its type, and every object field below it that ran, each with its CACHE_HINTS row or else 0 s;
 * meta fields (`__typename`, introspection) and fields that never ran (skipped, under a `null` or an empty list) count
 * for nothing. Each setting differs, so the header says which fields counted.
 */
describe('the cache policy of a whole operation', () => {
  const env = { CACHE_MEMBER_SECONDS: '50', CACHE_LOYALTY_SECONDS: '40', CACHE_POINTS_SECONDS: '30', CACHE_BILLING_SECONDS: '20' };
  const stack = useSandboxedSubgraph(() => ({ env }));
  const cases: [name: string, body: { query: string; variables?: unknown }, header: string][] = [
    ['__typename beside member counts for nothing', { query: '{ __typename member(id: "M1001") { id } }' }, 'max-age=50, private'],
    ['an aliased __typename alone is no hint at all', { query: '{ kind: __typename }' }, UNCACHEABLE],
    [
      'introspection beside member counts for nothing',
      { query: '{ member(id: "M1001") { id } __schema { queryType { name } } }' },
      'max-age=50, private',
    ],
    ['a root field without a row makes the answer uncacheable', { query: '{ member(id: "M1001") { id } _service { sdl } }' }, UNCACHEABLE],
    [
      'two aliased members: the shortest of every field that ran',
      { query: '{ a: member(id: "M1001") { id } b: member(id: "M1002") { loyalty { firstName } } }' },
      'max-age=40, private',
    ],
    ['a skipped member runs no field: no hint', { query: '{ member(id: "M1001") @skip(if: true) { id } }' }, UNCACHEABLE],
    [
      'a field left out by a variable counts for nothing',
      { query: 'query($with: Boolean = false) { member(id: "M1001") { id points @include(if: $with) { available } } }' },
      'max-age=50, private',
    ],
    [
      'the same field included by its variable counts',
      {
        query: 'query($with: Boolean = false) { member(id: "M1001") { id points @include(if: $with) { available } } }',
        variables: { with: true },
      },
      'max-age=30, private',
    ],
    [
      'fields reached through fragments count',
      {
        query:
          'query { ...Root } fragment Root on Query { m: member(id: "M1001") { ...Billing } } fragment Billing on Member { billingAccounts { accountId } }',
      },
      'max-age=20, private',
    ],
    [
      'an empty list of accounts still carries its hint',
      { query: '{ member(id: "M1005") { billingAccounts { accountId } } }' },
      'max-age=20, private',
    ],
    ['_entities with no representation sets no hint', { query: '{ _entities(representations: []) { __typename } }' }, UNCACHEABLE],
    [
      '_entities beside member: the shortest of both',
      {
        query:
          '{ _entities(representations: [{ __typename: "Member", id: "M1001" }]) { ... on Member { loyalty { firstName } } } member(id: "M1002") { id } }',
      },
      'max-age=40, private',
    ],
  ];

  it.each(cases)('%s', async (_name, body, header) => {
    const answered = await answer(stack.subgraph, body);
    expect(answered).toEqual({ header, errors: false });
  });

  it('gives each operation of a batch its own policy; the batch carries the last one written', async () => {
    const cacheable = { query: '{ member(id: "M1001") { id } }' };
    const uncacheable = { query: '{ __typename }' };
    expect(await answer(stack.subgraph, [cacheable, cacheable])).toEqual({ header: 'max-age=50, private', errors: false });
    expect((await answer(stack.subgraph, [uncacheable, uncacheable])).header).toBe(UNCACHEABLE);
  });
});
