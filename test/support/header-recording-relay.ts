import { createServer, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HeaderRecordingRelay {
  /** The relay's origin: `target` with this in place of its origin reaches the same resource. */
  origin: string;
  /** The headers of every request relayed, oldest first. */
  readonly headers: IncomingHttpHeaders[];
  close(): Promise<void>;
}

/** A plain HTTP relay to `target`'s origin (any path) that keeps each request's headers: what a vendor is sent. */
export async function startHeaderRecordingRelay(target: string): Promise<HeaderRecordingRelay> {
  const targetUrl = new URL(target);
  const headers: IncomingHttpHeaders[] = [];
  const server = createServer((incoming, outgoing) => {
    headers.push(incoming.headers);
    const forward = httpRequest(
      {
        host: targetUrl.hostname,
        port: targetUrl.port,
        path: incoming.url,
        method: incoming.method,
        headers: { ...incoming.headers, host: targetUrl.host },
      },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    forward.on('error', () => outgoing.destroy());
    incoming.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    headers,
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
