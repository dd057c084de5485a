import { request as httpRequest, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { RESPONSE_TOO_LARGE, transportError } from './transport-failure.js';
import { createVendorAgents, type VendorAgents } from './vendor-agents.js';
import { startHttpClientSpan } from './http-client-span.js';

export interface VendorHttpOptions {
  /** The vendor's shared socket pool; without it the transport makes (and closes) its own. */
  agents?: VendorAgents;
  /** MAX_SOCKETS_PER_VENDOR: the bound of the pool made when no `agents` are given. */
  maxSockets: number;
  /** MAX_VENDOR_RESPONSE_BYTES: answers larger than this are refused before parsing (MALFORMED_RESPONSE). */
  maxResponseBytes: number;
  /**
   * The vendor's own origin (`https://host:port`): a request anywhere else is refused before it is sent. A remote
   * WSDL names the documents it imports, and only the vendor's own are to be fetched.
   */
  allowedOrigin?: string;
  /** Sends the W3C trace headers (traceparent, tracestate) to the vendor: off unless configured (VENDOR_TRACE_PROPAGATION). */
  propagateTrace?: boolean;
}

/**
 * One request. The shape is the part of an axios request config that node-soap's HttpClient builds,
 * so that this function can serve as node-soap's `request` option.
 */
export interface VendorHttpRequest {
  url: string;
  method: string;
  headers: Record<string, string | number>;
  data?: string | Buffer;
  /** Whole-exchange timeout in ms, from node-soap's per-call options. */
  timeout?: number;
}

export interface VendorHttpResponse {
  status: number;
  statusText: string;
  headers: IncomingHttpHeaders;
  data: string;
  config: VendorHttpRequest;
}

/** Resolves with any HTTP status (the caller judges it); rejects only when there is no complete answer. */
export type VendorHttpExchange = (config: VendorHttpRequest) => Promise<VendorHttpResponse>;

export interface VendorHttp {
  request: VendorHttpExchange;
  close(): void;
}

function decoded(response: IncomingMessage): NodeJS.ReadableStream {
  switch (response.headers['content-encoding']) {
    case 'gzip':
      return response.pipe(createGunzip());
    case 'deflate':
      return response.pipe(createInflate());
    case 'br':
      return response.pipe(createBrotliDecompress());
    default:
      return response;
  }
}

/**
 * node-soap's HTTP: Node's own client over the vendor's shared keep-alive agents (the REST client, vendor-rest.ts,
 * is got on the same agents). It stands in for node-soap's axios, which cost several times the CPU of the exchange
 * itself. got could serve here too, behind an adapter from axios's request shape, but SOAP is two of the three vendor
 * calls of a full `member` and got costs about three times this client's CPU per call (docs/benchmarks.md). Never follows
 * redirects (a vendor endpoint that redirects is misconfigured), never rejects on an HTTP status (node-soap reads
 * faults from 500s), and refuses answers over `maxResponseBytes` before they are parsed.
 */
export function createVendorHttp(options: VendorHttpOptions): VendorHttp {
  const agents = options.agents ?? createVendorAgents(options.maxSockets);
  const maxBytes = options.maxResponseBytes;

  const request: VendorHttpExchange = (config) =>
    new Promise((resolve, reject) => {
      if (options.allowedOrigin !== undefined && new URL(config.url).origin !== options.allowedOrigin) {
        reject(
          transportError(
            `refused to fetch ${config.url}: only the vendor's origin ${options.allowedOrigin} is trusted`,
            'ERR_FOREIGN_ORIGIN',
          ),
        );
        return;
      }
      const https = config.url.startsWith('https:');
      const span = startHttpClientSpan(config.method, config.url, config.headers, options.propagateTrace ?? false);
      const req = (https ? httpsRequest : httpRequest)(config.url, {
        method: config.method,
        headers: config.headers,
        agent: https ? agents.https : agents.http,
      });
      let settled = false;
      const fail = (error: Error) => {
        clearTimeout(timer);
        if (!settled) span.end({ error });
        settled = true;
        reject(error);
      };
      const refuse = (error: Error) => {
        fail(error);
        req.destroy();
      };
      const timer = config.timeout
        ? setTimeout(() => refuse(transportError(`timeout of ${config.timeout}ms exceeded`, 'ETIMEDOUT')), config.timeout)
        : undefined;
      req.on('error', fail);
      req.once('response', (response) => {
        const declared = Number(response.headers['content-length']);
        if (declared > maxBytes) {
          refuse(transportError(`answer of ${declared} bytes exceeds ${maxBytes}`, RESPONSE_TOO_LARGE));
          return;
        }
        // A connection lost mid-answer: `end` never comes.
        response.once('close', () => {
          if (!response.complete) fail(transportError('connection closed before the answer was complete', 'ECONNRESET'));
        });
        response.on('error', fail);
        const body = decoded(response);
        const chunks: Buffer[] = [];
        let size = 0;
        const collect = (chunk: Buffer) => {
          size += chunk.length;
          if (size <= maxBytes) chunks.push(chunk);
          else {
            body.removeListener('data', collect);
            refuse(transportError(`answer exceeds ${maxBytes} bytes`, RESPONSE_TOO_LARGE));
          }
        };
        body.on('data', collect);
        if (body !== response) body.on('error', fail);
        body.once('end', () => {
          clearTimeout(timer);
          if (!settled) span.end({ status: response.statusCode, bytes: size });
          settled = true;
          const data = chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks, size).toString('utf8');
          resolve({ status: response.statusCode ?? 0, statusText: response.statusMessage ?? '', headers: response.headers, data, config });
        });
      });
      req.end(config.data);
    });

  return {
    request,
    close() {
      if (!options.agents) agents.close();
    },
  };
}

/** Builds a datasource on a transport of its own; the transport is closed if building fails (an unreadable WSDL, say). */
export async function buildOnVendorHttp<T>(options: VendorHttpOptions, build: (transport: VendorHttp) => Promise<T>): Promise<T> {
  const transport = createVendorHttp(options);
  try {
    return await build(transport);
  } catch (error) {
    transport.close();
    throw error;
  }
}
