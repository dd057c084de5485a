import type { DebitsuccessBilling } from './debitsuccess/debitsuccess-billing.js';
import type { DebitsuccessMessages } from './debitsuccess/debitsuccess-messages.js';
import { KOGNITIV_METHODS, serviceLabelOf, type KognitivMethodKey } from './kognitiv/asmx-contract.js';
import type { KognitivLoyalty } from './kognitiv/kognitiv-loyalty.js';
import type { VendorCall } from './vendor-error.js';

/**
 * Every vendor call resolvers may make, declared once: which vendor and service (one breaker each) it goes to, over
 * SOAP or REST, its name in logs and errors, and whether it changes something at the vendor. Kognitiv's names and
 * services are its contract's (`kognitiv/asmx-contract.ts`); only their kind is written here. A write is never repeated after
 * it may have arrived, and a write lost in flight is reported as an unknown outcome: forgetting `write` here
 * would invite a duplicate effect, so the `Vendors` surface, the pending vendor clients and the resilience layer are all
 * built from this table.
 */
export interface VendorOperation extends VendorCall {
  /** A vendor service (one breaker each), e.g. `LoyaltyMember.asmx`. */
  service: string;
  kind: 'read' | 'write';
}

/** Each Kognitiv method of the contract with its kind; a method left out, or one the contract lacks, does not compile. */
function kognitivOperations(kinds: Record<KognitivMethodKey, VendorOperation['kind']>): Record<KognitivMethodKey, VendorOperation> {
  const operations = (Object.keys(KOGNITIV_METHODS) as KognitivMethodKey[]).map((key) => {
    const { service, method } = KOGNITIV_METHODS[key];
    const operation: VendorOperation = {
      vendor: 'KOGNITIV',
      transport: 'SOAP',
      service: serviceLabelOf(service),
      operation: method.name,
      kind: kinds[key],
    };
    return [key, operation];
  });
  return Object.fromEntries(operations) as Record<KognitivMethodKey, VendorOperation>;
}

export const VENDOR_OPERATIONS = {
  kognitiv: kognitivOperations({
    fetchLoyaltyMemberCore: 'read',
    fetchMemberPointBalances: 'read',
    saveAccountPhone: 'write',
    productPromotionEntry: 'write',
    // Records an Internet Visit interaction at Kognitiv.
    externalLogin: 'write',
    recordInteraction: 'write',
  }),
  debitsuccessMessages: {
    updateClientPhoneNumber: {
      vendor: 'DEBITSUCCESS',
      transport: 'SOAP',
      service: 'Messages',
      operation: 'UpdateClientPhoneNumber',
      kind: 'write',
    },
  },
  debitsuccessBilling: {
    findAccountsByExternalId: {
      vendor: 'DEBITSUCCESS',
      transport: 'REST',
      service: 'CustomerServices',
      operation: 'GET /accounts',
      kind: 'read',
    },
    // Every page of one customer's numbers is one logical read: retried, timed and counted by the breaker as one.
    listPhoneNumbers: {
      vendor: 'DEBITSUCCESS',
      transport: 'REST',
      service: 'CustomerServices',
      operation: 'GET /customers/{customerId}/phoneNumbers',
      kind: 'read',
    },
  },
} as const satisfies Record<string, Record<string, VendorOperation>>;

type Operations = typeof VENDOR_OPERATIONS;

/** The datasources themselves, one per key of VENDOR_OPERATIONS. */
export interface VendorDatasources {
  kognitiv: KognitivLoyalty;
  debitsuccessMessages: DebitsuccessMessages;
  debitsuccessBilling: DebitsuccessBilling;
}

/** What resolvers may call at each vendor: the datasources' narrow surface (the declared operations), nothing of their transport. */
export type Vendors = { [D in keyof Operations]: Pick<VendorDatasources[D], keyof Operations[D] & keyof VendorDatasources[D]> };

type AnyCall = (...args: unknown[]) => Promise<unknown>;

/**
 * Builds a `Vendors` surface whose every method is `call(datasource, method, operation, args)`: how the wrappers
 * (pending clients, resilience) are written once for all operations instead of once per method.
 */
export function vendorsCalling(
  call: (datasource: keyof Vendors, method: string, operation: VendorOperation, args: unknown[]) => Promise<unknown>,
): Vendors {
  const entries = Object.entries(VENDOR_OPERATIONS).map(([datasource, methods]) => [
    datasource,
    Object.fromEntries(
      Object.entries(methods).map(([method, operation]): [string, AnyCall] => [
        method,
        (...args) => call(datasource as keyof Vendors, method, operation, args),
      ]),
    ),
  ]);
  return Object.fromEntries(entries) as Vendors;
}

/** Calls `method` on the matching datasource of `vendors` (the way back from `vendorsCalling`'s dynamic names). */
export function callVendor(vendors: Vendors, datasource: keyof Vendors, method: string, args: unknown[]): Promise<unknown> {
  const target = vendors[datasource] as unknown as Record<string, AnyCall>;
  return target[method]!.apply(target, args);
}
