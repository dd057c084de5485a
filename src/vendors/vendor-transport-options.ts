import type { VendorHttpOptions } from './vendor-http.js';

/**
 * How a datasource reaches its vendor, besides the vendor's own settings: the same for every datasource. The trusted
 * origin is the datasource's own business (Kognitiv's is its URL's), so callers do not give it.
 */
export type VendorTransportOptions = Omit<VendorHttpOptions, 'allowedOrigin'>;
