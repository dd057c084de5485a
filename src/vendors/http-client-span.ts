import { context, propagation, SpanKind, SpanStatusCode, trace, type Span } from '@opentelemetry/api';

const tracer = trace.getTracer('member-subgraph/vendor-http');

export interface HttpClientSpan {
  /** The exchange's end: its status (none when there was no answer), the answer's size, or the error that ended it. */
  end(outcome: { status?: number; bytes?: number; error?: Error }): void;
}

/**
 * One vendor HTTP exchange as a client span beneath the active vendor attempt. Its attributes are the method, the
 * vendor's host and port and the answer: never the path or query (`/accounts?accountExternalId=…` names a member) nor
 * any header. The W3C trace headers go into `headers` only when `propagate` is on: vendors are third parties, and a
 * trace id tells them which of their calls belong to one of our requests.
 */
export function startHttpClientSpan(
  method: string,
  url: string,
  headers: Record<string, string | number>,
  propagate: boolean,
): HttpClientSpan {
  const { hostname, port, protocol } = new URL(url);
  // Taken now: the answer's events may run outside the context the exchange started in.
  const attempt = trace.getActiveSpan();
  const span: Span = tracer.startSpan(method, {
    kind: SpanKind.CLIENT,
    attributes: {
      'http.request.method': method,
      'server.address': hostname,
      'server.port': Number(port) || (protocol === 'https:' ? 443 : 80),
    },
  });
  if (propagate) propagation.inject(trace.setSpan(context.active(), span), headers);
  return {
    end({ status, bytes, error }) {
      if (status !== undefined) span.setAttribute('http.response.status_code', status);
      if (bytes !== undefined) {
        span.setAttribute('http.response.body.size', bytes);
        // The attempt span carries the size too: it is what the issue reads per vendor call.
        attempt?.setAttribute('vendor.response_bytes', bytes);
      }
      if (error) {
        // The error's code only: messages of transport errors name URLs.
        span.setAttribute('error.type', (error as NodeJS.ErrnoException).code ?? error.name);
        span.setStatus({ code: SpanStatusCode.ERROR });
      } else if (status !== undefined && status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    },
  };
}
