import { settingDefault, type DebitsuccessSettings, type KognitivSettings } from '../config.js';
import { startDebitsuccessSandbox, type DebitsuccessSandbox } from './debitsuccess/debitsuccess-sandbox.js';
import { startKognitivSandbox, type KognitivSandbox } from './kognitiv/kognitiv-sandbox.js';
import { SANDBOX_CREDENTIALS } from './seed.js';

export interface SandboxVendors {
  kognitiv?: { settings: KognitivSettings; sandbox: KognitivSandbox };
  debitsuccess?: { settings: DebitsuccessSettings; sandbox: DebitsuccessSandbox };
  close(): Promise<void>;
}

/**
 * Starts a simulator for each vendor that has no live settings, on loopback ports of its own, and
 * returns the settings that point the real datasources at it: sandbox mode exercises the same code
 * as production, down to the wire.
 */
export async function startSandboxVendors(
  which: { kognitiv: boolean; debitsuccess: boolean },
  options: { host?: string; latencyMs?: number; ports?: { kognitiv?: number; debitsuccess?: number } } = {},
): Promise<SandboxVendors> {
  const host = options.host ?? '127.0.0.1';
  const [kognitiv, debitsuccess] = await Promise.all([
    which.kognitiv ? startKognitivSandbox({ host, port: options.ports?.kognitiv ?? 0, latencyMs: options.latencyMs }) : undefined,
    which.debitsuccess
      ? startDebitsuccessSandbox({ host, port: options.ports?.debitsuccess ?? 0, latencyMs: options.latencyMs })
      : undefined,
  ]);
  return {
    kognitiv: kognitiv && {
      settings: {
        url: kognitiv.url,
        securityToken: SANDBOX_CREDENTIALS.kognitivSecurityToken,
        loyaltyProgramId: SANDBOX_CREDENTIALS.kognitivLoyaltyProgramId,
        defaultLocation: SANDBOX_CREDENTIALS.kognitivLocation,
        wsdl: 'remote',
        timeoutMs: settingDefault('KOGNITIV_TIMEOUT_MS'),
      },
      sandbox: kognitiv,
    },
    debitsuccess: debitsuccess && {
      settings: {
        soapUrl: debitsuccess.soapUrl,
        soapAction: settingDefault('DEBITSUCCESS_SOAP_ACTION'),
        username: SANDBOX_CREDENTIALS.debitsuccessUsername,
        password: SANDBOX_CREDENTIALS.debitsuccessPassword,
        requestInitiator: settingDefault('DEBITSUCCESS_REQUEST_INITIATOR'),
        apiUrl: debitsuccess.apiUrl,
        tokenUrl: debitsuccess.tokenUrl,
        clientId: SANDBOX_CREDENTIALS.debitsuccessClientId,
        clientSecret: SANDBOX_CREDENTIALS.debitsuccessClientSecret,
        timeoutMs: settingDefault('DEBITSUCCESS_TIMEOUT_MS'),
      },
      sandbox: debitsuccess,
    },
    async close() {
      await Promise.all([kognitiv?.close(), debitsuccess?.close()]);
    },
  };
}
