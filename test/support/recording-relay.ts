import { createServer, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  headers: IncomingHttpHeaders;
  body: string;
  /** The target's answer headers, once they arrived. */
  answerHeaders?: IncomingHttpHeaders;
}

export interface RecordingRelay {
  /** The relay's origin: any URL of the target's origin, with this in place of it, reaches the same resource. */
  origin: string;
  /** `target` itself, reached through the relay. */
  url: string;
  /** Every request that passed through, oldest first. */
  readonly requests: RecordedRequest[];
  close(): Promise<void>;
}

/**
 * A plain HTTP relay to `target`'s origin (any path) that keeps a copy of each request, so a test can tell what
 * a gateway or our subgraph actually sent (which operations, which headers) without touching the receiver.
 */
export async function startRecordingRelay(target: string): Promise<RecordingRelay> {
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
          path: incoming.url,
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
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    url: viaOrigin(target, origin),
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** `url` with its origin replaced by `origin`. */
export function viaOrigin(url: string, origin: string): string {
  const parsed = new URL(url);
  return `${origin}${parsed.pathname}${parsed.search}`;
}
