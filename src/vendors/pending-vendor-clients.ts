import type { Logger } from 'pino';
import type { VendorClients } from './create-vendors.js';
import type { ContractDrift } from './kognitiv/contract-drift.js';
import { VendorTransportError } from './vendor-error.js';
import { callVendor, vendorsCalling, type VendorOperation, type Vendors } from './vendor-operations.js';

/**
 * The vendor clients (datasources), pending until they exist. In live mode the WSDLs are fetched at start-up; a vendor that is
 * down then must not keep the subgraph from starting, so creation is retried in the background and
 * calls made meanwhile fail fast as not sent (retryable). `/ready` reports `isReady()`.
 */
export class PendingVendorClients {
  private clients?: VendorClients;
  private stopped = false;
  private timer?: NodeJS.Timeout;

  isReady(): boolean {
    return this.clients !== undefined;
  }

  /** How the vendors' WSDLs differ from the contracts (empty until the clients exist): `/ready` and a metric report it. */
  contractDrift(): readonly ContractDrift[] {
    return this.clients?.contractDrift ?? [];
  }

  /** Tries `create` until it succeeds, waiting `retryDelayMs` (doubling up to a minute) between attempts. */
  connect(create: () => Promise<VendorClients>, logger: Logger, retryDelayMs = 1_000): Promise<void> {
    return new Promise((resolve) => {
      const attempt = (delay: number) => {
        create().then(
          (clients) => {
            if (this.stopped) clients.close();
            else this.clients = clients;
            // Not a reason to be unready: each drift breaks at most the calls that use its item, and every replica reads the
            // same WSDL, so refusing readiness would stop the operations that still work too.
            for (const drift of clients.contractDrift) {
              const { service, item, change } = drift;
              logger.warn({ contractDrift: drift }, `vendor contract drift: ${drift.vendor} ${service} ${item} (${change})`);
            }
            logger.info('vendor clients ready');
            resolve();
          },
          (error: unknown) => {
            if (this.stopped) return resolve();
            logger.warn(
              { err: { message: error instanceof Error ? error.message : String(error) }, retryInMs: delay },
              'vendor clients not ready (WSDL unreachable?), retrying',
            );
            this.timer = setTimeout(() => attempt(Math.min(delay * 2, 60_000)), delay);
          },
        );
      };
      attempt(retryDelayMs);
    });
  }

  close(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.clients?.close();
  }

  private require(operation: VendorOperation): VendorClients {
    if (!this.clients)
      throw new VendorTransportError(operation, 'CONNECTION', false, 'vendor clients not created yet (WSDL unreachable at start-up)');
    return this.clients;
  }

  /** The Vendors surface, answering "not sent" until the clients exist. */
  readonly vendors: Vendors = vendorsCalling(async (datasource, method, operation, args) =>
    callVendor(this.require(operation), datasource, method, args),
  );
}
