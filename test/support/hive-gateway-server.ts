import { createGatewayRuntime, type GatewayConfigSupergraph } from '@graphql-hive/gateway-runtime';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll } from 'vitest';

/**
 * Hive Gateway's runtime over HTTP on loopback, for the enclosing file: `config` is read when the file's tests start
 * (after the supergraph stack it composes from), and the gateway is disposed when they end.
 */
export function useHiveGateway<TContext extends Record<string, any>>(
  config: () => GatewayConfigSupergraph<TContext>,
): { readonly url: string } {
  const started = {} as { url: string; server: Server; dispose: () => Promise<void> | void };
  beforeAll(async () => {
    const gateway = createGatewayRuntime(config());
    started.dispose = () => gateway.dispose();
    started.server = createServer(gateway);
    await new Promise<void>((resolve) => started.server.listen(0, '127.0.0.1', resolve));
    started.url = `http://127.0.0.1:${(started.server.address() as AddressInfo).port}/graphql`;
  });
  afterAll(async () => {
    await started.dispose?.();
    started.server?.closeAllConnections();
    await new Promise((resolve) => started.server?.close(resolve));
  });
  return {
    get url() {
      return started.url;
    },
  };
}
