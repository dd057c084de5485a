import axios, { type AxiosInstance } from 'axios';
import { createVendorAgents, type VendorAgents } from './vendor-agents.js';

export interface SoapTransportOptions {
  /** The vendor's shared socket pool; without it the transport makes (and closes) its own. */
  agents?: VendorAgents;
  maxSockets?: number;
  /** Answers larger than this are refused before parsing (MALFORMED_RESPONSE). */
  maxResponseBytes?: number;
}

export interface SoapTransport {
  /** Handed to node-soap as its `request` option. */
  http: AxiosInstance;
  close(): void;
}

/** Keep-alive HTTP for node-soap. Redirects are off: a SOAP endpoint that redirects is misconfigured. */
export function createSoapTransport(options: SoapTransportOptions = {}): SoapTransport {
  const agents = options.agents ?? createVendorAgents(options.maxSockets);
  const maxBytes = options.maxResponseBytes ?? 1024 * 1024;
  return {
    http: axios.create({ httpAgent: agents.http, httpsAgent: agents.https, maxRedirects: 0, maxContentLength: maxBytes, maxBodyLength: 10 * 1024 * 1024 }),
    close() {
      if (!options.agents) agents.close();
    },
  };
}
