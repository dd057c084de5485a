import { createGatewayRuntime, type GatewayConfigSupergraph } from '@graphql-hive/gateway-runtime';
import { composeServices } from '@theguild/federation-composition';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MEMBER_SUBGRAPH_SECRET, signedInUser, type SignedIn, type SupergraphStack } from './supergraph-stack.js';

export type HiveGatewayConfig = GatewayConfigSupergraph<{ currentUser?: SignedIn | null }>;

/**
 * Hive Gateway configured as docs/deploy.md shows it: generic auth enforcing the schema's @authenticated, and
 * only the headers named here reaching our subgraph.
 */
export function hiveGatewayConfig(supergraph: string): HiveGatewayConfig {
  return {
    supergraph,
    logging: false,
    genericAuth: {
      mode: 'protect-granular',
      resolveUserFn: ({ request }) => signedInUser(request.headers.get('authorization')),
    },
    propagateHeaders: {
      fromClientToSubgraphs({ request, context, subgraphName }) {
        if (subgraphName !== 'members') return;
        return {
          'router-authorization': MEMBER_SUBGRAPH_SECRET,
          'x-forwarded-for': request.headers.get('x-forwarded-for'),
          'x-member-id': context.currentUser?.memberId,
          'x-staff-scopes': context.currentUser?.scope,
        };
      },
    },
  };
}

export interface RunningGateway {
  url: string;
  stop(): Promise<void>;
}

/**
 * Composes the stack's subgraphs with Hive Gateway's own composition library (as `hive-gateway supergraph` would)
 * and serves a gateway built from `configure(supergraph)` on loopback.
 */
export async function startHiveGateway(
  stack: SupergraphStack,
  configure: (supergraph: string) => HiveGatewayConfig = hiveGatewayConfig,
): Promise<RunningGateway> {
  const composition = composeServices(stack.definitions());
  if (composition.errors) throw new AggregateError(composition.errors, 'composition failed');
  const gateway = createGatewayRuntime(configure(composition.supergraphSdl));
  const server = createServer(gateway);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    async stop() {
      await gateway.dispose();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
