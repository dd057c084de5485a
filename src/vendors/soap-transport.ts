import { request as httpRequest, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { createVendorAgents, type VendorAgents } from './vendor-agents.js';

export interface SoapTransportOptions {
  /** The vendor's shared socket pool; without it the transport makes (and closes) its own. */
  agents?: VendorAgents;
  maxSockets?: number;
  /** Answers larger than this are refused before parsing (MALFORMED_RESPONSE). */
  maxResponseBytes?: number;
}

/** The part of an axios request config that node-soap's HttpClient builds and reads back. */
export interface SoapHttpConfig {
  url: string;
  method: string;
  headers: Record<string, string | number>;
  data?: string | Buffer;
  /** Whole-exchange timeout in ms, from node-soap's per-call options. */
  timeout?: number;
}

export interface SoapHttpResponse {
  status: number;
  statusText: string;
  headers: IncomingHttpHeaders;
  data: string;
  config: SoapHttpConfig;
}

/** Handed to node-soap as its `request` option, in place of an axios instance. */
export type SoapHttpRequest = (config: SoapHttpConfig) => Promise<SoapHttpResponse>;

export interface SoapTransport {
  request: SoapHttpRequest;
  close(): void;
}

/** Errors carry a Node-style `code`, as soap-failure.ts reads them. */
function transportError(message: string, code: string): Error & { code: string } {
  return Object.assign(new Error(message), { code });
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
 * Keep-alive HTTP for node-soap on Node's own client, over the vendor's shared agents. It replaces
 * node-soap's default axios instance because axios's per-call config merging cost more CPU than the
 * SOAP work itself (docs/benchmarks.md). Never follows redirects (a SOAP endpoint that redirects is
 * misconfigured), never rejects on an HTTP status (node-soap reads faults from 500s), and refuses
 * answers over `maxResponseBytes` before they are parsed.
 */
export function createSoapTransport(options: SoapTransportOptions = {}): SoapTransport {
  const agents = options.agents ?? createVendorAgents(options.maxSockets);
  const maxBytes = options.maxResponseBytes ?? 1024 * 1024;

  const request: SoapHttpRequest = (config) =>
    new Promise((resolve, reject) => {
      const https = config.url.startsWith('https:');
      const req = (https ? httpsRequest : httpRequest)(config.url, { method: config.method, headers: config.headers, agent: https ? agents.https : agents.http });
      const fail = (error: Error) => {
        clearTimeout(timer);
        reject(error);
      };
      const refuse = (error: Error) => {
        fail(error);
        req.destroy();
      };
      const timer = config.timeout ? setTimeout(() => refuse(transportError(`timeout of ${config.timeout}ms exceeded`, 'ETIMEDOUT')), config.timeout) : undefined;
      req.on('error', fail);
      req.once('response', (response) => {
        const declared = Number(response.headers['content-length']);
        if (declared > maxBytes) {
          refuse(transportError(`answer of ${declared} bytes exceeds ${maxBytes}`, 'ERR_RESPONSE_TOO_LARGE'));
          return;
        }
        const body = decoded(response);
        const chunks: Buffer[] = [];
        let size = 0;
        const collect = (chunk: Buffer) => {
          size += chunk.length;
          if (size <= maxBytes) chunks.push(chunk);
          else {
            body.removeListener('data', collect);
            refuse(transportError(`answer exceeds ${maxBytes} bytes`, 'ERR_RESPONSE_TOO_LARGE'));
          }
        };
        body.on('data', collect);
        body.on('error', fail);
        body.once('end', () => {
          clearTimeout(timer);
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
