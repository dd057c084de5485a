import type { SandboxVendors } from '../src/sandbox/start-sandbox-vendors.js';

/** Settings for `node dist/src/main.js` against the benchmark's sandboxes (live vendor mode). */
export function subgraphEnvFor(sandboxes: SandboxVendors): Record<string, string> {
  const kognitiv = sandboxes.kognitiv!.settings;
  const debitsuccess = sandboxes.debitsuccess!.settings;
  return {
    NODE_ENV: 'development',
    // Request log lines would be part of what is measured; warnings and errors still show.
    LOG_LEVEL: 'warn',
    KOGNITIV_URL: kognitiv.url,
    KOGNITIV_SECURITY_TOKEN: kognitiv.securityToken,
    KOGNITIV_LOYALTY_PROGRAM_ID: String(kognitiv.loyaltyProgramId),
    KOGNITIV_LOCATION: kognitiv.defaultLocation,
    DEBITSUCCESS_SOAP_URL: debitsuccess.soapUrl,
    DEBITSUCCESS_USERNAME: debitsuccess.username,
    DEBITSUCCESS_PASSWORD: debitsuccess.password,
    DEBITSUCCESS_API_URL: debitsuccess.apiUrl,
    DEBITSUCCESS_TOKEN_URL: debitsuccess.tokenUrl,
    DEBITSUCCESS_CLIENT_ID: debitsuccess.clientId,
    DEBITSUCCESS_CLIENT_SECRET: debitsuccess.clientSecret,
    // The benchmark measures the subgraph, not the login throttle or the breakers.
    BREAKER_THRESHOLD: '1000000',
  };
}
