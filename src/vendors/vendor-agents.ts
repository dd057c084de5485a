import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';

/** One keep-alive socket pool per vendor, shared by its SOAP and REST clients and bounded in size. */
export interface VendorAgents {
  http: HttpAgent;
  https: HttpsAgent;
  close(): void;
}

export function createVendorAgents(maxSockets: number): VendorAgents {
  const options = { keepAlive: true, maxSockets };
  const http = new HttpAgent(options);
  const https = new HttpsAgent(options);
  return {
    http,
    https,
    close() {
      http.destroy();
      https.destroy();
    },
  };
}
