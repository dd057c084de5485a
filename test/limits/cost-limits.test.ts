import { getIntrospectionQuery, Kind, type OperationDefinitionNode, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { measureOperation } from '../../src/schema/operation-cost.js';
import { AS_STAFF, ROUTER, useRouterOnlySubgraph } from '../support/router-only-subgraph.js';
import { type GraphQLResponse, startSubgraph, useSandboxedSubgraph } from '../support/test-stack.js';

function measure(query: string, variables?: Record<string, unknown>) {
  const document = parse(query);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  return measureOperation(document, operation, variables);
}

/** The distinct members a measure names, unidentified ones as a count. */
function members(query: string, variables?: Record<string, unknown>) {
  const { ids, unidentified } = measure(query, variables).entityMembers;
  return { ids: [...ids].sort(), unidentified };
}

const NO_MEMBERS = { ids: new Set(), unidentified: 0 };
const member = (id: unknown) => ({ __typename: 'Member', id });

describe('measureOperation', () => {
  it('measures depth, aliases and member fields', () => {
    expect(measure('{ a: member(id: "1") { loyalty { firstName } } b: member(id: "2") { id } }')).toEqual({
      depth: 3,
      aliases: 2,
      memberFields: 2,
      entityRepresentations: 0,
      entityMembers: NO_MEMBERS,
      introspectionFields: 0,
    });
  });

  it('counts through fragments and inline fragments', () => {
    const cost = measure(`
      query { ...Root ... on Query { c: member(id: "3") { id } } }
      fragment Root on Query { a: member(id: "1") { ...Deep } b: member(id: "2") { id } }
      fragment Deep on Member { loyalty { firstName } }
    `);

    expect(cost).toEqual({
      depth: 3,
      aliases: 3,
      memberFields: 3,
      entityRepresentations: 0,
      entityMembers: NO_MEMBERS,
      introspectionFields: 0,
    });
  });

  it('counts _entities representations from variables or literals', () => {
    const query = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Member { id } } }';

    expect(measure(query, { r: Array.from({ length: 50 }, (_, i) => ({ __typename: 'Member', id: `${i}` })) }).entityRepresentations).toBe(
      50,
    );
    expect(
      measure('{ _entities(representations: [{ __typename: "Member", id: "1" }, { __typename: "Member", id: "2" }]) { __typename } }')
        .entityRepresentations,
    ).toBe(2);
  });

  it('counts _entities representations from a default value, or a literal list of variables', () => {
    const fromDefault =
      'query($r: [_Any!]! = [{ __typename: "Member", id: "1" }, { __typename: "Member", id: "2" }, { __typename: "Member", id: "3" }]) { _entities(representations: $r) { __typename } }';
    const ofVariables = 'query($a: _Any!) { _entities(representations: [$a, $a, $a, $a]) { __typename } }';

    expect(measure(fromDefault).entityRepresentations).toBe(3);
    expect(measure(fromDefault, { r: [{ __typename: 'Member', id: '1' }] }).entityRepresentations).toBe(1);
    expect(measure(ofVariables, { a: { __typename: 'Member', id: '1' } }).entityRepresentations).toBe(4);
  });

  it('counts the distinct members of _entities, ids as given, however the list arrives', () => {
    const bound = 'query($r: [_Any!]!) { _entities(representations: $r) { __typename } }';
    const page = Array.from({ length: 150 }, (_, i) => member(['M1001', 'M1002', 'M1008'][i % 3]));

    expect(measure(bound, { r: page })).toMatchObject({
      entityRepresentations: 150,
      entityMembers: { ids: new Set(['M1001', 'M1002', 'M1008']), unidentified: 0 },
    });
    // The DataLoaders key on the id as sent: these are four members' worth of vendor calls.
    expect(members(bound, { r: [member('M1001'), member('m1001'), member(' M1001'), member('M1001 '), member('M1001')] }).ids).toEqual([
      ' M1001',
      'M1001',
      'M1001 ',
      'm1001',
    ]);
    expect(
      members(
        'query($r: [_Any!]! = [{ __typename: "Member", id: "A" }, { __typename: "Member", id: "A" }, { __typename: "Member", id: "B" }]) { _entities(representations: $r) { __typename } }',
      ),
    ).toEqual({ ids: ['A', 'B'], unidentified: 0 });
    expect(
      members('query($a: _Any!, $b: _Any!) { _entities(representations: [$a, $b, $a]) { __typename } }', {
        a: member('A'),
        b: member('B'),
      }),
    ).toEqual({ ids: ['A', 'B'], unidentified: 0 });
    expect(
      members(
        'query($id: String = "D") { _entities(representations: [{ __typename: "Member", id: $id }, { __typename: "Member", id: "D" }]) { __typename } }',
      ),
    ).toEqual({ ids: ['D'], unidentified: 0 });
  });

  it('counts a representation whose id cannot be known before execution as a member of its own', () => {
    const bound = 'query($r: [_Any!]!) { _entities(representations: $r) { __typename } }';

    expect(
      members(bound, { r: [member(1001), member(1001), { __typename: 'Member' }, 'M1001', null, member({ id: 'A' }), member('A')] }),
    ).toEqual({ ids: ['A'], unidentified: 6 });
    expect(members('query($a: _Any) { _entities(representations: [$a, $a]) { __typename } }')).toEqual({ ids: [], unidentified: 2 });
    expect(members('query($id: String) { _entities(representations: [{ __typename: "Member", id: $id }]) { __typename } }')).toEqual({
      ids: [],
      unidentified: 1,
    });
    // An inherited `id` is not the representation's own.
    expect(members('query($__proto__: _Any) { _entities(representations: [$__proto__]) { __typename } }')).toEqual({
      ids: [],
      unidentified: 1,
    });
  });

  it('names the members once however often a fragment spreads them, and counts every representation', () => {
    const cost = measure(
      'query($r: [_Any!]!) { ...A ...A a: _entities(representations: $r) { __typename } } fragment A on Query { _entities(representations: $r) { __typename } }',
      { r: [member('A'), member('B')] },
    );

    expect(cost.entityRepresentations).toBe(6);
    expect([...cost.entityMembers.ids].sort()).toEqual(['A', 'B']);
  });

  it('leaves introspection out of depth, which Sandbox needs however deep it is, but counts its aliases and root fields', () => {
    const cost = measure(
      '{ __schema { types { fields { type { ofType { ofType { name } } } } } } a: __typename b: __type(name: "Member") { n: name } }',
    );

    expect(cost).toEqual({
      depth: 0,
      aliases: 3,
      memberFields: 0,
      entityRepresentations: 0,
      entityMembers: NO_MEMBERS,
      introspectionFields: 2,
    });
  });

  it('measures a fragment bomb in linear time, with its multiplied count', () => {
    const levels = 40;
    const fragments = Array.from({ length: levels }, (_, i) =>
      i === levels - 1 ? `fragment F${i} on Query { x: member(id: "1") { id } }` : `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`,
    );

    const cost = measure(`query { ...F0 } ${fragments.join(' ')}`);

    expect(cost.memberFields).toBe(2 ** (levels - 1));
  });

  it('stops at a fragment cycle', () => {
    expect(() => measure('query { ...A } fragment A on Query { ...B } fragment B on Query { ...A member(id: "1") { id } }')).not.toThrow();
  });
});

describe('through the API, with the default limits', () => {
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
      [
        'a bound variable',
        `query($r: [_Any!]!) { _entities(representations: $r) { ${LOYALTY} } }`,
        { r: representations(MAX_MEMBERS + 1) },
      ],
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

      expect(answers.map((a) => a.errors?.[0]?.extensions?.limit ?? 'served').sort()).toEqual([
        'entityRepresentations',
        'served',
        'served',
      ]);
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
      [
        '400 aliases of __schema',
        `{ ${Array.from({ length: 400 }, (_, i) => `s${i}: __schema { types { name } }`).join(' ')} }`,
        'aliases',
      ],
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
});

describe('through the API, with tighter body and batch limits', () => {
  const { stack, vendorCalls, post } = useRouterOnlySubgraph();

  describe('cost limits', () => {
    it('refuses 60 aliases of member with QUERY_TOO_COSTLY before any vendor call', async () => {
      const query = `{ ${Array.from({ length: 60 }, (_, i) => `m${i}: member(id: "M1001") { loyalty { firstName } }`).join(' ')} }`;
      const before = vendorCalls();

      const response = await stack.subgraph.request(query, {}, AS_STAFF);

      expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COSTLY' });
      expect(vendorCalls()).toBe(before);
    });

    it("refuses 500 _entities representations, and passes the router's batches of 50", async () => {
      const query = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Member { id } } }';
      const reps = (n: number) => Array.from({ length: n }, (_, i) => ({ __typename: 'Member', id: `M${i}` }));

      expect((await stack.subgraph.request(query, { r: reps(500) }, AS_STAFF)).errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COSTLY');
      expect((await stack.subgraph.request(query, { r: reps(50) }, AS_STAFF)).data?._entities).toHaveLength(50);
    });

    it('refuses a query deeper than the limit', async () => {
      const shallow = await startSubgraph(stack.sandboxes, { env: { MAX_QUERY_DEPTH: '2' } });
      try {
        expect((await shallow.request('{ member(id: "M1001") { id } }')).errors).toBeUndefined();
        expect((await shallow.request('{ member(id: "M1001") { loyalty { firstName } } }')).errors?.[0]?.extensions).toMatchObject({
          code: 'QUERY_TOO_COSTLY',
          limit: 'depth',
          actual: 3,
          max: 2,
        });
      } finally {
        await shallow.close();
      }
    });

    it('caps batched HTTP operations', async () => {
      const operation = { query: '{ __typename }' };

      expect((await post(JSON.stringify([operation, operation]))).status).toBe(200);
      const refused = await post(JSON.stringify([operation, operation, operation, operation]));
      expect(JSON.parse(refused.text).errors[0].extensions).toMatchObject({ code: 'QUERY_TOO_COSTLY', limit: 'batchOperations' });
    });

    it('keeps CSRF prevention on: a simple cross-site request is refused', async () => {
      const response = await fetch(`${stack.subgraph.url}?query=${encodeURIComponent('{ __typename }')}`, { headers: ROUTER });

      expect(response.status).toBe(400);
      expect(await response.text()).toContain('CSRF');
    });

    it('refuses a body over the size limit with HTTP 413', async () => {
      const { status } = await post(JSON.stringify({ query: `{ __typename } # ${'x'.repeat(30_000)}` }));

      expect(status).toBe(413);
    });
  });
});
