import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SpanSink {
  /** An OTLP endpoint (`OTEL_EXPORTER_OTLP_ENDPOINT`) on loopback. */
  url: string;
  /** Export requests and bytes received so far: proof that spans were exported during the run. */
  received(): { requests: number; bytes: number };
  close(): Promise<void>;
}

/** Takes OTLP/HTTP exports and drops them: what the subgraph pays to export, without a collector's own cost. */
export async function startSpanSink(): Promise<SpanSink> {
  let requests = 0;
  let bytes = 0;
  const server = createServer((req, res) => {
    req.on('data', (chunk: Buffer) => (bytes += chunk.length));
    req.on('end', () => {
      requests += 1;
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received: () => ({ requests, bytes }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
