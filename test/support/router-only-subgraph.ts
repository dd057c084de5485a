import { useSandboxedSubgraph, type SubgraphOverrides } from './test-stack.js';

/** The router secret these subgraphs are started with, and the headers of a router, a member and staff calling through it. */
export const ROUTER_SECRET = 'router-shared-secret-for-tests';
export const ROUTER = { 'router-authorization': ROUTER_SECRET };
export const AS_MEMBER = (id: string) => ({ ...ROUTER, 'x-member-id': id });
export const AS_STAFF = { ...ROUTER, 'x-staff-scopes': 'profile members:manage' };

/**
 * A production-like subgraph for the enclosing describe block (or file): the router secret, authorization on, a small
 * login budget and tight body and batch limits, over `env`; with what its tests send and count.
 */
export function useRouterOnlySubgraph(env: Record<string, string> = {}) {
  const stack = useSandboxedSubgraph((): SubgraphOverrides => ({
    env: { ROUTER_SECRET, AUTHORIZATION: 'on', LOGIN_MAX_FAILURES: '3', MAX_BODY_BYTES: '20000', MAX_BATCH_OPERATIONS: '3', ...env },
  }));
  return {
    stack,
    /** Calls the sandbox vendors have received, both together. */
    vendorCalls: (): number => stack.sandboxes.kognitiv!.sandbox.callCount() + stack.sandboxes.debitsuccess!.sandbox.callCount(),
    /** A raw POST to /graphql, as the router sends it unless `headers` say otherwise. */
    async post(body: string, headers: Record<string, string> = ROUTER) {
      const response = await fetch(stack.subgraph.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body,
      });
      return { status: response.status, text: await response.text() };
    },
  };
}
