import { composeServices } from '@apollo/composition';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SandboxVendors } from '../../src/sandbox/start-sandbox-vendors.js';
import { startSandboxes, startSubgraph, type Subgraph } from '../support/test-stack.js';

/**
 * A companion subgraph, as another team would own it: pages of bookings that each reference our
 * Member. `page` is the bookings of three members, 150 rows long, as a class timetable would list
 * them; `crowd` names one member more than the distinct-members limit allows in one request.
 */
const COMPANION_SDL = /* GraphQL */ `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
  type Booking @key(fields: "id") { id: ID! member: Member! }
  type Member @key(fields: "id") { id: ID! }
  type Query { page: [Booking!]! crowd: [Booking!]! }
`;
const PAGE_MEMBERS = ['M1001', 'M1002', 'M1008'];
const PAGE = Array.from({ length: 150 }, (_, i) => ({ id: `B${i}`, memberId: PAGE_MEMBERS[i % PAGE_MEMBERS.length]! }));
const DEFAULT_MAX_ENTITY_MEMBERS = 150;
const CROWD = Array.from({ length: DEFAULT_MAX_ENTITY_MEMBERS + 1 }, (_, i) => ({ id: `C${i}`, memberId: `X${i}` }));

interface Companion {
  url: string;
  /** The Accept header of each request the gateway sent the companion (it sends every subgraph the same). */
  accepts: (string | undefined)[];
  stop(): Promise<void>;
}

async function startCompanion(): Promise<Companion> {
  const accepts: (string | undefined)[] = [];
  const server = new ApolloServer({
    schema: buildSubgraphSchema({
      typeDefs: parse(COMPANION_SDL),
      resolvers: {
        Query: { page: () => PAGE, crowd: () => CROWD },
        Booking: { member: (booking: { memberId: string }) => ({ __typename: 'Member', id: booking.memberId }) },
      },
    }),
  });
  const { url } = await startStandaloneServer(server, {
    listen: { port: 0, host: '127.0.0.1' },
    context: async ({ req }) => {
      accepts.push(req.headers.accept);
      return {};
    },
  });
  return { url, accepts, stop: () => server.stop() };
}

/**
 * Our committed schema without `@authenticated`: @apollo/gateway refuses a supergraph with SECURITY
 * features, and the subgraph enforces authorization itself either way (off in these tests).
 */
function membersSdlForApolloGateway(): string {
  const committed = readFileSync(new URL('../../schema.graphql', import.meta.url), 'utf8');
  return committed.replace(/,\s*"@authenticated"|"@authenticated",\s*/, '').replace(/\s@authenticated\b/g, '');
}

async function startGateway(subgraphs: { name: string; url: string; sdl: string }[]): Promise<{ url: string; stop(): Promise<void> }> {
  const composition = composeServices(subgraphs.map(({ name, url, sdl }) => ({ name, url, typeDefs: parse(sdl) })));
  if (composition.errors) throw new Error(composition.errors.map((e) => e.message).join('\n'));
  const gateway = new ApolloServer({
    gateway: new ApolloGateway({ supergraphSdl: composition.supergraphSdl, buildService: ({ url }) => new RemoteGraphQLDataSource({ url }) }),
  });
  const { url } = await startStandaloneServer(gateway, { listen: { port: 0, host: '127.0.0.1' } });
  return { url, stop: () => gateway.stop() };
}

interface GatewayAnswer {
  data?: Record<string, any> | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[];
}

let sandboxes: SandboxVendors;
let subgraph: Subgraph;
let companion: Companion;
let gateway: { url: string; stop(): Promise<void> };

beforeAll(async () => {
  sandboxes = await startSandboxes();
  // The default limits, as deployed.
  subgraph = await startSubgraph(sandboxes);
  companion = await startCompanion();
  gateway = await startGateway([
    { name: 'members', url: subgraph.url, sdl: membersSdlForApolloGateway() },
    { name: 'bookings', url: companion.url, sdl: COMPANION_SDL },
  ]);
});

afterAll(async () => {
  await gateway?.stop();
  await companion?.stop();
  await subgraph?.close();
  await sandboxes?.close();
});

async function throughGateway(query: string): Promise<GatewayAnswer> {
  const response = await fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
  return (await response.json()) as GatewayAnswer;
}

function vendorCalls(): number {
  return sandboxes.kognitiv!.sandbox.callCount() + sandboxes.debitsuccess!.sandbox.callCount();
}

describe('through @apollo/gateway', () => {
  it('resolves a page of 150 bookings of 3 members, calling the vendors for 3 members only', async () => {
    sandboxes.kognitiv!.sandbox.resetCallCounts();
    sandboxes.debitsuccess!.sandbox.resetCallCounts();

    const answer = await throughGateway('{ page { id member { id loyalty { firstName } points { available } } } }');

    expect(answer.errors).toBeUndefined();
    expect(answer.data?.page).toHaveLength(150);
    const firstNames = { M1001: 'Aroha', M1002: 'James', M1008: 'Grace' } as Record<string, string>;
    for (const booking of answer.data!.page as { member: { id: string; loyalty: { firstName: string } | null; points: unknown } }[]) {
      expect(booking.member.loyalty?.firstName).toBe(firstNames[booking.member.id]);
      expect(booking.member.points).not.toBeNull();
    }
    // One profile and one balance read per distinct member, whatever the 150 representations repeat.
    expect(sandboxes.kognitiv!.sandbox.callCount('FetchLoyaltyMemberCore')).toBe(3);
    expect(vendorCalls()).toBeLessThanOrEqual(3 * 3);
  });

  it('passes on the subgraph refusal of too many distinct members with its code, before any vendor call', async () => {
    const before = vendorCalls();

    const answer = await throughGateway('{ crowd { id member { id loyalty { firstName } } } }');

    const refusal = answer.errors?.find((e) => e.extensions?.code !== undefined && e.extensions.code !== 'INTERNAL_SERVER_ERROR');
    expect(refusal?.extensions).toMatchObject({
      code: 'QUERY_TOO_COSTLY',
      retryable: false,
      limit: 'entityMembers',
      actual: DEFAULT_MAX_ENTITY_MEMBERS + 1,
      max: DEFAULT_MAX_ENTITY_MEMBERS,
    });
    expect(answer.errors?.map((e) => e.extensions?.code)).not.toContain('INTERNAL_SERVER_ERROR');
    expect(vendorCalls()).toBe(before);
  });

  it('sends subgraphs Accept: */*, so the subgraph answers them as application/json', async () => {
    await throughGateway('{ page { id } }');

    expect(new Set(companion.accepts)).toEqual(new Set(['*/*']));
  });
});
