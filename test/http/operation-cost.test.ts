import { Kind, parse, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { measureOperation } from '../../src/http/operation-cost.js';

function measure(query: string, variables?: Record<string, unknown>) {
  const document = parse(query);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  return measureOperation(document, operation, variables);
}

describe('measureOperation', () => {
  it('measures depth, aliases and member fields', () => {
    expect(measure('{ a: member(id: "1") { loyalty { firstName } } b: member(id: "2") { id } }')).toEqual({
      depth: 3,
      aliases: 2,
      memberFields: 2,
      entityRepresentations: 0,
      introspectionFields: 0,
    });
  });

  it('counts through fragments and inline fragments', () => {
    const cost = measure(`
      query { ...Root ... on Query { c: member(id: "3") { id } } }
      fragment Root on Query { a: member(id: "1") { ...Deep } b: member(id: "2") { id } }
      fragment Deep on Member { loyalty { firstName } }
    `);

    expect(cost).toEqual({ depth: 3, aliases: 3, memberFields: 3, entityRepresentations: 0, introspectionFields: 0 });
  });

  it('counts _entities representations from variables or literals', () => {
    const query = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Member { id } } }';

    expect(measure(query, { r: Array.from({ length: 50 }, (_, i) => ({ __typename: 'Member', id: `${i}` })) }).entityRepresentations).toBe(50);
    expect(measure('{ _entities(representations: [{ __typename: "Member", id: "1" }, { __typename: "Member", id: "2" }]) { __typename } }').entityRepresentations).toBe(2);
  });

  it('counts _entities representations from a default value, or a literal list of variables', () => {
    const fromDefault = 'query($r: [_Any!]! = [{ __typename: "Member", id: "1" }, { __typename: "Member", id: "2" }, { __typename: "Member", id: "3" }]) { _entities(representations: $r) { __typename } }';
    const ofVariables = 'query($a: _Any!) { _entities(representations: [$a, $a, $a, $a]) { __typename } }';

    expect(measure(fromDefault).entityRepresentations).toBe(3);
    expect(measure(fromDefault, { r: [{ __typename: 'Member', id: '1' }] }).entityRepresentations).toBe(1);
    expect(measure(ofVariables, { a: { __typename: 'Member', id: '1' } }).entityRepresentations).toBe(4);
  });

  it('leaves introspection out of depth, which Sandbox needs however deep it is, but counts its aliases and root fields', () => {
    const cost = measure('{ __schema { types { fields { type { ofType { ofType { name } } } } } } a: __typename b: __type(name: "Member") { n: name } }');

    expect(cost).toEqual({ depth: 0, aliases: 3, memberFields: 0, entityRepresentations: 0, introspectionFields: 2 });
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
