import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StartedServer {
  server: Server;
  /** `http://host:port`, no trailing slash. */
  origin: string;
  close(): Promise<void>;
}

export function readBody(req: IncomingMessage, limit = 1024 * 1024): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new Error('request body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export function sleep(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}

/** A plain node:http server on loopback; `close` also drops kept-alive sockets so tests end promptly. */
export async function startHttpServer(
  handler: (req: IncomingMessage, res: ServerResponse) => Promise<void>,
  listen: { port?: number; host?: string } = {},
): Promise<StartedServer> {
  const server = createServer((req, res) => {
    handler(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(`sandbox error: ${error instanceof Error ? error.message : String(error)}`);
    });
  });
  const host = listen.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(listen.port ?? 0, host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    server,
    origin: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Counts calls per operation, for tests and benchmarks that assert how often a vendor was called. */
export class CallCounter {
  private readonly counts = new Map<string, number>();
  /** When each request was being handled (ms, process clock), to show which calls overlapped. */
  readonly spans: { start: number; end: number }[] = [];

  /** Marks a request as in progress; call the result when its answer is sent. */
  begin(): () => void {
    const span = { start: performance.now(), end: Number.POSITIVE_INFINITY };
    this.spans.push(span);
    return () => {
      span.end = performance.now();
    };
  }

  record(operation: string): void {
    this.counts.set(operation, (this.counts.get(operation) ?? 0) + 1);
  }

  count(operation?: string): number {
    if (operation !== undefined) return this.counts.get(operation) ?? 0;
    let total = 0;
    for (const n of this.counts.values()) total += n;
    return total;
  }

  reset(): void {
    this.counts.clear();
    this.spans.length = 0;
  }
}
