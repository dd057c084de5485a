import { Kind, parse, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { measureOperation } from '../../src/schema/operation-cost.js';

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
