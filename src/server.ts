import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp, GRAPHQL_PATH, type AppDeps } from './app.js';

export interface RunningServer {
  url: string;
  httpServer: Server;
  stop(): Promise<void>;
}

/** The app (app.ts), listening, and its operator endpoints on `config.metricsPort` when set. Port 0 picks a free port. */
export async function startServer(deps: AppDeps, listen: { port: number; host: string }): Promise<RunningServer> {
  const { httpServer, operatorServer, stop } = await createApp(deps);
  await listenOn(httpServer, listen.port, listen.host);
  if (operatorServer) await listenOn(operatorServer, deps.config.metricsPort!, listen.host);
  const { port } = httpServer.address() as AddressInfo;
  const host = listen.host.includes(':') ? `[${listen.host}]` : listen.host;
  return { url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}${GRAPHQL_PATH}`, httpServer, stop };
}

function listenOn(server: Server, port: number, host: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
}
