import { getIntrospectionQuery } from 'graphql';
import { describe, expect, it } from 'vitest';
import { type GraphQLResponse, useSandboxedSubgraph } from '../support/test-stack.js';

const ROUTER_SECRET = 'router-shared-secret-for-tests';
const AS_STAFF = { 'router-authorization': ROUTER_SECRET, 'x-staff-scopes': 'members:manage' };

// The default limits: 150 distinct members and 2000 representations for _entities, 30 aliases, 3 introspection root
// fields, 10 operations per batch.
const stack = useSandboxedSubgraph(() => ({ env: { ROUTER_SECRET, AUTHORIZATION: 'on' } }));

function vendorCalls(): number {
  return stack.sandboxes.kognitiv!.sandbox.callCount() + stack.sandboxes.debitsuccess!.sandbox.callCount();
}

/** One HTTP request carrying several operations, as a router's subgraph batching sends them. */
async function batch(operations: { query: string; variables?: Record<string, unknown> }[]): Promise<GraphQLResponse[]> {
  const response = await fetch(stack.subgraph.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...AS_STAFF },
    body: JSON.stringify(operations),
  });
  return (await response.json()) as GraphQLResponse[];
}

const literal = (n: number, prefix = 'M') =>
  `[${Array.from({ length: n }, (_, i) => `{ __typename: "Member", id: "${prefix}${i}" }`).join(', ')}]`;
const representations = (n: number, prefix = 'M') => Array.from({ length: n }, (_, i) => ({ __typename: 'Member', id: `${prefix}${i}` }));
const LOYALTY = '... on Member { loyalty { firstName } }';

const MAX_MEMBERS = 150;
const MAX_REPRESENTATIONS = 2000;

describe('_entities members are counted however the list arrives', () => {
  const variables = Array.from({ length: MAX_MEMBERS + 1 }, (_, i) => `$a${i}`);
  it.each([
    ['a variable default value', `query($r: [_Any!]! = ${literal(1000)}) { _entities(representations: $r) { ${LOYALTY} } }`, {}],
    [
      'a default value inside a fragment',
      `query($r: [_Any!]! = ${literal(MAX_MEMBERS + 1)}) { ...E } fragment E on Query { _entities(representations: $r) { ${LOYALTY} } }`,
      {},
    ],
    [
      'a literal list of variables',
      `query(${variables.map((v) => `${v}: _Any!`).join(', ')}) { _entities(representations: [${variables.join(', ')}]) { ${LOYALTY} } }`,
      Object.fromEntries(variables.map((v, i) => [v.slice(1), { __typename: 'Member', id: `M${i}` }])),
    ],
    ['an inline literal', `{ _entities(representations: ${literal(MAX_MEMBERS + 1)}) { ${LOYALTY} } }`, {}],
    ['a bound variable', `query($r: [_Any!]!) { _entities(representations: $r) { ${LOYALTY} } }`, { r: representations(MAX_MEMBERS + 1) }],
  ])('refuses too many distinct members given as %s, before any vendor call', async (_case, query, variables) => {
    const before = vendorCalls();

    const response = await stack.subgraph.request(query, variables, AS_STAFF);

    expect(response.errors?.[0]?.extensions).toMatchObject({
      code: 'QUERY_TOO_COSTLY',
      limit: 'entityMembers',
      max: MAX_MEMBERS,
      retryable: false,
    });
    expect(response.errors?.[0]?.extensions?.actual).toBeGreaterThan(MAX_MEMBERS);
    expect(vendorCalls()).toBe(before);
  });

  it('serves a router page of many representations of few members, calling the vendors once per member', async () => {
    const page = Array.from({ length: 600 }, (_, i) => ({ __typename: 'Member', id: ['M1001', 'M1002', 'M1008'][i % 3] }));
    stack.sandboxes.kognitiv!.sandbox.resetCallCounts();

    const response = await stack.subgraph.request(
      `query($r: [_Any!]!) { _entities(representations: $r) { ${LOYALTY} } }`,
      { r: page },
      AS_STAFF,
    );

    expect(response.errors).toBeUndefined();
    expect(response.data?._entities).toHaveLength(600);
    expect(stack.sandboxes.kognitiv!.sandbox.callCount('FetchLoyaltyMemberCore')).toBe(3);
  });

  it('serves 120 distinct members in one _entities, as Hive Gateway merges two parallel fetches of 60', async () => {
    const response = await stack.subgraph.request(
      `query($r: [_Any!]!) { _entities(representations: $r) { ${LOYALTY} } }`,
      { r: representations(120, 'HIVE-') },
      AS_STAFF,
    );

    expect(response.data?._entities).toHaveLength(120);
    expect(response.errors?.map((e) => e.extensions?.code)).not.toContain('QUERY_TOO_COSTLY');
  });

  it('refuses more representations than the raw cap even of one member, before any vendor call', async () => {
    const before = vendorCalls();
    const oneMember = Array.from({ length: MAX_REPRESENTATIONS + 1 }, () => ({ __typename: 'Member', id: 'M1001' }));

    const response = await stack.subgraph.request(
      `query($r: [_Any!]!) { _entities(representations: $r) { ${LOYALTY} } }`,
      { r: oneMember },
      AS_STAFF,
    );

    expect(response.errors?.[0]?.extensions).toMatchObject({
      code: 'QUERY_TOO_COSTLY',
      limit: 'entityRepresentations',
      actual: MAX_REPRESENTATIONS + 1,
      max: MAX_REPRESENTATIONS,
      retryable: false,
    });
    expect(vendorCalls()).toBe(before);
  });

  it('serves a default value within the limit', async () => {
    const response = await stack.subgraph.request(
      `query($r: [_Any!]! = ${literal(50)}) { _entities(representations: $r) { ... on Member { id } } }`,
      {},
      AS_STAFF,
    );

    expect(response.errors).toBeUndefined();
    expect(response.data?._entities).toHaveLength(50);
  });
});

describe('a batched HTTP request shares one budget', () => {
  const query = `query($r: [_Any!]!) { _entities(representations: $r) { ${LOYALTY} } }`;

  it('runs 10 operations of 100 members each as far as one budget goes, and refuses the rest before any vendor call', async () => {
    const before = vendorCalls();

    const answers = await batch(Array.from({ length: 10 }, (_, op) => ({ query, variables: { r: representations(100, `M${op}-`) } })));

    const refused = answers.filter((a) => a.errors?.[0]?.extensions?.code === 'QUERY_TOO_COSTLY');
    expect(answers).toHaveLength(10);
    expect(refused).toHaveLength(9);
    expect(refused[0]!.errors![0]!.extensions).toMatchObject({ limit: 'entityMembers', actual: 200, max: MAX_MEMBERS });
    // One operation's members: 100, at most three vendor calls each.
    expect(vendorCalls() - before).toBeLessThanOrEqual(300);
  });

  it("counts a member named by several operations once, as the request's DataLoaders serve it once", async () => {
    const before = vendorCalls();

    const answers = await batch(Array.from({ length: 10 }, () => ({ query, variables: { r: representations(100, 'SAME-') } })));

    expect(answers.map((a) => a.errors?.[0]?.extensions?.code).filter((code) => code === 'QUERY_TOO_COSTLY')).toEqual([]);
    expect(answers.every((a) => a.data?._entities.length === 100)).toBe(true);
    expect(vendorCalls() - before).toBeLessThanOrEqual(300);
  });

  it('holds the raw cap across the batch too', async () => {
    const answers = await batch(
      Array.from({ length: 3 }, () => ({
        query,
        variables: { r: Array.from({ length: 800 }, () => ({ __typename: 'Member', id: 'M1001' })) },
      })),
    );

    expect(answers.map((a) => a.errors?.[0]?.extensions?.limit ?? 'served').sort()).toEqual(['entityRepresentations', 'served', 'served']);
  });

  it('counts member fields across the batch too', async () => {
    const query = `{ ${Array.from({ length: 10 }, (_, i) => `m${i}: member(id: "M${i}") { id }`).join(' ')} }`;

    const answers = await batch([{ query }, { query }, { query }]);

    // Operations run concurrently: which one is refused depends on which reaches the budget last.
    expect(answers.map((a) => a.errors?.[0]?.extensions?.limit ?? 'served').sort()).toEqual(['memberFields', 'served', 'served']);
  });
});

describe('introspection is not free', () => {
  it.each([
    ['4,000 aliases of __typename', `{ ${Array.from({ length: 4000 }, (_, i) => `t${i}: __typename`).join(' ')} }`, 'aliases'],
    ['400 aliases of __schema', `{ ${Array.from({ length: 400 }, (_, i) => `s${i}: __schema { types { name } }`).join(' ')} }`, 'aliases'],
    [
      'aliases inside introspection',
      `{ __schema { ${Array.from({ length: 40 }, (_, i) => `t${i}: types { name }`).join(' ')} } }`,
      'aliases',
    ],
    [
      'four introspection root fields',
      '{ __schema { queryType { name } } a: __type(name: "Query") { name } b: __type(name: "Member") { name } ... on Query { __schema { types { name } } } }',
      'introspectionFields',
    ],
  ])('refuses %s', async (_case, query, limit) => {
    const response = await stack.subgraph.request(query, {}, AS_STAFF);

    expect(response.data ?? null).toBeNull();
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COSTLY', limit });
  });

  it('refuses introspection multiplied by batching', async () => {
    const answers = await batch(Array.from({ length: 4 }, () => ({ query: '{ __schema { types { name } } }' })));

    expect(answers.map((a) => a.errors?.[0]?.extensions?.limit ?? 'served').sort()).toEqual([
      'introspectionFields',
      'served',
      'served',
      'served',
    ]);
  });

  it("answers Apollo Sandbox's introspection query and _service { sdl }", async () => {
    const sandboxQuery = getIntrospectionQuery({
      descriptions: true,
      specifiedByUrl: true,
      directiveIsRepeatable: true,
      schemaDescription: true,
      inputValueDeprecation: true,
      oneOf: true,
    });

    const introspection = await stack.subgraph.request(sandboxQuery, {}, AS_STAFF);
    const sdl = await stack.subgraph.request('{ _service { sdl } }', {}, AS_STAFF);

    expect(introspection.errors).toBeUndefined();
    expect(introspection.data?.__schema.types.map((t: { name: string }) => t.name)).toContain('Member');
    expect(sdl.data?._service.sdl).toContain('enum MemberErrorCode');
  });
});
