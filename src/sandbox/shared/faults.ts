import type { ServerResponse } from 'node:http';
import { sleep } from './http-server.js';

/** Ways a real vendor misbehaves, on demand: what the hardening tests and `npm run sandbox` users provoke. */
export type Fault =
  /** Process the request, but answer only after `ms` (past the caller's timeout). */
  | { kind: 'delay'; ms: number }
  /** Process the request, then drop the connection halfway through the answer. */
  | { kind: 'reset' }
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
  /** An HTTP status with an optional Retry-After, e.g. 429 or 503. */
  | { kind: 'status'; status: number; retryAfterSeconds?: number };

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

/** Sends `body` as a healthy vendor would, or misbehaves as `fault` says. */
export async function answerWith(res: ServerResponse, contentType: string, body: string, fault: Fault | undefined, writeSoapFault: SoapFaultWriter): Promise<void> {
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
    case 'soap-fault':
      writeSoapFault(res, fault.faultcode ?? 'Server');
      return;
    case 'html':
      res.writeHead(fault.status, { 'content-type': 'text/html' }).end('<html><head><title>Error</title></head><body><h1>Service Unavailable</h1><p>IIS 10.0 Detailed Error</p></body></html>');
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
          ...(fault.retryAfterSeconds !== undefined && { 'retry-after': String(fault.retryAfterSeconds), 'x-ratelimit-remaining': '0' }),
        })
        .end(JSON.stringify({ errorCode: 'Error', message: `HTTP ${fault.status}` }));
      return;
  }
}
