import { composeServices } from '@apollo/composition';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import type { IncomingMessage } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { BUSY_WEEK_MEMBERS } from '../../bench/companion-subgraph.js';
import { itPassesOnTheCallerAndNothingElse } from '../support/gateway-caller-scenarios.js';
import {
  bookingMemberNotFoundAt,
  askGateway,
  entityFetches,
  MEMBER_SUBGRAPH_SECRET,
  signedInAs,
  signedInUser,
  STAFF,
  useSupergraphStack,
  withoutAuthenticated,
  type SignedIn,
} from '../support/supergraph-stack.js';

interface GatewayContext {
  user: SignedIn | null;
  forwardedFor?: string;
}

/**
 * @apollo/gateway configured as docs/deploy.md shows it: a RemoteGraphQLDataSource starts every subgraph request
 * with no client header, and these are the only ones it adds for ours.
 */
function apolloGateway(supergraphSdl: string): ApolloGateway {
  return new ApolloGateway({
    supergraphSdl,
    buildService: ({ name, url }) =>
      new RemoteGraphQLDataSource<GatewayContext>({
        url,
        willSendRequest({ request, context }) {
          if (name !== 'members') return;
          const headers = request.http!.headers;
          headers.set('router-authorization', MEMBER_SUBGRAPH_SECRET);
          if (context.forwardedFor) headers.set('x-forwarded-for', context.forwardedFor);
          if (context.user?.memberId) headers.set('x-member-id', context.user.memberId);
          if (context.user?.scope) headers.set('x-staff-scopes', context.user.scope);
        },
      }),
  });
}

/** Node joins repeated X-Forwarded-For headers with ", ", as the load balancer's list. */
const gatewayContext = async ({ req }: { req: IncomingMessage }): Promise<GatewayContext> => ({
  user: signedInUser(req.headers.authorization),
  forwardedFor: req.headers['x-forwarded-for'] as string | undefined,
});

/** The distinct-members limit of our subgraph in this stack: the default, as deployed. */
const { maxEntityMembers } = loadConfig({ NODE_ENV: 'test' }).limits;

const stack = useSupergraphStack();
let url: string;
let gateway: ApolloServer<GatewayContext>;

const compose = (membersSdl?: string) => composeServices(stack.definitions(membersSdl));

beforeAll(async () => {
  const composition = compose(withoutAuthenticated(stack.definitions()[0]!.typeDefs.loc!.source.body));
  if (composition.errors) throw new AggregateError(composition.errors, 'composition failed');
  gateway = new ApolloServer<GatewayContext>({ gateway: apolloGateway(composition.supergraphSdl!) });
  ({ url } = await startStandaloneServer(gateway, { listen: { port: 0, host: '127.0.0.1' }, context: gatewayContext }));
});
afterAll(async () => {
  await gateway?.stop();
});

describe('through @apollo/gateway', () => {
  it('refuses the supergraph as composed for Apollo Router, which links @authenticated for SECURITY', async () => {
    const composition = compose();
    expect(composition.errors).toBeUndefined();
    expect(composition.supergraphSdl).toContain('@link(url: "https://specs.apollo.dev/authenticated/v0.1", for: SECURITY)');

    const refusing = new ApolloServer({ gateway: apolloGateway(composition.supergraphSdl!) });

    await expect(refusing.start()).rejects.toThrow(/UNSUPPORTED_LINKED_FEATURE|authenticated\/v0\.1.*SECURITY/s);
  });

  it('answers queries that cross both subgraphs, keeping our error extensions', async () => {
    const bookings = await askGateway(url, '{ bookings { className member { id loyalty { firstName } } } }', STAFF);

    expect(bookings.body.data?.bookings.map((b: { member: { loyalty: unknown } }) => b.member.loyalty)).toEqual([
      { firstName: 'Aroha' },
      null,
      { firstName: 'Aroha' },
      { firstName: 'James' },
    ]);
    expect(bookings.body.errors).toEqual([bookingMemberNotFoundAt(1)]);

    const fromMember = await askGateway(
      url,
      '{ member(id: "M1001") { loyalty { firstName } bookings { className } } }',
      signedInAs('M1001'),
    );
    expect(fromMember.body).toEqual({
      data: { member: { loyalty: { firstName: 'Aroha' }, bookings: [{ className: 'Spin' }, { className: 'Pump' }] } },
    });
  });

  it('leaves @authenticated to the subgraph, which refuses an anonymous caller each member before any vendor call', async () => {
    stack.forget();

    const anonymous = await askGateway(url, '{ bookings { member { loyalty { firstName } } } }');

    expect(anonymous.body.data?.bookings).toEqual(
      [{ member: null }, { member: null }, { member: null }, { member: null }].map(() => ({ member: { loyalty: null } })),
    );
    expect(new Set(anonymous.body.errors?.map((e) => e.extensions?.code))).toEqual(new Set(['UNAUTHENTICATED']));
    expect(stack.sandboxes.kognitiv!.sandbox.callCount('FetchLoyaltyMemberCore')).toBe(0);
  });

  it("merges the subgraph's Cache-Control into its own answer", async () => {
    stack.forget();

    const answer = await askGateway(url, '{ member(id: "M1001") { loyalty { firstName } } }', signedInAs('M1001'));

    expect(answer.body.data?.member.loyalty.firstName).toBe('Aroha');
    expect(stack.members.requests.map((r) => r.answerHeaders?.['cache-control'])).toEqual(['max-age=60, private']);
    expect(answer.headers.get('cache-control')).toBe('max-age=60, private');
  });

  it('resolves a page of 150 bookings by three members, calling the vendors for those three only', async () => {
    stack.forget();

    const page = await askGateway(url, '{ busyWeek { id member { id loyalty { firstName } points { available } } } }', STAFF);

    expect(page.body.errors).toBeUndefined();
    expect(page.body.data?.busyWeek).toHaveLength(150);
    const firstNames: Record<(typeof BUSY_WEEK_MEMBERS)[number], string> = { M1001: 'Aroha', M1002: 'James', M1003: 'Mei' };
    for (const booking of page.body.data!.busyWeek as {
      member: { id: keyof typeof firstNames; loyalty: { firstName: string } | null; points: unknown };
    }[]) {
      expect(booking.member.loyalty?.firstName).toBe(firstNames[booking.member.id]);
      expect(booking.member.points).not.toBeNull();
    }
    // @apollo/gateway sends the 150 representations as one _entities; the vendors are read once per distinct member.
    expect(entityFetches(stack.members).map((fetch) => fetch.representations.length)).toEqual([150]);
    expect(stack.sandboxes.kognitiv!.sandbox.callCount('FetchLoyaltyMemberCore')).toBe(BUSY_WEEK_MEMBERS.length);
    expect(stack.vendorCalls()).toBeLessThanOrEqual(3 * BUSY_WEEK_MEMBERS.length);
  });

  it("passes on the subgraph's refusal of too many distinct members with its code, before any vendor call", async () => {
    stack.forget();

    const answer = await askGateway(
      url,
      `{ newcomers(cohort: "C", count: ${maxEntityMembers + 1}) { member { loyalty { firstName } } } }`,
      STAFF,
    );

    const refusal = answer.body.errors?.find((e) => e.extensions?.code !== undefined && e.extensions.code !== 'INTERNAL_SERVER_ERROR');
    expect(refusal?.extensions).toMatchObject({
      code: 'QUERY_TOO_COSTLY',
      retryable: false,
      limit: 'entityMembers',
      actual: maxEntityMembers + 1,
      max: maxEntityMembers,
    });
    expect(answer.body.errors?.map((e) => e.extensions?.code)).not.toContain('INTERNAL_SERVER_ERROR');
    expect(stack.vendorCalls()).toBe(0);
  });

  it('sends our subgraph Accept: */*, so the subgraph answers it as application/json', async () => {
    stack.forget();

    await askGateway(url, '{ bookings { member { loyalty { firstName } } } }', STAFF);

    expect(new Set(stack.members.requests.map((r) => r.headers.accept))).toEqual(new Set(['*/*']));
  });

  it('leaves a client-sent identity header out, so the subgraph refuses an anonymous caller claiming to be a member', async () => {
    stack.forget();

    const anonymous = await askGateway(url, '{ member(id: "M1002") { loyalty { firstName } } }', {
      'x-member-id': 'M1002',
      'x-staff-scopes': 'members:manage',
    });

    expect(anonymous.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(stack.members.requests.map((r) => [r.headers['x-member-id'], r.headers['x-staff-scopes']])).toEqual([[undefined, undefined]]);
  });

  itPassesOnTheCallerAndNothingElse(() => url, stack);
});
