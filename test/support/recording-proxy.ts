import { createServer, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  headers: IncomingHttpHeaders;
  body: string;
  /** The subgraph's answer headers, once they arrived. */
  answerHeaders?: IncomingHttpHeaders;
}

export interface RecordingProxy {
  /** Where a gateway should send this subgraph's traffic. */
  url: string;
  /** Every request that passed through, oldest first. */
  readonly requests: RecordedRequest[];
  close(): Promise<void>;
}

/**
 * A plain HTTP relay in front of a subgraph that keeps a copy of each request, so a test can tell what a
 * gateway actually sent (which operations, which headers) without touching the subgraph itself.
 */
export async function startRecordingProxy(target: string): Promise<RecordingProxy> {
  const requests: RecordedRequest[] = [];
  const targetUrl = new URL(target);
  const server = createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const body = Buffer.concat(chunks);
      const recorded: RecordedRequest = { headers: incoming.headers, body: body.toString('utf8') };
      requests.push(recorded);
      const forward = httpRequest(
        {
          host: targetUrl.hostname,
          port: targetUrl.port,
          path: targetUrl.pathname,
          method: incoming.method,
          headers: { ...incoming.headers, host: targetUrl.host },
        },
        (answer) => {
          recorded.answerHeaders = answer.headers;
          outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(outgoing);
        },
      );
      forward.on('error', () => outgoing.destroy());
      forward.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${targetUrl.pathname}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
