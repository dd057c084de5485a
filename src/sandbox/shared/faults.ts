import type { ServerResponse } from 'node:http';
import { sleep } from './http-server.js';
import { asmxFault, escapeXml, soapEnvelope, XML_DECLARATION } from './xml.js';

/** Ways a real vendor misbehaves, on demand: what the hardening tests and `npm run sandbox` users provoke. */
export type Fault =
  /** Process the request, but answer only after `ms` (past the caller's timeout). */
  | { kind: 'delay'; ms: number }
  /** Process the request, then drop the connection halfway through the answer. */
  | { kind: 'reset' }
  /**
   * Drop the connection once the request has arrived, without acting on it: to the caller a write cut after it was sent,
   * exactly as `reset`, though this time it did not happen.
   */
  | { kind: 'drop' }
  /**
   * HTTP 500 with a SOAP fault, written as this vendor writes its faults. `Server` (the default): its own failure,
   * with raw internals in the text. `Client`: the vendor refused the request, as its .NET reader does with input it
   * cannot read.
   */
  | { kind: 'soap-fault'; faultcode?: SoapFaultCode }
  /** An HTML error page, as a proxy in front of the vendor sends. */
  | { kind: 'html'; status: number }
  /** The first half of the real answer. */
  | { kind: 'truncated' }
  /** The real answer padded to `bytes`. */
  | { kind: 'oversized'; bytes: number }
  /** An HTTP status with an optional Retry-After as sent (seconds, an HTTP-date, or whatever a vendor sends), e.g. 429 or 503. */
  | { kind: 'status'; status: number; retryAfter?: number | string }
  /**
   * HTTP 500 quoting the request back, credentials and all, as some .NET faults and token endpoints
   * do: a soap:Server fault listing the envelope's values for an XML exchange, an OAuth-style JSON
   * error quoting the form otherwise. `before`: text the vendor writes ahead of the quote (context it adds, or
   * padding that moves the quote to a chosen offset of the answer).
   */
  | { kind: 'echo-request'; before?: string }
  /**
   * The real answer breaking its contract in one element (the first `name`, whatever its prefix): its text replaced by
   * `text` (written escaped; `''` leaves it empty), and the element written `times` times in a row (default once), as
   * where the contract says it occurs at most once. An answer without the element is sent as it is.
   */
  | { kind: 'element'; name: string; text?: string; times?: number };

/** Faults queued for the next requests; each one is used `times` times, then the vendor recovers. */
export class FaultInjector {
  private queue: { fault: Fault; remaining: number }[] = [];

  inject(fault: Fault, times = Number.POSITIVE_INFINITY): void {
    this.queue.push({ fault, remaining: times });
  }

  clear(): void {
    this.queue = [];
  }

  take(): Fault | undefined {
    const head = this.queue[0];
    if (!head) return undefined;
    head.remaining -= 1;
    if (head.remaining <= 0) this.queue.shift();
    return head.fault;
  }
}

export type SoapFaultCode = 'Client' | 'Server';

/** Writes an HTTP 500 SOAP fault the way one sandbox's vendor does (envelope, prefixes, texts). */
export type SoapFaultWriter = (res: ServerResponse, faultcode: SoapFaultCode) => void;

/**
 * A fault quoting the request: an envelope's values (its text, tags dropped, as a .NET exception message lists them), a
 * form as it came.
 */
function echoOf(contentType: string, request: string, before = ''): string {
  const prefix = `Server was unable to process request. ---> ${before}`;
  if (!contentType.includes('xml')) return JSON.stringify({ error: 'server_error', error_description: `${prefix}${request}` });
  const values = request
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return XML_DECLARATION + soapEnvelope(asmxFault('Server', `${prefix}System.InvalidOperationException: cannot process ${values}`), 'soap');
}

/** `body` with its first `name` element rewritten as the `element` fault says (XML answers only). */
function rewriteElement(body: string, fault: Extract<Fault, { kind: 'element' }>): string {
  if (!/^[A-Za-z_][\w.-]*$/.test(fault.name)) throw new Error(`not an element name: ${fault.name}`);
  const element = new RegExp(`<((?:[\\w.-]+:)?${fault.name})(\\s[^>]*?)?\\s*(?:/>|>[\\s\\S]*?</\\1>)`);
  return body.replace(element, (whole, qname: string, attributes = '') => {
    const written = fault.text === undefined ? whole : `<${qname}${attributes}>${escapeXml(fault.text)}</${qname}>`;
    return written.repeat(fault.times ?? 1);
  });
}

/** Sends `body` as a healthy vendor would, or misbehaves as `fault` says; `request` is the body received, for faults that quote it. */
export async function answerWith(
  res: ServerResponse,
  contentType: string,
  body: string,
  fault: Fault | undefined,
  writeSoapFault: SoapFaultWriter,
  request = '',
): Promise<void> {
  switch (fault?.kind) {
    case undefined:
      res.writeHead(200, { 'content-type': contentType }).end(body);
      return;
    case 'delay':
      await sleep(fault.ms);
      if (!res.destroyed) res.writeHead(200, { 'content-type': contentType }).end(body);
      return;
    case 'reset':
      res.writeHead(200, { 'content-type': contentType, 'content-length': String(Buffer.byteLength(body)) });
      res.write(body.slice(0, Math.floor(body.length / 2)));
      await sleep(5);
      res.socket?.destroy();
      return;
    case 'drop':
      res.socket?.destroy();
      return;
    case 'soap-fault':
      writeSoapFault(res, fault.faultcode ?? 'Server');
      return;
    case 'html':
      res
        .writeHead(fault.status, { 'content-type': 'text/html' })
        .end('<html><head><title>Error</title></head><body><h1>Service Unavailable</h1><p>IIS 10.0 Detailed Error</p></body></html>');
      return;
    case 'truncated':
      res.writeHead(200, { 'content-type': contentType }).end(body.slice(0, Math.floor(body.length / 2)));
      return;
    case 'oversized':
      res.writeHead(200, { 'content-type': contentType }).end(body + ' '.repeat(Math.max(0, fault.bytes - body.length)));
      return;
    case 'status':
      res
        .writeHead(fault.status, {
          'content-type': 'application/json',
          ...(fault.retryAfter !== undefined && { 'retry-after': String(fault.retryAfter) }),
          // A 429 says the budget is spent; other statuses may carry Retry-After without it.
          ...(fault.status === 429 && { 'x-ratelimit-remaining': '0' }),
        })
        .end(JSON.stringify({ errorCode: 'Error', message: `HTTP ${fault.status}` }));
      return;
    case 'echo-request':
      res.writeHead(500, { 'content-type': contentType }).end(echoOf(contentType, request, fault.before));
      return;
    case 'element':
      res.writeHead(200, { 'content-type': contentType }).end(rewriteElement(body, fault));
      return;
  }
}
