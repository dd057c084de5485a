import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import { buildMemberSubgraphSchema } from './schema/build-subgraph-schema.js';
import type { RequestContext, SchemaSettings, Vendors } from './schema/context.js';
import { createFormatError } from './schema/errors/format-error.js';
import { createLoaders } from './schema/loaders.js';

export const GRAPHQL_PATH = '/graphql';

export interface ServerDeps {
  config: Pick<Config, 'nodeEnv' | 'kognitivPhoneTypes' | 'debitsuccessCountryCodes' | 'vendorConcurrency'>;
  vendors: Vendors;
  logger: Logger;
}

export interface RunningServer {
  url: string;
  httpServer: Server;
  stop(): Promise<void>;
}

/** Builds the Express app (GraphQL at /graphql, /health, /ready) and listens. Port 0 picks a free port. */
export async function startServer(deps: ServerDeps, listen: { port: number; host: string }): Promise<RunningServer> {
  const { config, vendors, logger } = deps;
  const app = express();
  const httpServer = createHttpServer(app);
  const settings: SchemaSettings = {
    kognitivPhoneTypes: config.kognitivPhoneTypes,
    debitsuccessCountryCodes: config.debitsuccessCountryCodes,
    vendorConcurrency: config.vendorConcurrency,
  };

  const apollo = new ApolloServer<RequestContext>({
    schema: await buildMemberSubgraphSchema(),
    formatError: createFormatError(logger),
    logger,
    includeStacktraceInErrorResponses: false,
    introspection: true,
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer })],
  });
  await apollo.start();

  app.disable('x-powered-by');
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/ready', (_req, res) => {
    res.json({ status: 'ready' });
  });
  app.use(
    GRAPHQL_PATH,
    express.json({ limit: '100kb' }),
    expressMiddleware(apollo, {
      context: async () => ({ vendors, settings, loaders: createLoaders(vendors, settings.vendorConcurrency) }),
    }),
  );

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(listen.port, listen.host, () => resolve());
  });
  const { port } = httpServer.address() as AddressInfo;
  const host = listen.host.includes(':') ? `[${listen.host}]` : listen.host;
  return {
    url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}${GRAPHQL_PATH}`,
    httpServer,
    stop: () => apollo.stop(),
  };
}
