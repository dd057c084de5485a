import { composeServices } from '@apollo/composition';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { isTypeDefinitionNode, parse, print } from 'graphql';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COMPANION_SDL, startCompanion } from '../../bench/companion-subgraph.js';
import { errorAt, useSandboxedSubgraph } from '../support/test-stack.js';
import { withoutAuthenticated } from '../support/supergraph-stack.js';

const stack = useSandboxedSubgraph();

describe('as a Federation 2 subgraph', () => {
  it('serves the committed schema.graphql as its _service SDL', async () => {
    const response = await stack.subgraph.request('{ _service { sdl } }');

    const committed = readFileSync(new URL('../../schema.graphql', import.meta.url), 'utf8');
    // _service adds the federation definitions (and _entities/_service to Query); every other type is served as committed.
    const typesOf = (sdl: string) =>
      parse(sdl)
        .definitions.filter(isTypeDefinitionNode)
        .filter((d) => d.name.value !== 'Query')
        .map((d) => print(d));
    expect(typesOf(response.data?._service.sdl)).toEqual(expect.arrayContaining(typesOf(committed)));
    expect(committed).toContain('@link(url: "https://specs.apollo.dev/federation/v2.9"');
    expect(committed).toMatch(/type Member\s+@key\(fields: "id"\)/);
    expect(committed).toContain('enum MemberErrorCode');
  });

  it("resolves _entities in order, with a missing member's error at its own item", async () => {
    const response = await stack.subgraph.request(
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Member { id loyalty { firstName } } } }',
      {
        r: [
          { __typename: 'Member', id: 'M1002' },
          { __typename: 'Member', id: 'NO-SUCH-MEMBER' },
          { __typename: 'Member', id: 'M1001' },
        ],
      },
    );

    expect(response.data?._entities).toEqual([
      { id: 'M1002', loyalty: { firstName: 'James' } },
      { id: 'NO-SUCH-MEMBER', loyalty: null },
      { id: 'M1001', loyalty: { firstName: 'Aroha' } },
    ]);
    expect(errorAt(response, ['_entities', 1, 'loyalty']).extensions?.code).toBe('MEMBER_NOT_FOUND');
  });

  it('composes with a companion subgraph and answers a query that crosses both through a gateway', async () => {
    const companion = await startCompanion();
    const members = readFileSync(new URL('../../schema.graphql', import.meta.url), 'utf8');
    const compose = (membersSdl: string) =>
      composeServices([
        { name: 'members', url: stack.subgraph.url, typeDefs: parse(membersSdl) },
        { name: 'bookings', url: companion.url, typeDefs: parse(COMPANION_SDL) },
      ]);
    // As committed, for Apollo Router, which enforces @authenticated.
    expect(compose(members).errors).toBeUndefined();
    // @apollo/gateway refuses supergraphs with SECURITY features (@authenticated), so it runs over the same
    // schema without them; the subgraph enforces authorization itself either way.
    const composition = compose(withoutAuthenticated(members));
    expect(composition.errors).toBeUndefined();

    const gateway = new ApolloServer({
      gateway: new ApolloGateway({
        supergraphSdl: composition.supergraphSdl!,
        buildService: ({ url }) => new RemoteGraphQLDataSource({ url }),
      }),
    });
    const { url } = await startStandaloneServer(gateway, { listen: { port: 0, host: '127.0.0.1' } });
    try {
      const query = (text: string) =>
        fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: text }) }).then(
          (r) => r.json() as Promise<{ data: any; errors?: any[] }>,
        );
      stack.sandboxes.kognitiv!.sandbox.resetCallCounts();

      const body = await query('{ bookings { className member { id loyalty { firstName } points { available } } } }');

      expect(body.data.bookings).toEqual([
        { className: 'Spin', member: { id: 'M1001', loyalty: { firstName: 'Aroha' }, points: { available: 1000.25 } } },
        { className: 'Yoga', member: { id: 'NO-SUCH-MEMBER', loyalty: null, points: null } },
        { className: 'Pump', member: { id: 'M1001', loyalty: { firstName: 'Aroha' }, points: { available: 1000.25 } } },
        { className: 'Swim', member: { id: 'M1002', loyalty: { firstName: 'James' }, points: { available: 250 } } },
      ]);
      // The gateway fetched the four members as one _entities batch; the subgraph called Kognitiv once per distinct member.
      expect(stack.sandboxes.kognitiv!.sandbox.callCount('FetchLoyaltyMemberCore')).toBe(3);
      const loyaltyError = body.errors?.find((e) => JSON.stringify(e.path) === JSON.stringify(['bookings', 1, 'member', 'loyalty']));
      expect(loyaltyError?.extensions).toMatchObject({
        code: 'MEMBER_NOT_FOUND',
        vendor: 'KOGNITIV',
        vendorCode: '300',
        operation: 'FetchLoyaltyMemberCore',
      });

      // From our root field to the companion's field on Member and back.
      const fromMember = await query(
        '{ member(id: "M1001") { loyalty { firstName } bookings { className member { points { available } } } } }',
      );
      expect(fromMember.data.member).toEqual({
        loyalty: { firstName: 'Aroha' },
        bookings: [
          { className: 'Spin', member: { points: { available: 1000.25 } } },
          { className: 'Pump', member: { points: { available: 1000.25 } } },
        ],
      });
    } finally {
      await gateway.stop();
      await companion.stop();
    }
  });
});
