import { describe, expect, it } from 'vitest';
import type { SandboxVendors } from '../../src/sandbox/start-sandbox-vendors.js';
import { liveVendorEnv, useSandboxedSubgraph } from '../support/test-stack.js';

const ROUTER_SECRET = 'introspection-test-secret';
const ROUTER = { 'router-authorization': ROUTER_SECRET };
const SCHEMA_QUERY = '{ __schema { queryType { name } } }';
const TYPE_QUERY = '{ __type(name: "Member") { fields { name } } }';
// "membr" is one letter from Query.member: graphql-js would suggest it.
const MISSPELLED_QUERY = '{ membr(id: "M1001") { id } }';
/** Apollo Server's NoIntrospection validation rule, refusing the operation before anything runs. */
const INTROSPECTION_DISABLED = { code: 'GRAPHQL_VALIDATION_FAILED', validationErrorCode: 'INTROSPECTION_DISABLED', retryable: false };

const INTROSPECTION_OFF_MESSAGE = 'Introspection is off on this subgraph: set INTROSPECTION=on to answer __schema and __type.';

/** NODE_ENV=production needs live vendors (the sandboxes, reached as if live) and the router secret. */
const production =
  (env: Record<string, string> = {}) =>
  (sandboxes: SandboxVendors) => ({ env: { NODE_ENV: 'production', ROUTER_SECRET, ...liveVendorEnv(sandboxes), ...env } });

describe('in production', () => {
  const stack = useSandboxedSubgraph(production());

  it.each([
    ['__schema', SCHEMA_QUERY],
    ['__type', TYPE_QUERY],
  ])('refuses %s before execution', async (_field, query) => {
    const response = await stack.subgraph.request(query, undefined, ROUTER);

    expect(response.data).toBeUndefined();
    expect(response.errors).toHaveLength(1);
    expect(response.errors![0]!.extensions).toEqual(INTROSPECTION_DISABLED);
    // The operator's setting, not Apollo's advice to its own users ("pass introspection: true to ApolloServer").
    expect(response.errors![0]!.message).toBe(INTROSPECTION_OFF_MESSAGE);
  });

  it('names no other field of the schema when a field is misspelled', async () => {
    const response = await stack.subgraph.request(MISSPELLED_QUERY, undefined, ROUTER);

    expect(response.errors).toHaveLength(1);
    expect(response.errors![0]!.message).toBe('Cannot query field "membr" on type "Query".');
    expect(response.errors![0]!.extensions).toEqual({ code: 'GRAPHQL_VALIDATION_FAILED', retryable: false });
  });

  it('still gives the router the SDL it composes from, behind the router secret', async () => {
    const withSecret = await stack.subgraph.request<{ _service: { sdl: string } }>('{ _service { sdl } }', undefined, ROUTER);
    const withoutSecret = await stack.subgraph.request('{ _service { sdl } }');

    expect(withSecret.errors).toBeUndefined();
    expect(withSecret.data!._service.sdl).toContain('type Member');
    expect(withoutSecret.status).toBe(401);
    expect(withoutSecret.errors![0]!.extensions).toMatchObject({ code: 'UNAUTHENTICATED' });
  });
});

describe('in production with INTROSPECTION=on', () => {
  const stack = useSandboxedSubgraph(production({ INTROSPECTION: 'on' }));

  it('answers introspection and suggests fields', async () => {
    const schema = await stack.subgraph.request(SCHEMA_QUERY, undefined, ROUTER);
    const misspelled = await stack.subgraph.request(MISSPELLED_QUERY, undefined, ROUTER);

    expect(schema).toEqual({ status: 200, data: { __schema: { queryType: { name: 'Query' } } } });
    expect(misspelled.errors![0]!.message).toBe('Cannot query field "membr" on type "Query". Did you mean "member"?');
  });
});

describe.each(['development', 'test'])('with NODE_ENV=%s', (nodeEnv) => {
  describe('by default', () => {
    const stack = useSandboxedSubgraph(() => ({ env: { NODE_ENV: nodeEnv } }));

    it('answers introspection and suggests fields, as Apollo Sandbox needs', async () => {
      const schema = await stack.subgraph.request(SCHEMA_QUERY);
      const misspelled = await stack.subgraph.request(MISSPELLED_QUERY);

      expect(schema).toEqual({ status: 200, data: { __schema: { queryType: { name: 'Query' } } } });
      expect(misspelled.errors![0]!.message).toBe('Cannot query field "membr" on type "Query". Did you mean "member"?');
    });
  });

  describe('and INTROSPECTION=off', () => {
    const stack = useSandboxedSubgraph(() => ({ env: { NODE_ENV: nodeEnv, INTROSPECTION: 'off' } }));

    it('hides both', async () => {
      const schema = await stack.subgraph.request(SCHEMA_QUERY);
      const misspelled = await stack.subgraph.request(MISSPELLED_QUERY);

      expect(schema.errors![0]!.extensions).toEqual(INTROSPECTION_DISABLED);
      expect(schema.errors![0]!.message).toBe(INTROSPECTION_OFF_MESSAGE);
      expect(misspelled.errors![0]!.message).toBe('Cannot query field "membr" on type "Query".');
    });
  });
});
