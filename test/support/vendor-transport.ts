import { settingDefault } from '../../src/config.js';

/**
 * The transport bounds a datasource takes, at the settings' defaults (config holds them): for tests that build a
 * datasource or the vendor clients themselves rather than through the app.
 */
export const DEFAULT_TRANSPORT = {
  maxSockets: settingDefault('MAX_SOCKETS_PER_VENDOR'),
  maxResponseBytes: settingDefault('MAX_VENDOR_RESPONSE_BYTES'),
};

/** The same bounds as `createVendorClients` takes them. */
export const DEFAULT_VENDOR_LIMITS = {
  maxSocketsPerVendor: DEFAULT_TRANSPORT.maxSockets,
  maxResponseBytes: DEFAULT_TRANSPORT.maxResponseBytes,
};
