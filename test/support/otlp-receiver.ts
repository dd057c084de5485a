import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';

/** A span as OTLP/HTTP JSON carries it (ids in hex), its attributes flattened. */
export interface ExportedSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes: Record<string, unknown>;
}

/** OTLP span kinds. */
export const SERVER = 2;
export const CLIENT = 3;

export interface OtlpReceiver {
  url: string;
  /** Every export request's body, as sent (JSON text). */
  bodies: string[];
  spans: ExportedSpan[];
  close(): Promise<void>;
}

/** An OTLP/HTTP receiver on loopback, as a collector would be: keeps every request body and the spans in it. */
export async function startOtlpReceiver(): Promise<OtlpReceiver> {
  const bodies: string[] = [];
  const spans: ExportedSpan[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const text = (req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw).toString('utf8');
      bodies.push(text);
      const body = JSON.parse(text) as {
        resourceSpans: {
          scopeSpans: {
            spans: (Omit<ExportedSpan, 'attributes'> & { attributes?: { key: string; value: Record<string, unknown> }[] })[];
          }[];
        }[];
      };
      for (const resource of body.resourceSpans)
        for (const scope of resource.scopeSpans)
          for (const span of scope.spans)
            spans.push({
              ...span,
              attributes: Object.fromEntries((span.attributes ?? []).map(({ key, value }) => [key, Object.values(value)[0]])),
            });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    bodies,
    spans,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The ancestors of `span` among `spans`, nearest first. */
export function ancestorsOf(span: ExportedSpan, spans: readonly ExportedSpan[]): ExportedSpan[] {
  const parent = span.parentSpanId ? spans.find((candidate) => candidate.spanId === span.parentSpanId) : undefined;
  return parent ? [parent, ...ancestorsOf(parent, spans)] : [];
}
