import { composeServices } from '@apollo/composition';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import type { IncomingMessage } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  askGateway,
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

// Its entity batches and refusals: apollo-gateway-batches.test.ts.

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

const forget = () => {
  stack.members.requests.length = 0;
  stack.sandboxes.kognitiv!.sandbox.resetCallCounts();
};

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
    expect(bookings.body.errors).toEqual([
      expect.objectContaining({
        path: ['bookings', 1, 'member', 'loyalty'],
        extensions: expect.objectContaining({ code: 'MEMBER_NOT_FOUND', retryable: false, vendor: 'KOGNITIV', vendorCode: '300' }),
      }),
    ]);

    const fromMember = await askGateway(url, '{ member(id: "M1001") { loyalty { firstName } bookings { className } } }', signedInAs('M1001'));
    expect(fromMember.body).toEqual({ data: { member: { loyalty: { firstName: 'Aroha' }, bookings: [{ className: 'Spin' }, { className: 'Pump' }] } } });
  });

  it('leaves @authenticated to the subgraph, which refuses an anonymous caller each member before any vendor call', async () => {
    forget();

    const anonymous = await askGateway(url, '{ bookings { member { loyalty { firstName } } } }');

    expect(anonymous.body.data?.bookings).toEqual([{ member: null }, { member: null }, { member: null }, { member: null }].map(() => ({ member: { loyalty: null } })));
    expect(new Set(anonymous.body.errors?.map((e) => e.extensions?.code))).toEqual(new Set(['UNAUTHENTICATED']));
    expect(stack.sandboxes.kognitiv!.sandbox.callCount('FetchLoyaltyMemberCore')).toBe(0);
  });

  it('merges the subgraph\'s Cache-Control into its own answer', async () => {
    forget();

    const answer = await askGateway(url, '{ member(id: "M1001") { loyalty { firstName } } }', signedInAs('M1001'));

    expect(answer.body.data?.member.loyalty.firstName).toBe('Aroha');
    expect(stack.members.requests.map((r) => r.answerHeaders?.['cache-control'])).toEqual(['max-age=60, private']);
    expect(answer.headers.get('cache-control')).toBe('max-age=60, private');
  });

  it('passes the client address on, so wrong passwords from one address do not lock the member out for another', async () => {
    const login = (password: string, address: string) =>
      askGateway(url, `mutation { login(input: { accountId: "M1002", password: "${password}" }) { firstName } }`, { 'x-forwarded-for': address });

    for (let i = 0; i < 5; i += 1) expect((await login('wrong', '203.0.113.7')).body.errors?.[0]?.extensions?.code).toBe('INVALID_CREDENTIALS');

    const throttled = await login('correct-horse', '203.0.113.7');
    const elsewhere = await login('correct-horse', '198.51.100.2');
    expect(throttled.body.errors?.[0]?.extensions).toMatchObject({ code: 'LOGIN_THROTTLED', retryable: true });
    expect(elsewhere.body).toEqual({ data: { login: { firstName: 'James' } } });
  });

  it('never lets a client-sent identity header reach our subgraph', async () => {
    forget();
    const spoofed = { 'x-member-id': 'M1002', 'x-staff-scopes': 'members:manage' };

    const anonymous = await askGateway(url, '{ member(id: "M1002") { loyalty { firstName } } }', spoofed);
    const otherMember = await askGateway(url, '{ member(id: "M1002") { loyalty { firstName } } }', { ...spoofed, ...signedInAs('M1001') });

    expect(anonymous.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(otherMember.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(stack.members.requests.map((r) => [r.headers['x-member-id'], r.headers['x-staff-scopes']])).toEqual([
      [undefined, undefined],
      ['M1001', undefined],
    ]);
  });
});
