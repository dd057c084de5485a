import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp, GRAPHQL_PATH, type AppDeps } from './app.js';

export interface RunningServer {
  url: string;
  httpServer: Server;
  stop(): Promise<void>;
}

/** The app (app.ts), listening. Port 0 picks a free port. */
export async function startServer(deps: AppDeps, listen: { port: number; host: string }): Promise<RunningServer> {
  const { httpServer, stop } = await createApp(deps);
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(listen.port, listen.host, () => resolve());
  });
  const { port } = httpServer.address() as AddressInfo;
  const host = listen.host.includes(':') ? `[${listen.host}]` : listen.host;
  return { url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}${GRAPHQL_PATH}`, httpServer, stop };
}
