import { composeServices as composeForApollo } from '@apollo/composition';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import { unifiedGraphHandler as rustQueryPlanner } from '@graphql-hive/router-runtime';
import { composeServices as composeForHive } from '@theguild/federation-composition';
import { parse } from 'graphql';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { withoutAuthenticated } from './apollo-gateway-sdl.js';
import { COMPANION_SDL } from './companion-subgraph.js';
import { GATEWAYS, type GatewayName } from './gateways.js';

/**
 * One gateway in a process of its own (`GATEWAY`: one of `GATEWAYS`) in front of our subgraph (`MEMBERS_URL`) and the
 * companion bookings subgraph (`BOOKINGS_URL`), composed with the library each gateway comes with, as the supergraph
 * tests compose them. No auth plugin and no header rules: the benchmark measures planning and execution.
 */
const gateway = process.env.GATEWAY as GatewayName;
const membersSdl = readFileSync(new URL('../../schema.graphql', import.meta.url), 'utf8');
const subgraphs = (members: string) => [
  { name: 'members', url: process.env.MEMBERS_URL!, typeDefs: parse(members) },
  { name: 'bookings', url: process.env.BOOKINGS_URL!, typeDefs: parse(COMPANION_SDL) },
];

let url: string;
if (gateway === '@apollo/gateway') {
  // @apollo/gateway refuses a supergraph linking @authenticated for SECURITY (docs/deploy.md).
  const { supergraphSdl, errors } = composeForApollo(subgraphs(withoutAuthenticated(membersSdl)));
  if (errors) throw new AggregateError(errors, 'composition failed');
  const server = new ApolloServer({ gateway: new ApolloGateway({ supergraphSdl }) });
  ({ url } = await startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } }));
} else if (GATEWAYS.includes(gateway)) {
  const composition = composeForHive(subgraphs(membersSdl));
  if (composition.errors) throw new AggregateError(composition.errors, 'composition failed');
  const runtime = createGatewayRuntime({
    supergraph: composition.supergraphSdl,
    logging: false,
    ...(gateway === 'Hive Gateway, Rust query planner' && { unifiedGraphHandler: rustQueryPlanner }),
  });
  const server = createServer(runtime);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
} else {
  throw new Error(`GATEWAY must be one of ${GATEWAYS.join(', ')}`);
}
// Hive Gateway's runtime takes SIGTERM to dispose itself but leaves the process running while connections are open.
process.once('SIGTERM', () => process.exit(0));
console.log(JSON.stringify({ url }));
