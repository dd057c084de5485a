import 'reflect-metadata';
import { expect, it } from 'vitest';
import { buildMemberSubgraphSchema } from '../../src/schema/build-subgraph-schema.js';

/** Federation's own additions (`_entities`, `_Any`, `link__Purpose`, …) and GraphQL's built-ins are not ours to describe. */
const isNotOurs = (name: string) =>
  name.startsWith('_') || name.includes('__') || ['String', 'Int', 'Float', 'Boolean', 'ID'].includes(name);

interface Described {
  name: string;
  description?: string | null;
}

// Duck-typed on purpose: @apollo/subgraph builds the schema with graphql's CommonJS build, the test
// imports the ESM one, and graphql's instanceof checks refuse to mix the two.
it('describes every type, field, argument and enum value, so Sandbox explains the graph by itself', async () => {
  const schema = await buildMemberSubgraphSchema();
  const missing: string[] = [];

  for (const type of Object.values(schema.getTypeMap()) as (Described & {
    getFields?: () => Record<string, Described & { args?: Described[] }>;
    getValues?: () => Described[];
  })[]) {
    if (isNotOurs(type.name)) continue;
    if (!type.description && !['Query', 'Mutation'].includes(type.name)) missing.push(type.name);
    for (const field of Object.values(type.getFields?.() ?? {})) {
      if (isNotOurs(field.name)) continue;
      if (!field.description) missing.push(`${type.name}.${field.name}`);
      for (const arg of field.args ?? []) if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name})`);
    }
    for (const value of type.getValues?.() ?? []) if (!value.description) missing.push(`${type.name}.${value.name}`);
  }

  expect(missing).toEqual([]);
});

interface InputField extends Described {
  type: { toString(): string };
}

it('states the maximum length of every string argument and input field', async () => {
  const schema = await buildMemberSubgraphSchema();
  const unbounded: string[] = [];
  const isText = (field: InputField) => /^\[?(String|ID)!?\]?!?$/.test(field.type.toString());

  for (const type of Object.values(schema.getTypeMap()) as (Described & {
    getFields?: () => Record<string, InputField & { args?: InputField[] }>;
  })[]) {
    if (isNotOurs(type.name)) continue;
    for (const field of Object.values(type.getFields?.() ?? {})) {
      const textInputs = 'args' in field ? (field.args ?? []) : isText(field) ? [field] : [];
      for (const input of textInputs.filter(isText))
        if (!/at most \d+ characters/.test(input.description ?? ''))
          unbounded.push(`${type.name}.${field.name}${input === field ? '' : `(${input.name})`}`);
    }
  }

  expect(unbounded).toEqual([]);
});
