import { parse, type DocumentNode } from 'graphql';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect } from 'vitest';
import type { SandboxVendors } from '../../src/sandbox/start-sandbox-vendors.js';
import { COMPANION_SDL, startCompanion, type Companion } from '../../bench/companion-subgraph.js';
import { startRecordingRelay, type RecordingRelay } from './recording-relay.js';
import { startSandboxes, startSubgraph, type Subgraph } from './test-stack.js';

/** The secret a gateway sends as `router-authorization`, as docs/deploy.md has it (MEMBER_SUBGRAPH_SECRET). */
export const MEMBER_SUBGRAPH_SECRET = 'supergraph-suite-router-secret';

/** The committed SDL, exactly what a platform team composes from. */
export const MEMBERS_SDL = readFileSync(new URL('../../schema.graphql', import.meta.url), 'utf8');

export interface SubgraphDefinition {
  name: 'members' | 'bookings';
  url: string;
  typeDefs: DocumentNode;
}

export interface SupergraphStack {
  readonly sandboxes: SandboxVendors;
  readonly subgraph: Subgraph;
  /** What reached our subgraph through the gateway. */
  readonly members: RecordingRelay;
  readonly companion: Companion;
  /** Both subgraphs as a composition library takes them; `members` routes through the recording relay. */
  definitions(membersSdl?: string): SubgraphDefinition[];
  /** Calls to either sandbox vendor since the last `forget()`. */
  vendorCalls(): number;
  /** Clears the recorded requests and the vendors' call counts, so that a test sees only its own traffic. */
  forget(): void;
}

/**
 * Sandboxes, our subgraph as production runs it (authorization on, router secret required, other settings from
 * `env`) behind a recording relay, and the companion bookings subgraph, for the enclosing file or describe.
 */
export function useSupergraphStack(env: Record<string, string> = {}): SupergraphStack {
  const started = {} as { sandboxes: SandboxVendors; subgraph: Subgraph; members: RecordingRelay; companion: Companion };
  beforeAll(async () => {
    started.sandboxes = await startSandboxes();
    started.subgraph = await startSubgraph(started.sandboxes, {
      env: { AUTHORIZATION: 'on', ROUTER_SECRET: MEMBER_SUBGRAPH_SECRET, ...env },
    });
    started.members = await startRecordingRelay(started.subgraph.url);
    started.companion = await startCompanion();
  });
  afterAll(async () => {
    await started.companion?.stop();
    await started.members?.close();
    await started.subgraph?.close();
    await started.sandboxes?.close();
  });
  return {
    get sandboxes() {
      return started.sandboxes;
    },
    get subgraph() {
      return started.subgraph;
    },
    get members() {
      return started.members;
    },
    get companion() {
      return started.companion;
    },
    definitions: (membersSdl = MEMBERS_SDL) => [
      { name: 'members', url: started.members.url, typeDefs: parse(membersSdl) },
      { name: 'bookings', url: started.companion.url, typeDefs: parse(COMPANION_SDL) },
    ],
    vendorCalls: () => started.sandboxes.kognitiv!.sandbox.callCount() + started.sandboxes.debitsuccess!.sandbox.callCount(),
    forget() {
      started.members.requests.length = 0;
      started.sandboxes.kognitiv!.sandbox.resetCallCounts();
      started.sandboxes.debitsuccess!.sandbox.resetCallCounts();
    },
  };
}

/** Who the gateway's sign-in check says is calling. `scope` is where generic-auth looks for scopes. */
export interface SignedIn {
  memberId?: string;
  scope?: string;
}

/**
 * The test's stand-in for the gateway's sign-in check (a verified JWT in production): `authorization: Bearer
 * member:<id>` is that member, `Bearer staff` a staff member with the subgraph's STAFF_SCOPE, anything else nobody.
 */
export function signedInUser(authorization: string | null | undefined): SignedIn | null {
  if (authorization === 'Bearer staff') return { scope: 'members:manage' };
  const member = /^Bearer member:(\S+)$/.exec(authorization ?? '');
  return member ? { memberId: member[1]! } : null;
}

export const signedInAs = (memberId: string) => ({ authorization: `Bearer member:${memberId}` });
export const STAFF = { authorization: 'Bearer staff' };

/** The error a gateway passes on for the companion's booking of a member Kognitiv does not know, at `bookingIndex`. */
export function bookingMemberNotFoundAt(bookingIndex: unknown) {
  return expect.objectContaining({
    path: ['bookings', bookingIndex, 'member', 'loyalty'],
    extensions: expect.objectContaining({ code: 'MEMBER_NOT_FOUND', retryable: false, vendor: 'KOGNITIV', vendorCode: '300' }),
  });
}

/**
 * The `_entities` representations of each recorded request that asked for any, all of its `_entities` fields
 * together (Hive Gateway merges parallel fetches into one request with several).
 */
export function entityFetches(relay: RecordingRelay): { representations: unknown[] }[] {
  return relay.requests
    .map((r) => JSON.parse(r.body) as { query: string; variables?: Record<string, unknown> })
    .filter((op) => op.query.includes('_entities'))
    .map((op) => ({
      representations: Object.values(op.variables ?? {}).flatMap((value) =>
        Array.isArray(value) && value.every((item) => typeof item === 'object' && item !== null && '__typename' in item) ? value : [],
      ),
    }));
}

export interface GatewayAnswer {
  status: number;
  headers: Headers;
  body: {
    data?: any;
    errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[];
    extensions?: Record<string, any>;
  };
}

/** A client's POST to a gateway. */
export async function askGateway(url: string, query: string, headers: Record<string, string> = {}): Promise<GatewayAnswer> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query }),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as GatewayAnswer['body'] };
}

export { withoutAuthenticated } from '../../bench/apollo-gateway-sdl.js';

/** One operation asking for `count` members by alias: more `member` fields than the subgraph allows per request past 25. */
export function manyMembers(count: number): string {
  return `{ ${Array.from({ length: count }, (_, i) => `m${i}: member(id: "M1001") { id }`).join(' ')} }`;
}
