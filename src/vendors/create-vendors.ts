import type { Config, DebitsuccessSettings, KognitivSettings } from '../config.js';
import { DebitsuccessBilling } from './debitsuccess/debitsuccess-billing.js';
import { DebitsuccessMessages } from './debitsuccess/debitsuccess-messages.js';
import type { ContractDrift } from './kognitiv/contract-drift.js';
import { KognitivLoyalty } from './kognitiv/kognitiv-loyalty.js';
import { createVendorAgents } from './vendor-agents.js';
import type { VendorDatasources } from './vendor-operations.js';

export interface VendorClients extends VendorDatasources {
  /** How the vendors' WSDLs, as read at creation, differ from the contracts the product uses. */
  contractDrift: readonly ContractDrift[];
  close(): void;
}

/** Creates every datasource once, at start-up (WSDLs are read and parsed here, not per request). */
export async function createVendorClients(
  kognitiv: KognitivSettings,
  debitsuccess: DebitsuccessSettings,
  limits: Pick<Config['limits'], 'maxSocketsPerVendor'> & { maxResponseBytes: number; propagateTrace?: boolean },
): Promise<VendorClients> {
  const { maxResponseBytes, propagateTrace } = limits;
  const maxSockets = limits.maxSocketsPerVendor;
  // One bounded socket pool per vendor: Debitsuccess's SOAP and REST clients share theirs.
  const kognitivAgents = createVendorAgents(limits.maxSocketsPerVendor);
  const debitsuccessAgents = createVendorAgents(limits.maxSocketsPerVendor);
  const [kognitivClient, messages] = await Promise.all([
    KognitivLoyalty.create({ ...kognitiv, maxResponseBytes, maxSockets, propagateTrace, agents: kognitivAgents }),
    DebitsuccessMessages.create({ ...debitsuccess, maxResponseBytes, maxSockets, propagateTrace, agents: debitsuccessAgents }),
  ]).catch((error: unknown) => {
    kognitivAgents.close();
    debitsuccessAgents.close();
    throw error;
  });
  const billing = new DebitsuccessBilling({ ...debitsuccess, maxResponseBytes, maxSockets, propagateTrace, agents: debitsuccessAgents });
  return {
    kognitiv: kognitivClient,
    debitsuccessMessages: messages,
    debitsuccessBilling: billing,
    contractDrift: kognitivClient.contractDrift,
    close() {
      kognitivClient.close();
      messages.close();
      billing.close();
      kognitivAgents.close();
      debitsuccessAgents.close();
    },
  };
}
