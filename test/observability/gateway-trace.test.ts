import { composeServices } from '@apollo/composition';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { context, propagation } from '@opentelemetry/api';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ancestorsOf, SERVER } from '../support/otlp-receiver.js';
import { askGateway, MEMBERS_SDL, withoutAuthenticated } from '../support/supergraph-stack.js';
import { useTracedSubgraph } from '../support/traced-stack.js';

const stack = useTracedSubgraph();
let gateway: ApolloServer;
let gatewayUrl: string;

/**
 * @apollo/gateway traces with whatever OpenTelemetry SDK its process registers (here the one the subgraph started,
 * as both share this test's process), and sends the fetch span's context to the subgraph as docs/deploy.md shows.
 * It is loaded once the SDK is registered: its tracer is taken when the module loads, as in a gateway process that
 * starts its SDK first.
 */
beforeAll(async () => {
  const composition = composeServices([{ name: 'members', url: stack.subgraph.url, typeDefs: parse(withoutAuthenticated(MEMBERS_SDL)) }]);
  if (composition.errors) throw new AggregateError(composition.errors, 'composition failed');
  const { ApolloGateway, RemoteGraphQLDataSource } = await import('@apollo/gateway');
  gateway = new ApolloServer({
    gateway: new ApolloGateway({
      supergraphSdl: composition.supergraphSdl!,
      buildService: ({ url }) =>
        new RemoteGraphQLDataSource({
          url,
          willSendRequest({ request }) {
            propagation.inject(context.active(), request.http!.headers, { set: (headers, key, value) => headers.set(key, value) });
          },
        }),
    }),
  });
  ({ url: gatewayUrl } = await startStandaloneServer(gateway, { listen: { port: 0, host: '127.0.0.1' } }));
});

afterAll(async () => {
  await gateway?.stop();
});

describe('a trace through @apollo/gateway', () => {
  it('is one trace: the gateway fetch span, our operation span beneath it, the vendor attempts beneath that', async () => {
    const answer = await askGateway(gatewayUrl, '{ member(id: "M1001") { loyalty { firstName } billingAccounts { accountId } } }');
    await stack.subgraph.flushTraces();

    expect(answer.body.errors).toBeUndefined();
    const operation = stack.receiver.spans.find((span) => span.kind === SERVER && span.name.startsWith('query '));
    expect(operation).toBeDefined();
    const trace = stack.receiver.spans.filter((span) => span.traceId === operation!.traceId);
    const above = ancestorsOf(operation!, trace).map((span) => span.name);
    expect(above[0]).toBe('gateway.fetch');
    expect(above.at(-1)).toBe('gateway.request');
    const attempts = trace.filter((span) => span.attributes['vendor.attempt'] !== undefined);
    expect(new Set(attempts.map((span) => span.attributes['vendor.name']))).toEqual(new Set(['KOGNITIV', 'DEBITSUCCESS']));
    for (const attempt of attempts) expect(ancestorsOf(attempt, trace)).toContain(operation);
  });
});
