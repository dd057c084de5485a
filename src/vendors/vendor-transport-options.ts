import type { VendorAgents } from './vendor-agents.js';

/** How a datasource reaches its vendor, besides the vendor's own settings: the same for every datasource. */
export interface VendorTransportOptions {
  /** MAX_SOCKETS_PER_VENDOR (config holds the default): bounds the pool a datasource makes when given no `agents`. */
  maxSockets: number;
  /** MAX_VENDOR_RESPONSE_BYTES (config holds the default). */
  maxResponseBytes: number;
  /** The vendor's shared socket pool; without it the datasource makes (and closes) its own. */
  agents?: VendorAgents;
  /** Sends the W3C trace headers to the vendor (VENDOR_TRACE_PROPAGATION); off, vendors see no trace id. */
  propagateTrace?: boolean;
}
