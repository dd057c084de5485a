import type { IncomingHttpHeaders } from 'node:http';
import got from 'got';
import { RESPONSE_TOO_LARGE, transportError } from './transport-failure.js';
import type { VendorAgents } from './vendor-agents.js';
import { startHttpClientSpan } from './http-client-span.js';

export interface VendorRestOptions {
  /** The vendor's shared socket pool (its SOAP traffic uses the same one). */
  agents: VendorAgents;
  /** Whole-exchange timeout: fails with ETIMEDOUT. */
  timeoutMs: number;
  /** Answers larger than this, declared or as they arrive (decompressed), fail with ERR_RESPONSE_TOO_LARGE. */
  maxResponseBytes: number;
  /** Sends the W3C trace headers to the vendor: off unless configured (VENDOR_TRACE_PROPAGATION). */
  propagateTrace?: boolean;
}

export interface VendorRestRequest {
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  /** Sent as application/x-www-form-urlencoded. */
  form?: Record<string, string>;
}

export interface VendorRestAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** Resolves with any HTTP status (the caller judges it); rejects with a coded error (transport-failure.ts) otherwise. */
export type VendorRestExchange = (url: string, request: VendorRestRequest) => Promise<VendorRestAnswer>;

/**
 * A vendor's REST API over got, on the vendor's keep-alive agents. got does the HTTP: decompression, the timeout, no
 * redirects (a vendor endpoint that redirects is misconfigured), no retries (retrying is decided for every vendor in
 * src/vendors/resilience), no rejection on a status. What got has no option for is the size bound: its download
 * progress (counted after decompression) aborts the exchange once the answer is over the limit.
 */
export function createVendorRest(options: VendorRestOptions): VendorRestExchange {
  const { maxResponseBytes } = options;
  const client = got.extend({
    agent: { http: options.agents.http, https: options.agents.https },
    timeout: { request: options.timeoutMs },
    retry: { limit: 0 },
    followRedirect: false,
    throwHttpErrors: false,
    decompress: true,
    responseType: 'text',
  });

  return async (url, request) => {
    const refusal = new AbortController();
    let oversize: number | undefined;
    const headers = { ...request.headers };
    const span = startHttpClientSpan(request.method, url, headers, options.propagateTrace ?? false);
    const pending = client(url, { method: request.method, headers, form: request.form, signal: refusal.signal });
    // The first progress carries the declared length (none when compressed), the others what has arrived so far.
    pending.on('downloadProgress', ({ transferred, total }) => {
      const size = Math.max(transferred, total ?? 0);
      if (size > maxResponseBytes && oversize === undefined) {
        oversize = size;
        refusal.abort();
      }
    });
    try {
      const response = await pending;
      span.end({ status: response.statusCode, bytes: response.rawBody.length });
      return { status: response.statusCode, headers: response.headers, body: response.body };
    } catch (error) {
      span.end({ error: error as Error });
      if (oversize !== undefined)
        throw transportError(`answer of at least ${oversize} bytes exceeds ${maxResponseBytes}`, RESPONSE_TOO_LARGE);
      throw error;
    }
  };
}
