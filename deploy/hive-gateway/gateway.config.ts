// Hive Gateway in front of member-subgraph (`npx hive-gateway supergraph ./supergraph.graphql`), with the Rust query
// planner. Needs `@graphql-hive/gateway` and `@graphql-hive/router-runtime`; set MEMBER_SUBGRAPH_SECRET to the
// subgraph's ROUTER_SECRET and JWKS_URL to your identity provider's key set. docs/deploy.md, "Behind Hive Gateway".
import { createRemoteJwksSigningKeyProvider, defineConfig, extractFromHeader } from '@graphql-hive/gateway';
import { unifiedGraphHandler } from '@graphql-hive/router-runtime';

/** The verified token's claims; names are your identity provider's (`member_id`, `scope`), as in identity-headers.rhai. */
interface Claims {
  member_id?: string;
  scope?: string;
  scp?: string[];
}

export const gatewayConfig = defineConfig({
  supergraph: './supergraph.graphql',
  // The Rust query planner (Hive Router's), in place of the default JavaScript one.
  unifiedGraphHandler,
  jwt: {
    lookupLocations: [extractFromHeader({ name: 'authorization', prefix: 'Bearer' })],
    signingKeyProviders: [createRemoteJwksSigningKeyProvider({ jwksUri: process.env.JWKS_URL! })],
    // An anonymous request goes on; @authenticated refuses it where it asks for member data.
    reject: { missingToken: false, invalidToken: true },
  },
  genericAuth: {
    mode: 'protect-granular', // enforces the schema's @authenticated
    resolveUserFn: ({ context }) => (context as { jwt?: { payload: Claims } }).jwt?.payload ?? null,
  },
  // A subgraph request carries only these headers: client-sent identity headers never reach the subgraph.
  propagateHeaders: {
    fromClientToSubgraphs({ request, context, subgraphName }) {
      if (subgraphName !== 'members') return;
      const claims = (context as { jwt?: { payload: Claims } }).jwt?.payload;
      return {
        'router-authorization': process.env.MEMBER_SUBGRAPH_SECRET!, // the subgraph's ROUTER_SECRET
        'x-forwarded-for': request.headers.get('x-forwarded-for') ?? undefined, // as the load balancer wrote it
        'x-member-id': claims?.member_id, // from the verified token only
        'x-staff-scopes': claims?.scope ?? claims?.scp?.join(' '),
      };
    },
  },
});
