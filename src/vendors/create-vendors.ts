import type { DebitsuccessSettings, KognitivSettings } from '../config.js';
import { DebitsuccessBilling } from './debitsuccess/debitsuccess-billing.js';
import { DebitsuccessMessages } from './debitsuccess/debitsuccess-messages.js';
import { KognitivLoyalty } from './kognitiv/kognitiv-loyalty.js';

export interface VendorClients {
  kognitiv: KognitivLoyalty;
  debitsuccessMessages: DebitsuccessMessages;
  debitsuccessBilling: DebitsuccessBilling;
  close(): void;
}

/** Creates every datasource once, at start-up (WSDLs are read and parsed here, not per request). */
export async function createVendorClients(
  kognitiv: KognitivSettings,
  debitsuccess: DebitsuccessSettings,
  limits: { maxResponseBytes?: number } = {},
): Promise<VendorClients> {
  const { maxResponseBytes } = limits;
  const [kognitivClient, messages] = await Promise.all([
    KognitivLoyalty.create({ ...kognitiv, maxResponseBytes }),
    DebitsuccessMessages.create({
      url: debitsuccess.soapUrl,
      soapAction: debitsuccess.soapAction,
      username: debitsuccess.username,
      password: debitsuccess.password,
      userId: debitsuccess.userId,
      requestInitiator: debitsuccess.requestInitiator,
      timeoutMs: debitsuccess.timeoutMs,
      maxResponseBytes,
    }),
  ]);
  const billing = new DebitsuccessBilling({
    apiUrl: debitsuccess.apiUrl,
    tokenUrl: debitsuccess.tokenUrl,
    clientId: debitsuccess.clientId,
    clientSecret: debitsuccess.clientSecret,
    timeoutMs: debitsuccess.timeoutMs,
    maxResponseBytes,
  });
  return {
    kognitiv: kognitivClient,
    debitsuccessMessages: messages,
    debitsuccessBilling: billing,
    close() {
      kognitivClient.close();
      messages.close();
      billing.close();
    },
  };
}
