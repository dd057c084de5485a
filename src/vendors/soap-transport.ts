import axios, { type AxiosInstance } from 'axios';
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';

export interface SoapTransportOptions {
  maxSockets?: number;
  /** Answers larger than this are refused before parsing (MALFORMED_RESPONSE). */
  maxResponseBytes?: number;
}

export interface SoapTransport {
  /** Handed to node-soap as its `request` option. */
  http: AxiosInstance;
  close(): void;
}

/**
 * One keep-alive agent pair per vendor, shared by all of that vendor's SOAP clients, so sockets are
 * reused and bounded per vendor. Redirects are off: a SOAP endpoint that redirects is misconfigured.
 */
export function createSoapTransport(options: SoapTransportOptions = {}): SoapTransport {
  const agentOptions = { keepAlive: true, maxSockets: options.maxSockets ?? 32 };
  const httpAgent = new HttpAgent(agentOptions);
  const httpsAgent = new HttpsAgent(agentOptions);
  const maxBytes = options.maxResponseBytes ?? 1024 * 1024;
  return {
    http: axios.create({ httpAgent, httpsAgent, maxRedirects: 0, maxContentLength: maxBytes, maxBodyLength: 10 * 1024 * 1024 }),
    close() {
      httpAgent.destroy();
      httpsAgent.destroy();
    },
  };
}
